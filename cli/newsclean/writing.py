"""Write a cleaned page's files so that a reader never sees half a file.

Each file is written to a temporary name in the same folder and renamed
into place, which is atomic on every common file system: a run killed at
any moment leaves either the old file or the new one, never a torn one
(and a temporary file, which the next run of that page deletes).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .pipeline import Result
from .render import render_files

# Temporary files end so; a later run of a page deletes any that a killed run left in its folder.
TEMP_SUFFIX = ".newsclean-tmp"


def write_atomic(path: Path | str, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_page(result: Result, out_dir: Path, stem: str) -> list[Path]:
    """Write the articles (and residue) of one page into ``out_dir``; return the paths written."""
    written = []
    for name, text in render_files(result, stem):
        path = out_dir / name
        write_atomic(path, text)
        written.append(path)
    return written
