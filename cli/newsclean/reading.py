"""Read a page dump from a file or stdin into text, or say clearly why not.

Archives hold dumps written by many tools over many years.  A file that is
not text (an image, a PDF given by mistake) or not in the expected encoding
must be refused with a message that names it and, where possible, the line
where decoding failed, so the user can fix or skip it while the rest of a
batch goes on.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

STDIN = "-"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A page that cannot be read; the message names the file."""


def read_page(path: str, encoding: str | None = None) -> tuple[str, str]:
    """``(text, source name)`` of a page dump; ``-`` reads stdin."""
    if path == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding), "<stdin>"
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; use `newsclean batch` for folders") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path, encoding), path


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Text of a dump: a byte-order mark decides, else ``encoding``, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, source, name)
    if encoding:
        return _decode(data, source, encoding)
    if b"\x00" in data:
        raise InputError(
            f"{source}: looks binary (it holds NUL bytes), not a text dump; "
            "if it is UTF-16 without a byte-order mark, give --encoding utf-16-le"
        )
    return _decode(data, source, "utf-8")


def _decode(data: bytes, source: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{source}:{line}: not valid {encoding} (byte {exc.start}); "
            "give the page's encoding with --encoding (e.g. gb18030, big5)"
        ) from None
