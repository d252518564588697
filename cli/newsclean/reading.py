"""Read a page dump from a file or stdin into text, or say clearly why not.

Archives hold dumps written by many tools over many years: UTF-8 with or
without a byte-order mark, UTF-16, GB18030/GBK from mainland systems, Big5
from Taiwan and Hong Kong.  A byte-order mark decides when there is one; a
forced ``--encoding`` next; then UTF-8, which fails loudly on anything else;
only then a statistical detector (charset-normalizer, imported on that path
alone so that UTF-8 pages do not pay for it).  Guessing between GB18030 and
Big5 by hand is a trap: nearly every Big5 byte pair is also valid GB18030,
so only the language statistics a detector keeps tell them apart.

A file that is not text, or that would take unbounded memory or time (a
50 MB file with no line break), is refused with a message that names it,
the limit, and how to raise the limit, so the rest of a batch goes on.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

STDIN = "-"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Files labelled GB2312 or GBK routinely hold characters only GB18030 has;
# GB18030 decodes every valid GB2312/GBK file the same way, so it is always used.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030"}
# How much of a BOM-less UTF-16 file is looked at to tell the byte order.
_BYTE_ORDER_SAMPLE = 4096

PAGE_TOO_BIG = (
    "{source}: more than {limit} (the page-size limit; a newspaper page dump is rarely over 1 MB): "
    "if it really is one page, raise the limit with --max-page-size"
)
LINE_TOO_LONG = (
    "{source}:{line}: a line of more than {limit:,} characters (the line-length limit): the file lost its "
    "line breaks or is not a page dump; if it is one, raise the limit with --max-line-length"
)
LOOKS_BINARY = (
    "{source}: looks binary (it holds NUL bytes), not a text dump; "
    "if it is UTF-16 without a byte-order mark, give --encoding utf-16"
)
UNDECODABLE = (
    "{source}:{line}: not valid UTF-8 (byte {byte}), and no other encoding fits: it is not a text dump, "
    "or it is damaged; if it is text, give its encoding with --encoding (e.g. gb18030, big5)"
)
NOT_IN_ENCODING = (
    "{source}:{line}: not valid {encoding} (byte {byte}); "
    "give the page's encoding with --encoding (e.g. utf-8, gb18030, big5)"
)


class InputError(Exception):
    """A page that cannot be read; the message names the file."""


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on one page, so that one odd file cannot exhaust a worker's memory or time.

    Both are far above any real page (a broadsheet page dump is 10 to 100 KB,
    its lines under 200 characters) and far below what hurts.
    """

    max_page_bytes: int = 16 * 1024 * 1024
    max_line_chars: int = 100_000


DEFAULT_LIMITS = ReadLimits()


def _open_binary(path: str) -> BinaryIO:
    return open(path, "rb")


def read_page(path: str, encoding: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[str, str]:
    """``(text, source name)`` of a page dump; ``-`` reads stdin."""
    if path == STDIN:
        source = "<stdin>"
        data = read_limited(sys.stdin.buffer, source, limits)
    else:
        source = path
        data = read_bytes(path, source, limits)
    return decode_page(data, source, encoding, limits), source


def read_bytes(
    path: str, source: str, limits: ReadLimits = DEFAULT_LIMITS, open_read: Callable[[str], BinaryIO] = _open_binary
) -> bytes:
    """The bytes of the page dump at ``path``, named ``source`` in messages, within the size limit.

    ``open_read`` opens ``path`` for reading in binary: a batch passes its
    file system's (local, or fsspec for URLs), so that every command refuses
    a page with the same message.
    """
    try:
        handle = open_read(path)
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder; use `newsclean batch` for folders") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    with handle:
        return read_limited(handle, source, limits)


def read_limited(stream: BinaryIO, source: str, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a page, reading one byte past the limit at most, however big the file."""
    try:
        data = stream.read(limits.max_page_bytes + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limits.max_page_bytes:
        raise InputError(PAGE_TOO_BIG.format(source=source, limit=format_size(limits.max_page_bytes)))
    return data


def decode_page(data: bytes, source: str, encoding: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """The text of a page dump, checked against the line-length limit."""
    text = decode(data, source, encoding)
    check_line_length(text, source, limits.max_line_chars)
    return text


def check_line_length(text: str, source: str, limit: int) -> None:
    if len(text) <= limit:  # the common case costs nothing
        return
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > limit:
            raise InputError(LINE_TOO_LONG.format(source=source, line=number, limit=limit))


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Text of a dump: a byte-order mark decides, else ``encoding``, else UTF-8, else the detector."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, source, name)
    if encoding:
        name = _canonical(encoding, source)
        if name == "utf-16":
            name = utf16_byte_order(data)
        return _decode(data, source, name)
    if b"\x00" in data:
        raise InputError(LOOKS_BINARY.format(source=source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    detected = detect_encoding(data)
    if detected is None:
        raise InputError(
            UNDECODABLE.format(source=source, line=_line_of(data, utf8_error.start, "utf-8"), byte=utf8_error.start)
        )
    return _decode(data, source, detected)


def detect_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most plausible for ``data``, or None when nothing fits."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    return _SUPERSET.get(name, name)


def utf16_byte_order(data: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 without a byte-order mark.

    ASCII characters (digits, line breaks) have a zero high byte, which
    comes first in big-endian; little-endian, the Windows default, when
    the sample has none.
    """
    sample = data[:_BYTE_ORDER_SAMPLE]
    zeros_first = sample[0::2].count(0)
    zeros_second = sample[1::2].count(0)
    return "utf-16-be" if zeros_first > zeros_second else "utf-16-le"


def format_size(n: int) -> str:
    """``16 MiB``, ``512 KiB``, ``100 bytes``: how limits read in messages."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,} bytes"


def parse_size(text: str) -> int:
    """Bytes in ``16M``, ``512k``, ``2G`` or ``1000`` (powers of 1024); ValueError otherwise."""
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    value = int(float(number) * factor)
    if value <= 0:
        raise ValueError(f"not a positive size: {text!r}")
    return value


def _canonical(encoding: str, source: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    return _SUPERSET.get(name, name)


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    """The 1-based dump line (as Page.from_text counts them) that holds byte ``offset``."""
    before = data[:offset].decode(encoding, errors="replace")
    return len((before + "x").splitlines())  # "x" makes a line that has only begun count too


def _decode(data: bytes, source: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start, encoding)
        raise InputError(NOT_IN_ENCODING.format(source=source, line=line, encoding=encoding, byte=exc.start)) from None
