"""Reading article files from disk, bounded: the only place that opens inbox files."""

from __future__ import annotations

import os
from pathlib import Path

from transforms.errors import UnreadableFile

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz")


def read_bounded(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a reason a person understands
    (missing, permission denied, a directory, larger than ``max_bytes``)."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise UnreadableFile(f"file is {size} bytes, over the {max_bytes}-byte limit", stage="read")
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile("file vanished before it could be read", stage="read") from None
    except PermissionError:
        raise UnreadableFile("permission denied", stage="read") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory", stage="read") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}", stage="read") from None
    if len(raw) > max_bytes:
        raise UnreadableFile(f"file grew past the {max_bytes}-byte limit while being read", stage="read")
    return raw


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named on a command line: files as given, directories walked for article files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.lower().endswith(ARTICLE_SUFFIXES)))
        else:
            out.append(p)
    return out
