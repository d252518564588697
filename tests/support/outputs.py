"""Read what a batch wrote, for the tests that compare two ways of running one.

Why this exists: the batch tests (process pool, Dask, reruns) compare
output folders byte for byte and read the numbers of the summary table, so
they share one reading of each.
"""

from __future__ import annotations

import re
from pathlib import Path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the manifest, by '/'-separated path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".newsclean" not in p.relative_to(folder).parts
    }


def summary(stderr: str) -> dict[str, int]:
    """The numbers of the summary table, by row label."""
    return {label: int(n.replace(",", "")) for label, n in re.findall(r"│\s+([a-z ()]+?)\s+│\s+([\d,]+)\s+│", stderr)}
