"""Page dumps tests run over: every sample of samples/default/, odd inputs, the reference page, one typical page."""

from __future__ import annotations

import pytest

from .conftest import REFERENCE, ROOT

SAMPLE_PAGES = sorted((ROOT / "samples" / "default").glob("*.txt"))
# The page most tests clean when any page of several articles will do: four articles, headlines gathered at the end.
PAGE = ROOT / "samples" / "default" / "zh-cluster-end.txt"

# Inputs no sample has: other line endings, invisible characters, nothing at all.
ODD_PAGES = {
    "crlf-and-cr": "本报讯 3月9日，区里召开会议，\r\n部署今年工作。\r\r副区长出席会议。\r\n",
    "invisible-characters": "\ufeff本报讯\u200b 3月9日，区里\u00ad召开\u2060会议。\n\u3000\u3000副区长出席\x07会议。\n",
    "blank-only": "\n \n\u3000\n\t\n",
    "empty": "",
    "no-dateline": "区委统一战线工作领导小组举行\n第七次全体（扩大）会议\n\n会议传达学习了有关精神。\n",
    "latin-and-digits": "BOSTON (AP) — The city's new well-\nknown line opens on Sept. 3 at\n6:30 a.m.\n",
}


def page_params() -> list:
    """(name, text) of each page, as pytest parameters; the reference page only where ../shared is."""
    params = [pytest.param(p.stem, p.read_text(encoding="utf-8"), id=p.stem) for p in SAMPLE_PAGES]
    params += [pytest.param(name, text, id=name) for name, text in ODD_PAGES.items()]
    if REFERENCE.exists():
        params.append(pytest.param("reference", REFERENCE.read_text(encoding="utf-8"), id="reference"))
    return params
