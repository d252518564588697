"""Lay paragraphs out the way a PDF text layer dumps a newspaper page.

Why this exists: the cleaner has to undo hard wraps, dropped indents, kinsoku
and stray blank lines. Tests need page dumps whose correct reading is known, so
they lay out paragraphs they already hold and feed the dump to the cleaner. The
layout model here is written from the typesetting conventions (a Han character is
1 em, compressed punctuation and ASCII about half that, the 2-em indent is dropped
without a trace, kinsoku), not from newsclean, and it must never import newsclean:
a test that checked the cleaner against the cleaner's own idea of a page would
prove nothing.

Only the standard library is used. Randomness comes from the caller's
``random.Random`` so every dump is reproducible from its seed.
"""

from __future__ import annotations

import random
import re

# Kinsoku (line-breaking rules of CJK typesetting). The half-width marks are there for
# dumps whose Chinese text carries ASCII punctuation (OCR, careless typesetting).
PUNCT_NO_LINE_START = "，。、；：？！”’）》」』…—,.;:?!)"
PUNCT_NO_LINE_END = "“‘（《「『("
# Full-width marks that are set on a half-em body; … and — keep their full em.
COMPRESSED_PUNCT = "，。、；：？！“”‘’（）《》「」『』"

# A number or Latin word is never split across lines ("2023", "3.0", "5G", "1,200").
_TOKEN = re.compile(r"[A-Za-z0-9.,:%-]+|.", re.S)
_HAN_PAIR = re.compile(r"(?<=[\u3400-\u9fff])(?=[\u3400-\u9fff])")


def em_width(text: str, punct_width: float = 0.5, ascii_width: float = 0.5) -> float:
    """The printed width of `text` in em.

    >>> em_width("区委")
    2.0
    >>> em_width("区委，2023年")       # 2 Han + a comma + 4 digits + 1 Han
    5.5
    >>> em_width("“五床”", punct_width=1.0)
    4.0
    """
    total = 0.0
    for ch in text:
        if ch in COMPRESSED_PUNCT:
            total += punct_width
        elif ord(ch) < 128:
            total += ascii_width
        else:
            total += 1.0
    return total


def _is_latin(text: str) -> bool:
    chars = [c for c in text if not c.isspace()]
    return bool(chars) and sum(ord(c) < 128 for c in chars) >= 0.8 * len(chars)


def wrap_paragraph(
    text: str,
    width: float,
    *,
    indent: float = 2.0,
    punct_width: float = 0.5,
    ascii_width: float = 0.5,
    hyphenate: bool = False,
) -> list[str]:
    """Hard-wrap one paragraph into the lines a text layer would give.

    Greedy fill up to `width` em; the first line holds `width - indent` em and
    has no spaces for the indent (the extractor drops it). Closing marks that
    would start a line hang on the line before (which runs a little wide);
    opening marks that would end a line go down to the next one.

    >>> wrap_paragraph("一二三四五六七八九十，一二三四五六七八九十。", 8)
    ['一二三四五六', '七八九十，一二三', '四五六七八九十。']
    >>> wrap_paragraph("一二三四五六。”七八", 6, indent=0)
    ['一二三四五六。”', '七八']
    >>> wrap_paragraph("一二三四五“六七”八", 6, indent=0)
    ['一二三四五', '“六七”八']
    >>> wrap_paragraph("全区共有2023名考生", 5, indent=0)
    ['全区共有', '2023名考生']

    Mostly-ASCII text is wrapped at spaces by character count instead, with
    the indent counted in characters too:

    >>> wrap_paragraph("The council approved the extraordinary budget", 20,
    ...                indent=0, hyphenate=True)
    ['The council approved', 'the extraordinary', 'budget']
    >>> wrap_paragraph("Residents welcomed extraordinary measures", 24,
    ...                indent=0, hyphenate=True)
    ['Residents welcomed extr-', 'aordinary measures']
    """
    if _is_latin(text):
        return _wrap_latin(text, int(width), int(indent), hyphenate)
    lines: list[str] = []
    cur: list[str] = []
    used, cap = 0.0, width - indent
    tokens = _TOKEN.findall(text.strip())
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        tok_w = em_width(tok, punct_width, ascii_width)
        if cur and used + tok_w > cap + 1e-9:
            while i < len(tokens) and len(tokens[i]) == 1 and tokens[i] in PUNCT_NO_LINE_START:
                cur.append(tokens[i])
                i += 1
            carry: list[str] = []
            while len(cur) > 1 and len(cur[-1]) == 1 and cur[-1] in PUNCT_NO_LINE_END:
                carry.insert(0, cur.pop())
            lines.append("".join(cur).rstrip())
            cur, cap = carry, width
            used = sum(em_width(t, punct_width, ascii_width) for t in carry)
            continue
        if not (tok == " " and not cur):  # a space at a line start is not printed
            cur.append(tok)
            used += tok_w
        i += 1
    if cur:
        lines.append("".join(cur).rstrip())
    return lines


def _wrap_latin(text: str, width: int, indent: int, hyphenate: bool) -> list[str]:
    lines: list[str] = []
    cur, cap = "", width - indent
    for word in text.split():
        while word:
            if not cur or len(cur) + 1 + len(word) <= cap:
                cur = f"{cur} {word}" if cur else word
                break
            # letters that fit before the hyphen; keep 3 or more on each side
            k = min(cap - len(cur) - 2, len(word) - 3)
            if hyphenate and word.isalpha() and k >= 3:
                lines.append(f"{cur} {word[:k]}-")
                word = word[k:]
            else:
                lines.append(cur)
            cur, cap = "", width
    if cur:
        lines.append(cur)
    return lines


def stretch_line(line: str) -> str:
    """An OCR-style 'stretched' line: a space between neighbouring Han characters.

    >>> stretch_line("区委书记，到会")
    '区 委 书 记，到 会'
    """
    return _HAN_PAIR.sub(" ", line)


def dump_paragraphs(
    paragraphs: list[str],
    width: float,
    rng: random.Random,
    *,
    column_lines: int | None = None,
    blank_at_break: float = 0.7,
    blank_at_column: float = 1.0,
    quote_split: float = 0.5,
    indent: float = 2.0,
    punct_width: float = 0.5,
    ocr_spaces: float = 0.0,
) -> list[str]:
    """The dump lines of consecutive paragraphs set in one column width.

    Blank lines ("") come, each with its own probability, at a paragraph break,
    at a column break (after every `column_lines` text lines, wherever that
    falls, even inside a word), and before a line that starts with an opening
    quote (an extraction split). Never two blank lines in a row. With
    `ocr_spaces`, a line is stretched (see `stretch_line`) with that probability.

    >>> dump_paragraphs(["一二三四五六七八。", "九十一二三四五六七八。"], 6,
    ...                 random.Random(1), column_lines=3, blank_at_break=1.0)
    ['一二三四', '五六七八。', '', '九十一二', '', '三四五六七八。']
    """
    out: list[str] = []
    n = 0
    for p_i, para in enumerate(paragraphs):
        lines = wrap_paragraph(para, width, indent=indent, punct_width=punct_width)
        for l_i, line in enumerate(lines):
            at_column = bool(column_lines) and n > 0 and n % column_lines == 0
            blank = at_column and rng.random() < blank_at_column
            if p_i and l_i == 0 and rng.random() < blank_at_break:
                blank = True
            if line.startswith(("“", "‘")) and rng.random() < quote_split:
                blank = True
            if blank and out and out[-1] != "":
                out.append("")
            if ocr_spaces and rng.random() < ocr_spaces:
                line = stretch_line(line)
            out.append(line)
            n += 1
    return out
