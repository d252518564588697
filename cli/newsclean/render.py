"""Turn a cleaned page into Markdown or JSON Lines.

Markdown: one document per article, YAML front matter first (source file and
lines, headline lines in reading order with their roles, byline, dateline,
flags), then the headline as headings, the byline, and the paragraphs
separated by blank lines.  Every front-matter string is written as a
double-quoted JSON string, which is valid YAML whatever the headline holds.
A stream of several documents can be split at the ``---`` lines: each
document has exactly two, and paragraphs never consist of ``---`` alone.

The residue (text that belongs to no article) is rendered too, with the kind
and dump lines of each block, so that nothing of the page is lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .chars import join_words
from .model import Article, Block
from .naming import JSONL_TEMPLATE, article_filename, page_filename
from .pipeline import Result

ROLES = ("kicker", "title", "subtitle")
# A paragraph that would read as Markdown structure is escaped with a backslash.
_MARKDOWN_START = re.compile(r"^(#{1,6}\s|>|[-*+]\s|\d+[.)]\s|(-{3,}|={3,}|\*{3,}|_{3,})\s*$)")


def headline_lines(article: Article) -> list[str]:
    return [b.text.strip() for b in article.headline]


def headline_roles(article: Article) -> dict[str, str]:
    """kicker / title / subtitle, where the headline pass found the roles."""
    roles: dict[str, list[str]] = {}
    for block in article.headline:
        role = block.meta.get("role")
        if role in ROLES:
            roles.setdefault(role, []).append(block.text.strip())
    return {role: join_words(lines) for role, lines in roles.items()}


def title_of(record: dict) -> str:
    """The headline's title where the headline pass found one, else the whole headline on one line."""
    return record.get("title") or join_words(record["headline"])


def bylines(article: Article) -> str | list[str] | None:
    texts = [b.text.strip() for b in article.bylines]
    if not texts:
        return None
    return texts[0] if len(texts) == 1 else texts


def article_record(result: Result, n: int, article: Article) -> dict:
    """Everything a reader or a script needs of one article, as plain data."""
    record = {
        "source": result.page.source,
        "n": n,
        "lines": [article.first, article.last],
        "headline": headline_lines(article),
        **headline_roles(article),
        "byline": bylines(article),
        "dateline": article.dateline,
        "continued": bool(article.flags.get("continued")),
        "flags": {k: v for k, v in article.flags.items() if k != "continued"},
        "paragraphs": [b.text for b in article.body],
        "captions": [b.text for b in article.captions],
        "jumps": [b.text for b in article.jumps],
    }
    return record


def _yaml_value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def front_matter(record: dict) -> list[str]:
    lines = ["---", f"source: {_yaml_value(record['source'])}", f'lines: "{record["lines"][0]}-{record["lines"][1]}"']
    if record["headline"]:
        lines.append("headline:")
        lines += [f"  - {_yaml_value(h)}" for h in record["headline"]]
    for key in ROLES:
        if record.get(key):
            lines.append(f"{key}: {_yaml_value(record[key])}")
    for key in ("byline", "dateline"):
        value = record[key]
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {_yaml_value(v)}" for v in value]
        elif value:
            lines.append(f"{key}: {_yaml_value(value)}")
    lines.append(f"continued: {'true' if record['continued'] else 'false'}")
    for key, value in record["flags"].items():
        lines.append(f"{key}: {_yaml_value(value)}")
    for key in ("captions", "jumps"):
        if record[key]:
            lines.append(f"{key}:")
            lines += [f"  - {_yaml_value(v)}" for v in record[key]]
    lines.append("---")
    return lines


def escape_paragraph(text: str) -> str:
    return "\\" + text if _MARKDOWN_START.match(text) else text


def article_markdown(record: dict) -> str:
    lines = front_matter(record) + [""]
    title = title_of(record)
    if title:
        if record.get("kicker"):
            lines += [f"### {record['kicker']}", ""]
        lines += [f"# {title}", ""]
        if record.get("subtitle"):
            lines += [f"## {record['subtitle']}", ""]
    byline = record["byline"]
    for text in [byline] if isinstance(byline, str) else byline or []:
        lines += [escape_paragraph(text), ""]
    for paragraph in record["paragraphs"]:
        lines += [escape_paragraph(paragraph), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def residue_markdown(source: str, blocks: list[Block]) -> str:
    lines = ["---", f"source: {_yaml_value(source)}", "residue: true", "---", ""]
    for block in blocks:
        lines += [f"<!-- lines {block.lines}: {block.kind} -->", escape_paragraph(block.text.strip()), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def residue_record(source: str, blocks: list[Block]) -> dict:
    return {
        "type": "residue",
        "source": source,
        "blocks": [{"lines": [b.first, b.last], "kind": b.kind, "text": b.text} for b in blocks],
    }


def records(result: Result) -> list[dict]:
    return [article_record(result, n, a) for n, a in enumerate(result.articles, 1)]


def jsonl_text(result: Result) -> str:
    """One JSON object per line: each article, then the residue if there is any."""
    lines = [json.dumps({"type": "article", **r}, ensure_ascii=False) for r in records(result)]
    residue = result.residue
    if residue:
        lines.append(json.dumps(residue_record(result.page.source, residue), ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def render_files(result: Result, stem: str) -> Iterator[tuple[str, str]]:
    """(file name, content) for each article and the residue, in the rule set's format."""
    output = result.rules.output
    if output.format == "jsonl":
        yield page_filename(JSONL_TEMPLATE, stem), jsonl_text(result)
        return
    for record in records(result):
        yield article_filename(output.filename, stem, record["n"], title_of(record)), article_markdown(record)
    residue = result.residue
    if residue:
        yield page_filename(output.residue, stem), residue_markdown(result.page.source, residue)


def render_stream(result: Result) -> str:
    """All articles of a page (and its residue) as one stream for stdout: the contents of its files in order.

    The files' names go unused.  Markdown documents are separated by a blank
    line; a page's JSON Lines is one file already.
    """
    return "\n".join(text for _, text in render_files(result, result.page.source))
