"""Read a page's journal back, for the tests that check ``--explain`` tells the truth.

Why this exists: every change a pass makes goes through the journal, so the
journal alone must rebuild the result from the dump.  ``replay`` does that
from the blocks a page started with; ``han`` counts the Han characters a
text holds, for the tests that no character is lost or invented.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from newsclean.chars import HAN
from newsclean.model import Change


@dataclass
class Text:
    """A block as the replay sees it: its dump lines and its text."""

    first: int
    last: int
    text: str


def han(text: str) -> Counter:
    return Counter(HAN.findall(text))


def replay(start: Iterable, journal: Iterable[Change]) -> list[Text]:
    """The blocks after the journal's text changes (edit, join, split), from the blocks ``start`` (first, last, text).

    Each change must find the block it says it changed, with the text it says was there.
    """
    blocks = [Text(b.first, b.last, b.text) for b in start]
    for change in journal:
        if change.action == "edit":
            blocks[_changed(blocks, change)].text = change.after
        elif change.action == "join":
            begin, end, carried = _joined_run(blocks, change)
            blocks[begin:end] = [Text(change.first, change.last, change.after), *carried]
        elif change.action == "split":
            i = _changed(blocks, change)
            blocks[i : i + 1] = [Text(change.first, change.last, part) for part in change.after.split("\n")]
    return blocks


def _changed(blocks: list[Text], change: Change) -> int:
    """The one block an edit or a split changed: on its lines, with its ``before`` text."""
    (index,) = [
        i for i, b in enumerate(blocks) if (b.first, b.last, b.text) == (change.first, change.last, change.before)
    ]
    return index


def _joined_run(blocks: list[Text], change: Change) -> tuple[int, int, list[Text]]:
    """The blocks a join replaced: from its first line to its last, their texts make its ``before``.

    Blocks among them that are not part of the text (a caption the sentence
    runs past) are carried: they come right after the joined block.
    """
    for begin, block in enumerate(blocks):
        if block.first != change.first:
            continue
        carried, rest = [], change.before
        for end in range(begin, len(blocks)):
            piece = blocks[end].text + ("\n" if blocks[end].last != change.last else "")
            if rest.startswith(piece):
                rest = rest[len(piece) :]
            else:
                carried.append(blocks[end])
            if not rest and blocks[end].last == change.last:
                return begin, end + 1, carried
    raise AssertionError(f"no run of blocks matches the join at lines {change.lines}")
