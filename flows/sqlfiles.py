"""The ``sql/`` tree: layered files applied in folder order, and the checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

LAYER_SCHEMAS = {
    "05_ref": "ref",
    "10_raw": "raw",
    "20_staging": "staging",
    "30_marts": "marts",
    "40_analytics": "analytics",
}
"""Folder → the schema its objects live in (a file's stem is its object's name)."""


@dataclass(frozen=True, slots=True)
class SqlFile:
    layer: str  # folder name, or "" for top-level files
    name: str  # file stem
    sql: str

    @property
    def qualified_name(self) -> str:
        return f"{LAYER_SCHEMAS[self.layer]}.{self.name}" if self.layer in LAYER_SCHEMAS else self.name


def _root() -> Traversable:
    return files("sql")


def _read(folder: Traversable, layer: str) -> list[SqlFile]:
    return [
        SqlFile(layer, f.name.removesuffix(".sql"), f.read_text(encoding="utf-8"))
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.is_file() and f.name.endswith(".sql")
    ]


@cache
def model_files(*, layers: tuple[str, ...] | None = None) -> tuple[SqlFile, ...]:
    """Top-level files, then each layer folder in order (``00_schemas.sql`` first);
    within a layer, a file that names another of the same layer comes after it.

    Cached: ``sql/`` is package data, and a run asks for it four times (structure,
    derived layers, the build's fingerprint and its objects); reading and ordering
    it cost about 20 ms a time."""
    root = _root()
    out = _read(root, "")
    for folder in sorted(
        (f for f in root.iterdir() if f.is_dir() and f.name in LAYER_SCHEMAS), key=lambda f: f.name
    ):
        if layers is None or folder.name in layers:
            out.extend(_dependency_order(_read(folder, folder.name)))
    return tuple(out)


def _dependency_order(layer: list[SqlFile]) -> list[SqlFile]:
    """Topological order by ``schema.name`` references, name order among equals."""
    by_name = {f.qualified_name: f for f in layer}
    deps = {
        f.qualified_name: {
            n for n in by_name if n != f.qualified_name and re.search(rf"\b{re.escape(n)}\b", f.sql)
        }
        for f in layer
    }
    ordered: list[SqlFile] = []
    done: set[str] = set()
    while len(ordered) < len(layer):
        ready = sorted(n for n, d in deps.items() if n not in done and d <= done)
        if not ready:
            raise ValueError(f"circular references among {sorted(set(deps) - done)}")
        ordered.extend(by_name[n] for n in ready)
        done.update(ready)
    return ordered


@cache
def check_files() -> tuple[SqlFile, ...]:
    """``sql/checks/assert_*.sql``: each returns offending rows; zero rows passes (cached
    as :func:`model_files` is)."""
    return tuple(f for f in _read(_root() / "checks", "checks") if f.name.startswith("assert_"))
