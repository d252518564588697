"""What a batch has done, so that a rerun does only what is left.

For each page the manifest keeps the hash of its input, the digest of the
rule set that cleaned it (``RuleSet.digest()``: passes, options, output
settings and newsclean's version), the ``--encoding`` it was read with, the
name it goes by in the front matter, the files it wrote and its counts.  A
rerun skips a page whose input, rules, encoding and name are unchanged and
whose files are all still there; it redoes any other, and deletes files the
page wrote before and no longer writes.

SQLite (in the standard library) keeps this in one file that is updated
atomically, commits in a fraction of a millisecond, and answers look-ups
by key without loading millions of rows into memory.  The manifest is only
ever opened by the process that drives the batch, never by workers.  A page
is recorded only after its files are written, so a run killed at any moment
leaves a manifest that may miss pages it finished (they are redone) but
never lists a page it did not finish.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from pathlib import Path

from .batch import PageCounts, PageReport

SCHEMA_VERSION = "1"
MANIFEST_NAME = ".newsclean/manifest.sqlite"
# SQLite allows at least 999 parameters in one statement.
_LOOKUP_BATCH = 500

NEWER_SCHEMA = (
    "{path}: this manifest was written by another version of newsclean (schema {found}, this one reads {ours}); "
    "delete it, or give another output folder"
)


@dataclass(frozen=True)
class Entry:
    """A page as the manifest holds it."""

    report: PageReport
    rules_digest: str
    encoding: str

    def still_valid(self, rules_digest: str, encoding: str | None) -> bool:
        return self.rules_digest == rules_digest and self.encoding == (encoding or "")


class ManifestError(Exception):
    """The manifest cannot be used; the message names it."""


class Manifest:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30)
            # WAL: a commit is one append, and a killed writer leaves the last commit intact.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._db:
                self._create()
        except sqlite3.Error as exc:
            raise ManifestError(f"{self.path}: cannot use the manifest: {exc}") from None

    def _create(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute(
            """CREATE TABLE IF NOT EXISTS pages (
                key TEXT PRIMARY KEY,       -- the input's path under IN_DIR, '/'-separated
                source TEXT NOT NULL,       -- how the page is named in messages and front matter
                input_hash TEXT NOT NULL,   -- sha256 of the input's bytes
                rules_digest TEXT NOT NULL,
                encoding TEXT NOT NULL,     -- --encoding, '' when detected
                outputs TEXT NOT NULL,      -- JSON list of the files written, relative to OUT_DIR
                -- the page's counts, in the order of batch.PageCounts' fields:
                articles INTEGER NOT NULL,
                chars_in INTEGER NOT NULL,
                chars_in_articles INTEGER NOT NULL,
                chars_in_residue INTEGER NOT NULL,
                warnings INTEGER NOT NULL
            )"""
        )
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        (found,) = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found != SCHEMA_VERSION:
            raise ManifestError(NEWER_SCHEMA.format(path=self.path, found=found, ours=SCHEMA_VERSION))

    def lookup(self, keys: list[str]) -> dict[str, Entry]:
        """The entries of those pages the manifest holds."""
        found = {}
        try:
            for start in range(0, len(keys), _LOOKUP_BATCH):
                batch = keys[start : start + _LOOKUP_BATCH]
                rows = self._db.execute(f"SELECT * FROM pages WHERE key IN ({','.join('?' * len(batch))})", batch)
                for row in rows:
                    entry = _entry(row)
                    found[entry.report.key] = entry
        except sqlite3.Error as exc:
            raise ManifestError(f"{self.path}: cannot read the manifest: {exc}") from None
        return found

    def record(self, reports: Iterable[PageReport], rules_digest: str, encoding: str | None) -> None:
        """Remember pages just cleaned, in one transaction (skipped and failed pages keep their entry)."""
        rows = [
            (r.key, r.source, r.input_hash, rules_digest, encoding or "", json.dumps(r.outputs, ensure_ascii=False))
            + astuple(r.counts)
            for r in reports
            if not r.error and not r.skipped
        ]
        if not rows:
            return
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO pages VALUES ({','.join('?' * len(rows[0]))})", rows)
        except sqlite3.Error as exc:
            raise ManifestError(f"{self.path}: cannot write the manifest: {exc}") from None

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM pages").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _entry(row: tuple) -> Entry:
    key, source, input_hash, rules_digest, encoding, outputs, *counts = row
    report = PageReport(key, source, PageCounts(*counts), outputs=json.loads(outputs), input_hash=input_hash)
    return Entry(report, rules_digest, encoding)
