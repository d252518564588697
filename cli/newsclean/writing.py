"""Write a cleaned page's files so that a reader never sees half a file.

Each file is written to a temporary name in the same folder and renamed
into place, which is atomic on every common file system: a run killed at
any moment leaves either the old file or the new one, never a torn one
(and a temporary file, which the next run of that page deletes).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .storage import Files

# Temporary files end so; a later run of a page deletes any that a killed run left in its folder.
TEMP_SUFFIX = ".newsclean-tmp"
CANNOT_WRITE = "{source}: cannot write output: {error}"


def write_atomic(path: Path | str, text: str) -> None:
    path = Path(path)
    # Unique to this process and thread, which alone writes this page: mkstemp's random names
    # and the mkdir before each file took about a quarter of the time of writing a page.
    tmp = path.with_name(f".{path.name[:40]}.{os.getpid()}-{threading.get_ident()}{TEMP_SUFFIX}")
    try:
        handle = open(tmp, "w", encoding="utf-8", newline="\n")
    except FileNotFoundError:  # the page's folder, made on its first file only
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(tmp, "w", encoding="utf-8", newline="\n")
    try:
        with handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_page(files: Files, root: str, folder: str, rendered: Iterable[tuple[str, str]]) -> list[str]:
    """Write a page's rendered ``(name, text)`` files into ``folder`` under ``root`` ('' for ``root`` itself).

    Returns the paths written, relative to ``root`` and '/'-separated, which a
    batch records to delete them when the page no longer writes them.  Both
    ``clean -o`` and ``batch`` write through here, so a page's files are the
    same whichever command wrote them.
    """
    written = []
    for name, text in rendered:
        relative = f"{folder}/{name}" if folder else name
        files.write_text(files.join(root, relative), text)
        written.append(relative)
    return written
