"""Write a cleaned page's files so that a reader never sees half a file.

Each file is written to a temporary name in the same folder and renamed
into place, which is atomic on every common file system: a run killed at
any moment leaves either the old file or the new one, never a torn one
(and a temporary file, which the next run of that page deletes).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .pipeline import Result
from .render import render_files

# Temporary files end so; a later run of a page deletes any that a killed run left in its folder.
TEMP_SUFFIX = ".newsclean-tmp"


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


def write_page(result: Result, out_dir: Path, stem: str) -> list[Path]:
    """Write the articles (and residue) of one page into ``out_dir``; return the paths written."""
    written = []
    for name, text in render_files(result, stem):
        path = out_dir / name
        write_atomic(path, text)
        written.append(path)
    return written
