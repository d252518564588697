"""Where a batch reads pages and writes articles: local folders, or any file system fsspec knows.

A local batch needs nothing beyond the standard library, so plain paths go
through ``os``.  A URL (``s3://bucket/dumps``, ``gs://...``, ``file://...``)
goes through fsspec, which the ``newsclean[dask]`` extra installs; the
object-store back ends are fsspec's own extras (``s3fs``, ``gcsfs``, ...).
Both kinds are picklable, so a worker process or a Dask worker gets the one
it needs with its job.

Writes never leave half a file behind: a local file is written under a
temporary name and renamed; an object store writes an object whole or not
at all, so it is written directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from .writing import TEMP_SUFFIX, write_atomic

FSSPEC_MISSING = (
    "{url}: reading or writing URLs needs fsspec: pip install 'newsclean[dask]' "
    "(and the fsspec back end for the URL's scheme, e.g. s3fs for s3://)"
)


def is_url(spec: str) -> bool:
    return "://" in spec


class LocalFiles:
    """Plain local paths."""

    def join(self, root: str, relative: str) -> str:
        return os.path.join(root, *relative.split("/")) if relative else root

    def walk(self, root: str) -> Iterator[tuple[str, list[str], list[str]]]:
        """Like ``os.walk``; the caller may prune the folder list in place."""
        yield from os.walk(root)

    def open_read(self, path: str) -> BinaryIO:
        return open(path, "rb")

    def write_text(self, path: str, text: str) -> None:
        write_atomic(path, text)

    def exists(self, path: str) -> bool:
        return os.path.isfile(path)

    def remove(self, path: str) -> None:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass

    def remove_temp_files(self, folder: str) -> None:
        """Delete what a write killed half-way left in ``folder`` (only newsclean's own temporary files)."""
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in names:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                self.remove(os.path.join(folder, name))

    def is_inside(self, path: str, root: str) -> bool:
        path, root = os.path.realpath(path), os.path.realpath(root)
        return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class FsspecFiles:
    """A file system fsspec knows; paths are fsspec's, without the scheme."""

    def __init__(self, fs):
        self.fs = fs
        protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
        # On a local file system a temporary file and a rename make a write atomic; see module docstring.
        self.local = LocalFiles() if "file" in protocols else None

    def join(self, root: str, relative: str) -> str:
        return f"{root.rstrip('/')}/{relative}" if relative else root

    def walk(self, root: str) -> Iterator[tuple[str, list[str], list[str]]]:
        yield from self.fs.walk(root, topdown=True)

    def open_read(self, path: str) -> BinaryIO:
        return self.fs.open(path, "rb")

    def write_text(self, path: str, text: str) -> None:
        if self.local:
            self.local.write_text(path, text)
        else:
            self.fs.pipe_file(path, text.encode("utf-8"))

    def exists(self, path: str) -> bool:
        return self.fs.isfile(path)

    def remove(self, path: str) -> None:
        try:
            self.fs.rm_file(path)
        except FileNotFoundError:
            pass

    def remove_temp_files(self, folder: str) -> None:
        if self.local:
            self.local.remove_temp_files(folder)

    def is_inside(self, path: str, root: str) -> bool:
        root = root.rstrip("/")
        return path == root or path.startswith(root + "/")


Files = LocalFiles | FsspecFiles


def open_files(spec: str) -> tuple[Files, str]:
    """The file system of ``spec`` and the root path on it: plain paths locally, fsspec for URLs."""
    if not is_url(spec):
        return LocalFiles(), spec
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise ImportError(FSSPEC_MISSING.format(url=spec)) from None
    fs, root = url_to_fs(spec)
    return FsspecFiles(fs), root
