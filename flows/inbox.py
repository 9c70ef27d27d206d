"""Discover article files in the inbox, never modifying it.

Walks recursively without following directory symlinks; a symlink that leads
outside the inbox is refused, so a crafted inbox cannot make the job read
``/etc``. Unsupported names are reported, hidden files (``.name``, the usual
partial-download convention) are left alone.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from flows.batch import Candidate
from flows.files import ARTICLE_SUFFIXES
from flows.rows import Row


@dataclass(frozen=True, slots=True)
class Scan:
    """Files worth reading, and files refused on sight (with their reason and
    ``lstat`` signature, :data:`flows.schemas.REFUSED`)."""

    candidates: list[Candidate]
    refused: list[Row]


def scan_inbox(inbox: Path) -> Scan:
    """Every article file under ``inbox``, sorted by relative path."""
    root = inbox.resolve(strict=True)
    if not root.is_dir():
        raise NotADirectoryError(f"inbox {inbox} is not a folder")
    candidates: list[Candidate] = []
    refused: list[Row] = []
    walk_errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=walk_errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for d in dirnames:
            if (here / d).is_symlink() and not _inside(root, here / d):
                refused.append(_refuse(root, here / d, "symlink points outside the inbox"))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            reason = _refusal(root, path)
            if reason:
                refused.append(_refuse(root, path, reason))
                continue
            try:
                st = path.stat()
            except OSError as exc:
                refused.append(_refuse(root, path, f"cannot stat: {exc.strerror or exc}"))
                continue
            if not stat.S_ISREG(st.st_mode):
                refused.append(_refuse(root, path, "not a regular file (named pipe, socket or device)"))
                continue
            candidates.append(
                Candidate(str(path), path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns)
            )
    for err in walk_errors:  # a folder that cannot be listed must not vanish silently
        where = Path(err.filename) if err.filename else root
        refused.append(_refuse(root, where, f"cannot list folder: {err.strerror or err}"))
    candidates.sort(key=lambda c: c.rel)
    return Scan(candidates, refused)


def _inside(root: Path, path: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root)


def _refusal(root: Path, path: Path) -> str | None:
    if path.is_symlink():
        if not _inside(root, path):
            return "symlink points outside the inbox"
        if not path.exists():
            return "broken symlink"
    if not path.name.lower().endswith(ARTICLE_SUFFIXES):
        suffix = "".join(path.suffixes) or "(no suffix)"
        return f"unsupported file type {suffix!r}; expected .txt, .html, .htm (optionally .gz)"
    return None


def _refuse(root: Path, path: Path, reason: str) -> Row:
    """A refusal with the path's own ``lstat`` size and mtime (the link, pipe or file
    itself, never what a symlink points at), so a later run can tell an unchanged
    refusal from a path that changed and must be judged again."""
    size: int | None = None
    mtime: int | None = None
    try:
        st = path.lstat()
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        pass  # no signature: the same refusal again without one counts as unchanged
    return {
        "path": path.relative_to(root).as_posix(),
        "stage": "discover",
        "reason": reason,
        "size_bytes": size,
        "mtime_ns": mtime,
    }


def locate(inbox: Path, paths: list[list[str]]) -> tuple[list[Candidate], int]:
    """For re-parsing: per file, the first of its known inbox paths (relative) that
    is still a regular file inside the inbox; and how many had none left."""
    root = inbox.resolve(strict=True)
    found: list[Candidate] = []
    missing = 0
    for options in paths:
        for rel in options:
            path = root / rel
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and _inside(root, path):
                found.append(Candidate(str(path), rel, st.st_size, st.st_mtime_ns))
                break
        else:
            missing += 1
    return found, missing
