"""Reading article files from disk, bounded: the only place that opens inbox files."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from transforms.errors import UnreadableFile

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")


def read_bounded(path: Path, *, max_bytes: int, expect: tuple[int, int] | None = None) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a reason a person understands
    (missing, permission denied, not a regular file, larger than ``max_bytes``,
    changed while being read).

    ``expect`` is the ``(size, mtime_ns)`` that discovery saw: the bytes count only
    if the file still has them after reading, so a file being written (or replaced)
    between discovery and the end of the read is refused this run and read again
    by the next, never loaded half-written. ``O_NONBLOCK`` keeps a named pipe from
    hanging the run."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile("file vanished before it could be read", stage="read") from None
    except PermissionError:
        raise UnreadableFile("permission denied", stage="read") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror or exc}", stage="read") from None
    try:
        with open(fd, "rb", closefd=True) as fh:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise UnreadableFile(f"not a regular file ({_kind(before.st_mode)})", stage="read")
            if before.st_size > max_bytes:
                raise UnreadableFile(
                    f"file is {before.st_size} bytes, over the {max_bytes}-byte limit", stage="read"
                )
            raw = _read_upto(fh, before.st_size, max_bytes + 1)
            after = os.fstat(fd)
    except IsADirectoryError:
        raise UnreadableFile("not a regular file (folder)", stage="read") from None
    except UnreadableFile:
        raise
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}", stage="read") from None
    if len(raw) > max_bytes:
        raise UnreadableFile(f"file grew past the {max_bytes}-byte limit while being read", stage="read")
    seen = (after.st_size, after.st_mtime_ns)
    if (
        seen != (before.st_size, before.st_mtime_ns)
        or len(raw) != after.st_size
        or (expect and seen != expect)
    ):
        raise UnreadableFile(
            "file changed while being read (still being written?); read again next run", stage="read"
        )
    return raw


def _read_upto(fh: BinaryIO, size: int, limit: int) -> bytes:
    """What ``fh.read(limit)`` returns, asked for in a first read of ``size + 1``
    bytes (the size ``stat`` gave: all there is, plus one to see a file that grew).

    ``read(limit)`` allocates ``limit`` bytes up front, and with the default
    20 MiB limit that allocation cost three times the read of a typical 5 kB
    article. Only a file that grew since ``stat`` needs the second read."""
    first = fh.read(min(size + 1, limit))
    if len(first) <= size or len(first) >= limit:
        return first  # end of file reached, or the limit
    return first + fh.read(limit - len(first))


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named on a command line: files as given, directories walked for article files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(ARTICLE_SUFFIXES))
            )
        else:
            out.append(p)
    return out
