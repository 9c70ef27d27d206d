"""Parse one batch of inbox files into Arrow tables: the unit of parallel work.

:func:`parse_batch` is a plain function (no Prefect, no DuckDB) so it runs in a
process pool or on a Dask worker; it returns picklable Arrow tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from flows import schemas
from flows.files import read_bounded
from flows.rows import Lineage, Row, extraction_rows
from transforms.errors import InputError


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file discovered in the inbox: where it is and what ``stat`` said."""

    path: str  # absolute, for reading
    rel: str  # relative to the inbox, as stored in the warehouse
    size: int
    mtime_ns: int


@dataclass(slots=True)
class BatchRows:
    """What one batch yields: manifest rows for every file, data rows for articles."""

    files: pa.Table
    unread: pa.Table
    data: dict[str, pa.Table] = field(default_factory=dict)

    @property
    def count_articles(self) -> int:
        return self.data["articles"].num_rows if "articles" in self.data else 0


def parse_batch(
    candidates: Sequence[Candidate],
    *,
    run_id: str,
    parser_version: str,
    max_bytes: int,
    ingested_at: dt.datetime,
) -> BatchRows:
    """Read, hash and extract each file once. A bad file becomes a rejected manifest
    row (or an ``unread`` row when it could not even be read); the batch goes on."""
    # Imported here, not at the top: the flow process imports this module for its
    # types but parses only with one worker, and the parsers (bs4, lxml, charset
    # detection) cost it about 140 ms of start-up on every run. Pool workers get
    # them from the forkserver's preload (flows.parsing).
    from transforms.extract import article_id, extract

    lineage = Lineage(parser_version=parser_version, run_id=run_id, ingested_at=ingested_at)
    files: list[Row] = []
    unread: list[Row] = []
    data: dict[str, list[Row]] = {name: [] for name in schemas.DATA_TABLES}
    seen: set[str] = set()
    for c in candidates:
        stat = {"path": c.rel, "size_bytes": c.size, "mtime_ns": c.mtime_ns}
        try:
            raw = read_bounded(Path(c.path), max_bytes=max_bytes, expect=(c.size, c.mtime_ns))
        except InputError as exc:
            unread.append({"path": c.rel, "stage": exc.stage, "reason": exc.reason})
            continue
        digest = article_id(raw)
        if digest in seen:
            files.append({"sha256": digest, **stat, "status": "duplicate", "stage": None, "reason": None})
            continue
        seen.add(digest)
        try:
            x = extract(raw, name=Path(c.rel).name, max_bytes=max_bytes, digest=digest)
        except InputError as exc:
            files.append(
                {"sha256": digest, **stat, "status": "rejected", "stage": exc.stage, "reason": exc.reason}
            )
            continue
        except Exception as exc:  # a parser bug must not sink the batch; not manifested, so retried next run
            unread.append(
                {"path": c.rel, "stage": "internal", "reason": f"parser error {type(exc).__name__}: {exc}"}
            )
            continue
        files.append({"sha256": digest, **stat, "status": "loaded", "stage": None, "reason": None})
        for name, rows in extraction_rows(x, path=c.rel, lineage=lineage).items():
            data[name].extend(rows)
    return BatchRows(
        files=_table(files, schemas.FILES),
        unread=_table(unread, schemas.UNREAD),
        data={name: _table(rows, schemas.DATA_TABLES[name]) for name, rows in data.items()},
    )


def _table(rows: list[Row], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def without_known(batch: BatchRows, known: set[str]) -> BatchRows:
    """The batch with articles the manifest already holds turned into duplicates:
    their data rows dropped, their file rows marked ``duplicate``."""
    if not known:
        return batch
    files = batch.files
    is_known = pc.is_in(files.column("sha256"), value_set=pa.array(sorted(known), pa.string()))
    status = pc.if_else(is_known, pa.scalar("duplicate"), files.column("status"))
    files = files.set_column(files.schema.get_field_index("status"), "status", status)
    data = {
        name: table.filter(
            pc.invert(pc.is_in(table.column("article_id"), value_set=pa.array(sorted(known), pa.string())))
        )
        for name, table in batch.data.items()
    }
    return BatchRows(files=files, unread=batch.unread, data=data)


def only(batch: BatchRows, hashes: set[str]) -> BatchRows:
    """The batch restricted to files whose content is one of ``hashes`` and that
    loaded or were rejected: what re-parsing may replace. A file whose bytes
    changed since it was loaded, or that could not be read, is left out: its old
    rows stay until its content can be read again."""
    files = batch.files
    keep = pc.and_(
        pc.is_in(files.column("sha256"), value_set=pa.array(sorted(hashes), pa.string())),
        pc.not_equal(files.column("status"), "duplicate"),
    )
    files = files.filter(keep)
    ids = pa.array(sorted(set(files.column("sha256").to_pylist())), pa.string())
    data = {name: t.filter(pc.is_in(t.column("article_id"), value_set=ids)) for name, t in batch.data.items()}
    return BatchRows(files=files, unread=batch.unread.slice(0, 0), data=data)
