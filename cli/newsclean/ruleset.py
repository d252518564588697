"""Rule files: which passes run, in which order, with which options.

A rule file names the pipeline (an ordered list of passes with options), may
``extends:`` another rule file (a shipped one by name, any other by path),
may set options of passes it inherits under ``passes:``, and sets output
options.  Loading checks everything and collects every problem, printed the
way compilers print them (``my.yaml:14:7: pipeline[2].fix_quotes: unknown
option 'styel' (did you mean 'style'?)``), so a user fixes a file in one go.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .options import ORIGIN, closest, coerce_fields, did_you_mean, option
from .passes import find_pass
from .passes.base import Pass
from .yamlsource import Located, YamlError, load_located

DEFAULT_RULES = "default"
TOP_LEVEL_KEYS = ("description", "extends", "pipeline", "passes", "output")
ENABLED = "enabled"  # a key every pass accepts in its options
RULE_SUFFIXES = (".yaml", ".yml")


@dataclass
class OutputOptions:
    format: Literal["md", "jsonl"] = option(
        "md", "md: one Markdown file per article; jsonl: one JSON object per article"
    )
    filename: str = option(
        "{stem}-{n:02d}-{slug}.md",
        "file name of each article: {stem} page file name without extension, {n} article number, "
        "{slug} headline (made safe for every file system)",
    )
    residue: str = option(
        "_{stem}-residue.md",
        "file name of the page text that belongs to no article ({stem} as above); "
        "it starts with '_' to tell it from the articles",
    )


class RuleError(Exception):
    """A rule file could not be used; ``messages`` holds one compiler-style line per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Step:
    """One entry of the resolved pipeline."""

    name: str
    pass_cls: type[Pass]
    enabled: bool = True
    options: dict = field(default_factory=dict)

    def build_options(self) -> Any:
        return self.pass_cls.Options(**self.options)


@dataclass
class RuleSet:
    name: str
    files: list[str]
    steps: list[Step]
    output: OutputOptions
    description: str = ""

    def step(self, name: str) -> Step:
        for s in self.steps:
            if s.name == name:
                return s
        raise RuleError(
            [
                f"{self.name}: pass {name!r} is not in the pipeline"
                + did_you_mean(name, [s.name for s in self.steps])
                + f"; the pipeline is: {', '.join(s.name for s in self.steps)}"
            ]
        )

    def digest(self) -> str:
        """A hash of everything that decides the output, to tell whether a page needs redoing."""
        import hashlib  # here: only a batch needs it, and OpenSSL's start-up slows every `newsclean clean`

        state = {
            "version": __version__,
            "steps": [[s.name, s.enabled, plain(s.options, origins=False)] for s in self.steps],
            "output": plain(self.output, origins=False),
        }
        return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def plain(value: Any, origins: bool = True) -> Any:
    """Option values as JSON data, for ``newsclean rules show`` and the digest.

    ``origins=False`` leaves out the origin fields (``options.origin_field``):
    where a rule was written names it in messages but changes no output, so a
    comment added to a rule file, or its path written another way, must not
    make a batch clean every page again.
    """
    if dataclasses.is_dataclass(value):
        fields = [f for f in dataclasses.fields(value) if origins or not f.metadata.get(ORIGIN)]
        return {f.name: plain(getattr(value, f.name), origins) for f in fields}
    if isinstance(value, dict):
        return {k: plain(v, origins) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, origins) for v in value]
    return value


def shipped_rules_dir() -> Path:
    """The folder of the rule files newsclean ships.

    A wheel installs them inside the package; a source checkout (an editable
    install) keeps them in ``rules/`` at the top of the repository.
    """
    bundled = Path(__file__).with_name("rules")
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "rules"


def shipped_rule_names() -> list[str]:
    return sorted(p.stem for p in shipped_rules_dir().glob("*.yaml"))


def _is_rule_name(text: str) -> bool:
    """``default`` names a shipped rule file; ``my.yaml`` or ``rules/x`` is a path."""
    return "/" not in text and "\\" not in text and not text.endswith(RULE_SUFFIXES)


def resolve_rule_path(spec: str | Path, relative_to: Path | None = None) -> Path | None:
    """A shipped rule file by name (``default``), or a path; None when there is no such file."""
    text = str(spec)
    if _is_rule_name(text):
        path = shipped_rules_dir() / f"{text}.yaml"
        return path if path.is_file() else None
    path = Path(text).expanduser()
    if not path.is_absolute() and relative_to is not None:
        path = relative_to / path
    return path if path.is_file() else None


