"""classify_lines: tell bylines, captions, jump lines and page furniture from body text; find datelines.

These lines must not be joined into paragraphs, and they must not be lost:
they go to their article's front matter or to the residue.  What they look
like differs from newspaper to newspaper, so the patterns come from the
rule file.  This pass runs before ``join_lines`` so that a byline never
ends up glued to the paragraph above it.

Lines that open with a dateline (``本报讯 3月9日，``) stay body text but are
tagged: a dateline always starts a paragraph and an article, which the
passes after this one rely on.

A byline printed on the same line as a headline (``……会议召开■记者 某某``)
is split off first: a byline marker inside a line, followed by text that
the byline patterns accept, starts a block of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import BYLINE, CAPTION, FURNITURE, JUMP, LINE, Block, PageEditor
from ..options import Problem, option
from ..patterns import PATTERN_TIMEOUT, PatternTimeout, check_patterns, first_match
from .base import Pass

KINDS = (("furniture", FURNITURE), ("jumps", JUMP), ("captions", CAPTION), ("bylines", BYLINE))
RUNAWAY = (
    "classify_lines.{name} pattern {pattern!r} ran longer than " + f"{PATTERN_TIMEOUT:g}" + " s on this line "
    "and was stopped; it is skipped for the rest of the page (fix it in the rule file)"
)
# Meta keys of a line (and then of its paragraph) that opens with a dateline: the dateline
# as found on the line, and the pattern that found it, to find it again in the paragraph
# (a dateline can run on to the next line).
DATELINE = "dateline"
DATELINE_PATTERN = "dateline_pattern"


def dateline_of(match) -> str:
    """The dateline a dateline pattern matched: its group 'dateline' if it names one, else the whole
    match, without the comma or colon that joins it to the text."""
    return (match.groupdict().get("dateline") or match.group(0)).strip().rstrip("，,：:")


@dataclass
class Options:
    bylines: list[str] = option([], "patterns of a byline line (searched in the line, without its indent)")
    byline_markers: str = option(
        "■□◆", "characters that open a byline; one inside a line splits a byline off a fused headline"
    )
    captions: list[str] = option([], "patterns of a photo caption line")
    jumps: list[str] = option([], "patterns of a jump line ('下转第2版', 'Continued on Page A6')")
    furniture: list[str] = option([], "patterns of page furniture: masthead, folio, editor lines")
    datelines: list[str] = option(
        [],
        "patterns of a dateline at the start of a line; the match (its group 'dateline' if the pattern "
        "names one) becomes the article's dateline",
    )


class ClassifyLines(Pass):
    name = "classify_lines"
    summary = "mark bylines, captions, jump lines and page furniture by the rule file's patterns"
    Options = Options

    def check(self, options: dict) -> Iterator[Problem]:
        return check_patterns(options, "bylines", "captions", "jumps", "furniture", "datelines")

    def run(self, page: PageEditor, options: Options) -> None:
        patterns = _PagePatterns(page, options)
        for block in list(page.page.blocks):
            if block.kind != LINE:
                continue
            text = block.text.strip()
            fused = _fused_byline(text, options.byline_markers, patterns, block)
            if fused:
                head, byline = fused
                page.split(
                    block, [(LINE, head), (BYLINE, byline)], f"a byline marker inside the line starts {byline!r}"
                )
                continue
            for name, kind in KINDS:
                match = patterns.first_match(name, text, block)
                if match:
                    page.mark(block, kind, f"matches {name} pattern {match.re.pattern!r}")
                    break
            else:
                match = patterns.first_match("datelines", text, block, whole=True)
                if match:
                    page.mark(
                        block,
                        LINE,
                        f"opens with a dateline (pattern {match.re.pattern!r})",
                        **{DATELINE: dateline_of(match), DATELINE_PATTERN: match.re.pattern},
                    )


class _PagePatterns:
    """The rule file's patterns for one page; one that runs away is reported and dropped for the page."""

    def __init__(self, page: PageEditor, options: Options):
        self.page = page
        self.lists = {name: list(getattr(options, name)) for name, _ in KINDS + (("datelines", None),)}

    def first_match(self, name: str, text: str, block: Block, whole: bool = False):
        while True:
            try:
                return first_match(self.lists[name], text, whole=whole)
            except PatternTimeout as exc:
                self.lists[name].remove(exc.pattern)
                self.page.warn(block.first, block.last, RUNAWAY.format(name=name, pattern=exc.pattern))


def _fused_byline(text: str, markers: str, patterns: _PagePatterns, block: Block) -> tuple[str, str] | None:
    """``(head, byline)`` when a byline starts inside the line after a marker."""
    if not markers:
        return None
    for match in re.finditer(f"[{re.escape(markers)}]", text):
        head, tail = text[: match.start()].rstrip(), text[match.start() :]
        if len(head) >= 2 and patterns.first_match("bylines", tail, block):
            return head, tail
    return None


PASS = ClassifyLines
