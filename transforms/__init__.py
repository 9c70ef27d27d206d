"""Pure transforms: bytes in, frozen dataclasses out.

Nothing here imports prefect or duckdb, touches the file system (package data
read through ``importlib.resources`` aside) or reads the environment; a test
enforces it. The flows in ``flows/`` do all IO and call :func:`extract`.
"""

from __future__ import annotations

PARSER_VERSION = "0.4.1"
"""Bumped whenever a transform's output can change, so ``wirehouse run --reparse``
knows which rows to re-derive from the inbox."""

__all__ = ["PARSER_VERSION"]
