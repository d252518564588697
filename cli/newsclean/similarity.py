"""How much a headline has to do with a stretch of body text.

A headline names what its article is about, so the words of the headline
come back in the body: ``加装电梯`` in both, ``社区食堂`` in both.
Chinese has no spaces, so the unit is the pair of adjacent Han characters;
Latin text is compared by words.  Pairs that every article on the page
uses (``区委``, ``工作``) say little, so each feature is weighted by how
rare it is among the page's stretches of text (inverse document frequency).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .chars import HAN

# How many stretches before and after a headline's place may be its article.
NEIGHBOURHOOD = 16

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_HAN_RUN = re.compile(f"{HAN.pattern}+")


def features(text: str) -> frozenset[str]:
    """Han character pairs and Latin words (lower case, plural s dropped) of a text.

    >>> sorted(features("滨江绿道 rail lines"))
    ['line', 'rail', '江绿', '滨江', '绿道']
    """
    found = set()
    for run in _HAN_RUN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    for word in _LATIN_WORD.findall(text):
        word = word.lower().rstrip("'’")
        found.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return frozenset(found)


@lru_cache(maxsize=1024)
def _sorted_features(headline: str) -> tuple[str, ...]:
    """A headline's features, sorted: it is compared with every stretch near it.

    Stretch features are not cached: each is computed once per page, and a
    cache would keep whole articles' worth of pairs alive after their page.
    """
    return tuple(sorted(features(headline)))


@dataclass
class Corpus:
    """The stretches of text headlines are compared with, and the weights of their features."""

    docs: list[set[str]]
    weight: dict[str, float]
    starts: list[int]  # the dump line each stretch starts at, in order

    @classmethod
    def of(cls, texts: list[str], starts: list[int]) -> Corpus:
        docs = [features(t) for t in texts]
        df = Counter(f for d in docs for f in d)
        n = len(docs)
        return cls(docs, {f: math.log(1 + n / c) for f, c in df.items()}, starts)

    def affinity(self, headline: str, doc: int) -> float:
        """Share (0 to 1) of the headline's weighted features that stretch ``doc`` contains.

        Features no stretch contains cannot tell stretches apart and are left
        out.  One average feature is added to the total, so that a headline
        with one or two known features cannot reach a high share by luck.
        """
        # Sorted, so that the sums (and the choices made on them) do not depend on set order,
        # which changes from one process to the next.
        feats = [f for f in _sorted_features(headline) if f in self.weight]
        if not feats:
            return 0.0
        total = sum(self.weight[f] for f in feats) + self.prior
        return sum(self.weight[f] for f in feats if f in self.docs[doc]) / total

    @property
    def prior(self) -> float:
        return math.log(1 + len(self.docs) / 2)

    def near(self, line: int) -> range:
        """The stretches a headline starting at dump line ``line`` may belong to.

        Headlines sit on the page of their article, above, after or in a
        cluster at the page's end, so only the stretches around them are
        candidates; this also keeps a dump of many pages from costing the
        square of its length.
        """
        position = bisect_right(self.starts, line)
        return range(max(0, position - NEIGHBOURHOOD), min(len(self.docs), position + NEIGHBOURHOOD))

    def runner_up(self, headline: str, best: int, among: range) -> float:
        """How well the headline fits the stretch it fits best after ``best``."""
        return max((self.affinity(headline, i) for i in among if i != best), default=0.0)

    def best(self, headline: str, among: range) -> tuple[float, int]:
        """``(affinity, doc)`` of the stretch among ``among`` the headline fits best."""
        return max(((self.affinity(headline, i), i) for i in among), default=(0.0, 0))
