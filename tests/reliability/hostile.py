"""Hostile and broken inbox files, made on the spot (no binary fixtures in git)."""

from __future__ import annotations

import codecs
import ctypes
import gzip
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tests.conftest import SAMPLE_INBOX

T = TypeVar("T")

GOOD = sorted(SAMPLE_INBOX.glob("*.txt"))[0].read_bytes()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8

BAD_FILES: dict[str, tuple[bytes, str, str]] = {
    # name: (bytes, stage, words the reason must contain)
    "empty.txt": (b"", "decode", "empty"),
    "blank.txt": (b" \n\t\n  ", "decode", "empty"),
    "nul-bytes.txt": (b"text\x00" * 400, "decode", "binary"),
    "photo.txt": (PNG, "decode", "binary"),
    "bad-utf16.txt": (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "decode", "undecodable"),
    "truncated.txt.gz": (gzip.compress(GOOD)[:-40], "decode", "truncated gzip"),
    "corrupt.html.gz": (
        gzip.compress(GOOD)[:20] + b"\xff" * 64 + gzip.compress(GOOD)[84:],
        "decode",
        "corrupt gzip",
    ),
    "bomb.txt.gz": (gzip.compress(b"\0" * (21 * 1024 * 1024), compresslevel=9), "decode", "gzip bomb"),
    "nav-only.html": (
        b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
        b"</nav><footer>Copyright</footer></body></html>",
        "parse",
        "",
    ),
    "nested-empty.html": (
        b"<html><body>" + b"<div>" * 5000 + b"</div>" * 5000 + b"</body></html>",
        "parse",
        "",
    ),
}
"""Files rejected on their content: each has a content hash."""


def nested_article(levels: int) -> bytes:
    """A real article wrapped in ``levels`` nested elements (a parser that recurses
    per level without bound dies here)."""
    body = b"".join(b"<p>" + line + b"</p>" for line in GOOD.split(b"\n") if line.strip())
    return b"<html><body>" + b"<div><span>" * levels + body + b"</span></div>" * levels + b"</body></html>"


def unique_good(i: int) -> bytes:
    return GOOD + f"\nA closing line that makes copy {i} new.\n".encode()


def as_unprivileged(fn: Callable[[], T]) -> T:
    """Run ``fn`` in a thread that cannot bypass file permissions. Root (CI
    containers) reads a mode-000 file anyway; dropping CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from that thread's effective set (Linux capabilities are
    per thread) makes the permission check real without changing user."""
    out: list[T] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            if os.geteuid() == 0:
                _drop_dac_capabilities()
            out.append(fn())
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    if errors:
        raise errors[0]
    return out[0]


def _drop_dac_capabilities() -> None:
    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    data[0].effective &= ~((1 << 1) | (1 << 2))  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def write_all(inbox: Path, files: dict[str, bytes]) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (inbox / name).write_bytes(raw)


def inbox_state(inbox: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry's bytes (None for specials), mode and mtime, without following links."""
    out: dict[str, tuple[bytes | None, int, int]] = {}
    for p in sorted(inbox.rglob("*")):
        st = p.lstat()
        regular = p.is_file() and not p.is_symlink() and st.st_mode & 0o400
        out[p.relative_to(inbox).as_posix()] = (
            p.read_bytes() if regular else None,
            st.st_mode,
            st.st_mtime_ns,
        )
    return out
