"""Golden samples: page dumps we wrote, what newsclean makes of them, and what it should make.

Each folder of ``samples/`` is named after the rule file that cleans it.
A sample is ``NAME.txt`` (the dump), ``NAME.gold.json`` (a hand-made
reading of the page) and ``expected/NAME/`` (the files newsclean writes).
The tests compare a fresh run with ``expected/`` (any change in output is
seen in review) and ``expected/`` with the gold (the output is right).

    python -m tests.golden --write     rewrite expected/ for every sample (make golden)
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsclean.pipeline import Result, clean_text
from newsclean.render import records, render_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
_MARKS = re.compile(r"[■□◆◇●▲\s]")


@dataclass(frozen=True)
class Sample:
    rules: str
    dump: Path

    @property
    def name(self) -> str:
        return f"{self.rules}/{self.dump.stem}"

    @property
    def gold_path(self) -> Path:
        return self.dump.with_name(f"{self.dump.stem}.gold.json")

    @property
    def expected_dir(self) -> Path:
        return self.dump.parent / "expected" / self.dump.stem

    def gold(self) -> dict:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))

    def run(self) -> Result:
        return clean_text(self.dump.read_text(encoding="utf-8"), self.rules, source=self.dump.name)

    def rendered(self, result: Result | None = None) -> dict[str, str]:
        return dict(render_files(result or self.run(), self.dump.stem))

    def expected(self) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(self.expected_dir.glob("*"))}


def all_samples() -> list[Sample]:
    return [
        Sample(folder.name, dump)
        for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir())
        for dump in sorted(folder.glob("*.txt"))
    ]


def gold_articles(rules: str = "default", prefix: str = "zh-") -> list[dict]:
    """The articles of the gold readings of one folder's samples whose names start with ``prefix``, in name order.

    The property tests build new pages from them: text we wrote, read the way it should be.
    """
    return [
        article
        for sample in all_samples()
        if sample.rules == rules and sample.dump.stem.startswith(prefix)
        for article in sample.gold()["articles"]
    ]


def write_expected(sample: Sample, result: Result) -> None:
    """Rewrite ``expected/`` of a sample with the files newsclean makes of ``result``, the sample's fresh run."""
    sample.expected_dir.mkdir(parents=True, exist_ok=True)
    for old in sample.expected_dir.glob("*"):
        old.unlink()
    for name, text in sample.rendered(result).items():
        (sample.expected_dir / name).write_text(text, encoding="utf-8")


# -- comparison with the gold ---------------------------------------------------------
def _key(text: str | None) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFC", text or ""))


def _bigrams(text: str) -> Counter:
    text = _key(text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _overlap(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * sum((x & y).values()) / max(1, sum(x.values()) + sum(y.values()))


def _byline_ok(out, gold) -> bool:
    outs = [out] if isinstance(out, str) else list(out or [])
    golds = [gold] if isinstance(gold, str) else list(gold or [])
    if not golds:
        return not outs
    accepted = {_key(g) for g in golds}
    return bool(outs) and (_key("".join(outs)) in accepted or all(_key(o) in accepted for o in outs))


def differences(result: Result, gold: dict) -> list[str]:
    """Where newsclean's reading of a page differs from the gold; [] when it agrees.

    A gold may list differences the dump cannot decide (``undecidable``, each
    with the reason); those are not counted.
    """
    excused = {u["difference"] for u in gold.get("undecidable") or []}
    return [p for p in _differences(result, gold) if p not in excused]


def _differences(result: Result, gold: dict) -> list[str]:
    outs = records(result)
    problems = []
    used = set()
    for g in gold["articles"]:
        body = "".join(g["paragraphs"])
        scored = [(_overlap(body, "".join(o["paragraphs"])), i) for i, o in enumerate(outs) if i not in used]
        score, best = max(scored, default=(0.0, None))
        if best is None or score < 0.3:
            problems.append(f"{g['id']}: not found")
            continue
        used.add(best)
        o = outs[best]
        if [h.strip() for h in g.get("headline") or []] != o["headline"]:
            problems.append(f"{g['id']}: headline {o['headline']} should be {g.get('headline')}")
        for role in ("kicker", "title", "subtitle"):
            if g.get(role) and _key(g[role]) != _key(o.get(role)):
                problems.append(f"{g['id']}: {role} {o.get(role)!r} should be {g[role]!r}")
        if not _byline_ok(o["byline"], g.get("byline")):
            problems.append(f"{g['id']}: byline {o['byline']!r} should be {g.get('byline')!r}")
        if _key(g.get("dateline")) != _key(o["dateline"]):
            problems.append(f"{g['id']}: dateline {o['dateline']!r} should be {g.get('dateline')!r}")
        if bool(g.get("continued")) != o["continued"]:
            problems.append(f"{g['id']}: continued is {o['continued']}, should be {bool(g.get('continued'))}")
        problems += _paragraph_differences(g["id"], o["paragraphs"], g["paragraphs"])
        for key in ("captions", "jumps"):
            if [_key(x) for x in o[key]] != [_key(x) for x in g.get(key) or []]:
                problems.append(f"{g['id']}: {key} {o[key]} should be {g.get(key) or []}")
    for i, o in enumerate(outs):
        if i not in used:
            problems.append(f"extra article {o['n']} (lines {o['lines']}): {''.join(o['paragraphs'])[:30]!r}")
    residue = Counter(_key(b.text) for b in result.residue)
    wanted = Counter(_key(r) for r in gold.get("residue") or [])
    if residue != wanted:
        problems.append(f"residue {sorted(residue.elements())} should be {sorted(wanted.elements())}")
    return problems


def _paragraph_differences(article: str, out: list[str], gold: list[str]) -> list[str]:
    if out == gold:
        return []
    if len(out) != len(gold):
        return [
            f"{article}: {len(out)} paragraphs, should be {len(gold)}: "
            + "; ".join(f"{i + 1}. {p[:12]}…" for i, p in enumerate(out))
        ]
    return [
        f"{article}: paragraph {i + 1} is {o!r}, should be {g!r}" for i, (o, g) in enumerate(zip(out, gold)) if o != g
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite expected/ of every sample")
    args = parser.parse_args()
    for sample in all_samples():
        result = sample.run()
        problems = differences(result, sample.gold())
        if args.write:
            write_expected(sample, result)
        status = "agrees with its gold" if not problems else f"{len(problems)} differences from its gold"
        print(f"{sample.name}: {status}")
        for problem in problems:
            print(f"    {problem}")


if __name__ == "__main__":
    main()