def load_rules(spec: str | Path | None = None) -> RuleSet:
    """Load and check a rule file and everything it extends; raise RuleError listing every problem.

    No rule file (None) means the default one; an empty name is a mistake,
    so it is reported like any name that is not a rule file.
    """
    spec = DEFAULT_RULES if spec is None else spec
    path = resolve_rule_path(spec)
    if path is None:
        shown = str(spec) or "''"  # an empty name must still show in the message
        raise RuleError([f"{shown}: no such rule file" + _rule_file_hint(str(spec), Path.cwd())])
    return _Loader().load(path)


def check_rule_file(path: str | Path) -> list[str]:
    """Every problem of a rule file (and of what it extends), compiler-style; [] when it is fine."""
    try:
        load_rules(path)
    except RuleError as exc:
        return exc.messages
    return []


def _rule_file_hint(spec: str, folder: Path) -> str:
    """What a user may have meant by a rule file that does not exist."""
    shipped = shipped_rule_names()
    if _is_rule_name(spec):
        return did_you_mean(spec, shipped) + f"; shipped rule files: {', '.join(shipped)}"
    # A path: a rule file beside the one it names, written the way the user wrote the path.
    wanted = Path(spec).expanduser()
    beside = wanted.parent if wanted.is_absolute() else folder / wanted.parent
    files = {p.stem: p.name for p in beside.glob("*") if p.suffix in RULE_SUFFIXES} if beside.is_dir() else {}
    close = closest(wanted.stem, files)  # stems, or the shared suffix would make any two names look alike
    return f" (did you mean {str(Path(spec).with_name(files[close]))!r}?)" if close else ""


def _pass_name_at(where: tuple) -> tuple:
    """Where a pipeline entry names its pass: the key of ``name: {options}``, or the plain name."""
    return where[:2] + (("key", where[2]),) if len(where) > 2 else where


