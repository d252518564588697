"""Character classes of newspaper text, shared by every pass.

Chinese typesetting rules (which marks may not begin or end a line, which
marks close a sentence, which characters take a full em) decide most of what
the passes do, so they are defined once here rather than in each pass.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Han ideographs: the unified blocks, extensions A to F and the compatibility block.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN = re.compile(f"[{HAN_RANGES}]")
# Characters set on a full em in CJK type: Han, kana, hangul, full-width forms.
WIDE_RANGES = HAN_RANGES + "\u3040-\u30ff\uac00-\ud7af\uff01-\uff60\uffe0-\uffe6"

SENTENCE_END = "。！？!?…"
# Marks that close a quotation or a bracket; "。”" still ends a sentence.
CLOSERS = "”’」』）)》〉】"
OPENERS = "“‘「『（(《〈【"
# Kinsoku: marks a line may not begin with; a typesetter pulls them back.
NO_LINE_START = "，。、；：？！”’」』）》〉】…·,.;:?!)"
# Punctuation set narrower than a Han character on most newspaper pages.
CJK_PUNCT = "，。、；：？！“”‘’「」『』（）《》〈〉【】…—·～"
# CJK marks that English text prints too, so a space or mark beside one may be English.
SHARED_MARKS = "“”‘’—…·～"

# Straight quotes close a sentence too: OCR and careless setting write them for curly ones.
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}\"'\\s]*$")
_LATIN_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*$")
_CJK_CHAR = re.compile(f"[{WIDE_RANGES}{re.escape(CJK_PUNCT)}]")


def has_han(text: str) -> bool:
    return HAN.search(text) is not None


def is_cjk(ch: str) -> bool:
    """True for a character of CJK text: Han, kana, full-width forms, CJK punctuation."""
    return bool(_CJK_CHAR.match(ch))


def is_chinese_context(ch: str) -> bool:
    """Does the character make the text around it Chinese?

    Han, kana, full-width forms and Chinese punctuation do; curly quotes,
    dashes, ellipses, middle dots and wave dashes do not, as English text
    prints them too (``He said “no” — twice``).

    >>> is_chinese_context("说"), is_chinese_context("，"), is_chinese_context("“"), is_chinese_context("")
    (True, True, False, False)
    """
    return is_cjk(ch) and ch not in SHARED_MARKS


@lru_cache(maxsize=16384)
def ends_sentence(text: str) -> bool:
    """Does the text end with sentence-final punctuation (maybe inside closing quotes)?

    >>> ends_sentence("参加调研。"), ends_sentence("信心。”"), ends_sentence("“好办”"), ends_sentence('实惠。 "')
    (True, True, False, True)
    >>> ends_sentence("said on Tuesday."), ends_sentence("through March 22."), ends_sentence("the 3.0")
    (True, True, False)
    """
    text = text.rstrip()
    return bool(_SENTENCE_END_RE.search(text) or _LATIN_SENTENCE_END_RE.search(text))


def starts_with_closer(text: str) -> bool:
    """Does the text begin with a mark that may not begin a line (so it belongs to the line before)?"""
    text = text.lstrip(" \u3000")
    return bool(text) and text[0] in NO_LINE_START


def join_words(parts: list[str]) -> str:
    """Join pieces of one phrase: nothing next to Chinese, a space between Latin words.

    >>> join_words(["全区中小学课后服务", "实现应开尽开"])
    '全区中小学课后服务实现应开尽开'
    >>> join_words(["City opens sandbag sites", "as Kessler River rises"])
    'City opens sandbag sites as Kessler River rises'
    >>> join_words(["他说……", "“好。”"]), join_words(["this year.”", "“It is"]), join_words(["said", "“we"])
    ('他说……“好。”', 'this year.” “It is', 'said “we')
    """
    out = ""
    for part in parts:
        if out and part and _spaced_seam(out, part):
            out += " "
        out += part
    return out


def _spaced_seam(left: str, right: str) -> bool:
    """Does a space go where ``left`` meets ``right``?  Only between two pieces of Latin text.

    Curly quotes, dashes and ellipses at the seam do not decide, as English
    prints them too: the nearest character past them does.  No space goes
    just inside a quotation or bracket.
    """
    if left[-1] in OPENERS or right[0] in CLOSERS:
        return False
    return not (is_cjk(left.rstrip(SHARED_MARKS)[-1:]) or is_cjk(right.lstrip(SHARED_MARKS)[:1]))


def is_wide(ch: str) -> bool:
    """Is the character set on a full em (Han, kana, full-width forms)?"""
    if ch in CJK_PUNCT:
        return False
    return unicodedata.east_asian_width(ch) in "WF"


def em_width(text: str, punct_width: float = 0.5) -> float:
    """Printed width of a line in em, the unit newspaper columns are set in.

    A Han character takes 1 em; CJK punctuation takes ``punct_width`` (pages
    compress it); ASCII letters, digits and spaces take half an em.  A space
    next to a Chinese character takes a full em: Chinese type separates
    (``本报讯 3月9日``, ``■记者 王某``) with a full-width space, which
    extractors write as one ASCII space.

    >>> em_width("参加调研。")
    4.5
    >>> em_width("24小时", punct_width=1.0)
    3.0
    >>> em_width("本报讯 3月9日")
    7.0
    """
    full, punct, half = _width_counts(text)
    return full + punct * punct_width + half * 0.5


@lru_cache(maxsize=16384)
def _width_counts(text: str) -> tuple[int, int, int]:
    """(full-em characters, CJK punctuation marks, half-em characters) of a line.

    Layout measures each line under several punctuation widths, so the
    counting is done once per line.
    """
    full = punct = half = 0
    for i, ch in enumerate(text):
        if ch in CJK_PUNCT:
            punct += 1
        elif is_wide(ch) or (ch == " " and (is_cjk(text[i - 1 : i] or "a") or is_cjk(text[i + 1 : i + 2] or "a"))):
            full += 1
        else:
            half += 1
    return full, punct, half


# What extractors leave that a reader never sees: byte-order mark, zero-width characters, word
# joiner, Mongolian vowel separator, and control characters except tab and line feed (which are
# white space).  normalize_text removes these and count_visible does not count them, so the two agree.
INVISIBLE_RANGES = "\ufeff\u200b-\u200d\u2060\u180e\x00-\x08\x0b-\x1f\x7f-\x9f"
_INVISIBLE_OR_SPACE_CHAR = f"[\\s{INVISIBLE_RANGES}]"
_INVISIBLE_OR_SPACE = re.compile(_INVISIBLE_OR_SPACE_CHAR + "*")
_HIDDEN = re.compile(_INVISIBLE_OR_SPACE_CHAR)


def is_blank_line(line: str) -> bool:
    """A line that shows nothing: white space, BOMs, zero-width or control characters only."""
    return _INVISIBLE_OR_SPACE.fullmatch(line) is not None


def count_visible(text: str) -> int:
    """Characters a reader sees (not white space, not invisible): what "nothing is lost" counts.

    >>> count_visible("本报讯 3月9日\u200b")
    7
    """
    return len(text) - len(_HIDDEN.findall(text))
