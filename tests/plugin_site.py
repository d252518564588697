"""Install a plugin distribution for a test: its files and a .dist-info, in a folder put on sys.path.

This is what pip leaves behind, so newsclean finds the plugin through the
real entry-point machinery.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsclean.passes import ENTRY_POINT_GROUP


def install(site: Path, files: dict[str, str], entry_points: dict[str, str], monkeypatch) -> None:
    """Write ``files`` (relative path -> text) and register ``name = module:object`` entry points."""
    for relative, text in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    info = site / "newsclean_test_plugins-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsclean-test-plugins\nVersion: 1.0\n")
    lines = [f"{name} = {target}" for name, target in entry_points.items()]
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n" + "\n".join(lines) + "\n")
    for target in entry_points.values():
        monkeypatch.delitem(sys.modules, target.split(":")[0], raising=False)  # another test's copy
    monkeypatch.syspath_prepend(str(site))