def _display(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, tuple):  # ("key", name): the problem is the key itself
            break
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _stamp_origins(value: Any, at: tuple, file: Path, doc: Located) -> None:
    """Fill every origin field (see ``options.origin_field``) with the file and line of its entry."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.metadata.get(ORIGIN):
                setattr(value, f.name, f"{file}:{doc.where(at)[0]}")
            else:
                _stamp_origins(getattr(value, f.name), at + (f.name,), file, doc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _stamp_origins(item, at + (i,), file, doc)
    elif isinstance(value, dict):
        for key, item in value.items():
            _stamp_origins(item, at + (key,), file, doc)


class _Loader:
    """Loads one chain of rule files, collecting problems from all of them."""

    def __init__(self):
        self.problems: list[tuple[Path, int, int, str]] = []  # file, line, column, message
        self.chain: list[Path] = []

    def load(self, path: Path) -> RuleSet:
        resolved = self._load_file(path)
        if self.problems:
            raise RuleError(self._messages())
        steps, output, description = resolved
        return RuleSet(str(path), [str(p) for p in self.chain], steps, OutputOptions(**output), description)

    def _messages(self) -> list[str]:
        """Problems file by file (the file given first), each file's in the order of its lines, as compilers do."""
        order = {file: i for i, file in reversed(list(enumerate(p for p, *_ in self.problems)))}
        ranked = sorted(self.problems, key=lambda p: (order[p[0]], p[1], p[2]))
        return [f"{file}:{line}:{col}: {message}" for file, line, col, message in ranked]

    def _problem(self, file: Path, doc: Located | None, path: tuple, message: str):
        line, col = doc.where(path) if doc else (1, 1)
        shown = _display(path)
        self.problems.append((file, line, col, f"{shown + ': ' if shown else ''}{message}"))

    def _load_file(self, path: Path) -> tuple[list[Step], dict, str]:
        self.chain.append(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append((path, 1, 1, f"cannot read rule file: {exc}"))
            return [], {}, ""
        try:
            doc = load_located(text)
        except YamlError as exc:
            self.problems += [(path, line, col, message) for line, col, message in exc.problems]
            return [], {}, ""
        data = doc.data if doc.data is not None else {}
        if not isinstance(data, dict):
            self._problem(path, doc, (), "a rule file is a mapping with keys " + ", ".join(TOP_LEVEL_KEYS))
            return [], {}, ""
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self._problem(path, doc, (("key", key),), f"unknown key {key!r}" + did_you_mean(key, TOP_LEVEL_KEYS))

        steps, output, description = [], {}, ""
        if "extends" in data:
            steps, output, description = self._extends(path, doc, data["extends"])
        if "description" in data:
            if isinstance(data["description"], str):
                description = data["description"]
            else:
                self._problem(path, doc, ("description",), "expected text")
        if "pipeline" in data:
            steps = self._pipeline(path, doc, data["pipeline"], {s.name: s for s in steps})
        if "passes" in data:
            self._pass_options(path, doc, data["passes"], steps)
        if "output" in data:
            output = {**output, **self._output(path, doc, data["output"])}
        return steps, output, description

    def _extends(self, path: Path, doc: Located, spec: Any) -> tuple[list[Step], dict, str]:
        if not isinstance(spec, str):
            self._problem(path, doc, ("extends",), "expected the name or path of a rule file")
            return [], {}, ""
        parent = resolve_rule_path(spec, relative_to=path.parent)
        if parent is None:
            self._problem(path, doc, ("extends",), f"no rule file {spec!r}" + _rule_file_hint(spec, path.parent))
            return [], {}, ""
        if parent.resolve() in [p.resolve() for p in self.chain]:
            cycle = " -> ".join(str(p) for p in self.chain + [parent])
            self._problem(path, doc, ("extends",), f"rule files extend each other in a circle: {cycle}")
            return [], {}, ""
        return self._load_file(parent)

    def _pipeline(self, path: Path, doc: Located, entries: Any, inherited: dict[str, Step]) -> list[Step]:
        """The steps of a ``pipeline:`` list; a pass the extended file also runs keeps its options from there."""
        if not isinstance(entries, list):
            self._problem(path, doc, ("pipeline",), "expected a list of passes")
            return []
        steps, seen = [], {}
        for i, entry in enumerate(entries):
            where = ("pipeline", i)
            if isinstance(entry, str):
                name, raw = entry, {}
            elif isinstance(entry, dict) and len(entry) == 1:
                name, raw = next(iter(entry.items()))
                where = where + (name,)
                raw = {} if raw is None else raw
            else:
                self._problem(path, doc, where, "a pipeline entry is a pass name, or 'name: {options}'")
                continue
            if name in seen:
                # `passes:`, --enable and --disable name a pass, so a name must mean one step.
                message = f"pass {name!r} is already in the pipeline at pipeline[{seen[name]}]"
                self._problem(path, doc, _pass_name_at(where), message)
                continue
            seen[name] = i
            step = self._step(path, doc, where, name, raw, inherited.get(name))
            if step:
                steps.append(step)
        return steps

    def _step(self, path: Path, doc: Located, where: tuple, name: Any, raw: Any, inherited: Step | None) -> Step | None:
        pass_cls = find_pass(name) if isinstance(name, str) else None
        if pass_cls is None:
            from .passes import all_passes

            known, broken = all_passes()
            message = broken.get(name) or (
                f"unknown pass {name!r}" + did_you_mean(name, known) + "; `newsclean passes` lists them"
            )
            self._problem(path, doc, _pass_name_at(where), message)
            return None
        step = Step(name, pass_cls)
        if inherited:
            # Restating the pipeline (to reorder it or add a pass) must not drop the patterns it extends.
            step.enabled, step.options = inherited.enabled, copy.deepcopy(inherited.options)
        self._apply_options(path, doc, where, step, raw)
        return step

    def _apply_options(self, path: Path, doc: Located, where: tuple, step: Step, raw: Any) -> None:
        if not isinstance(raw, dict):
            self._problem(path, doc, where, "expected a mapping of options")
            return
        raw = dict(raw)
        if ENABLED in raw:
            if isinstance(raw[ENABLED], bool):
                step.enabled = raw[ENABLED]
            else:
                self._problem(path, doc, where + (ENABLED,), "expected true or false")
            del raw[ENABLED]
        values, problems = coerce_fields(raw, step.pass_cls.Options)
        problems += list(step.pass_cls().check(values))
        for sub, message in problems:
            self._problem(path, doc, where + sub, message)
        for key, value in values.items():
            _stamp_origins(value, where + (key,), path, doc)
        step.options.update(values)

    def _pass_options(self, path: Path, doc: Located, entries: Any, steps: list[Step]) -> None:
        if not isinstance(entries, dict):
            self._problem(path, doc, ("passes",), "expected a mapping of pass names to options")
            return
        by_name = {s.name: s for s in steps}
        for name, raw in entries.items():
            if name not in by_name:
                self._problem(
                    path,
                    doc,
                    ("passes", ("key", name)),
                    f"pass {name!r} is not in the pipeline"
                    + did_you_mean(name, by_name)
                    + "; list it under 'pipeline:' to add it",
                )
                continue
            self._apply_options(path, doc, ("passes", name), by_name[name], {} if raw is None else raw)

    def _output(self, path: Path, doc: Located, raw: Any) -> dict:
        if not isinstance(raw, dict):
            self._problem(path, doc, ("output",), "expected a mapping of output options")
            return {}
        values, problems = coerce_fields(raw, OutputOptions)
        from .naming import check_article_template, check_residue_template

        for key, check in (("filename", check_article_template), ("residue", check_residue_template)):
            if key in values:
                problems += [((key,), message) for message in check(values[key])]
        for sub, message in problems:
            self._problem(path, doc, ("output",) + sub, message)
        return values
