"""The cluster path's plain functions, without a cluster: worker-side Parquet writing,
the flow-side manifest filter over it, and fsspec roots. (The real cluster run is
in ``tests/integration/test_dask.py``.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.distributed import (
    StoredBatch,
    dataset_root,
    is_url,
    keep_new,
    parse_and_store_all,
    remove_files,
    write_table,
)
from flows.inbox import scan_inbox
from flows.parsing import InlineExecutor, chunks
from flows.settings import Settings
from transforms import PARSER_VERSION

DAY = dt.date(2026, 1, 2)
PARAMS = {
    "run_id": "run1",
    "parser_version": PARSER_VERSION,
    "max_bytes": 10**7,
    "ingested_at": dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
}


def stored(inbox: Path, root: str, *, batch_size: int = 10) -> list[tuple[int, StoredBatch]]:
    batches = chunks(scan_inbox(inbox).candidates, batch_size)
    return list(parse_and_store_all(InlineExecutor(), batches, window=1, root=root, day=DAY, **PARAMS))


def test_each_batch_writes_one_file_per_non_empty_table_named_like_the_local_writer(
    inbox: Path, tmp_path: Path
) -> None:
    """Worker output: ``<table>/ingest_date=<day>/<run>-<batch>.parquet`` per table, each
    holding exactly the batch's rows of that table, in batch order."""
    results = stored(inbox, str(tmp_path), batch_size=1)
    assert [n for n, _ in results] == [0, 1]
    for n, batch in results:
        assert batch.rows.count_articles == 1
        for name, (rel, count) in batch.parquet.items():
            assert rel.as_posix() == f"{name}/ingest_date=2026-01-02/run1-{n:05d}.parquet"
            assert (
                count
                == batch.rows.data[name].num_rows
                == pq.read_table(tmp_path / rel, partitioning=None).num_rows
            )
    assert not list(tmp_path.rglob("*.tmp"))


def test_keep_new_leaves_files_alone_when_no_article_is_known(inbox: Path, tmp_path: Path) -> None:
    """Nothing in the manifest: the rows and the worker's files are kept as written."""
    [(_, batch)] = stored(inbox, str(tmp_path))
    rows, files = keep_new(batch, set(), root=str(tmp_path))
    assert files == batch.parquet and rows.count_articles == 2


def test_keep_new_rewrites_files_without_articles_the_manifest_holds(inbox: Path, tmp_path: Path) -> None:
    """A known article's rows leave the tables and the Parquet files; the files then
    hold exactly the rows that will be loaded, under the same names."""
    [(_, batch)] = stored(inbox, str(tmp_path))
    known = batch.rows.data["articles"].column("article_id")[0].as_py()
    rows, files = keep_new(batch, {known}, root=str(tmp_path))
    assert rows.count_articles == 1
    for name, (rel, count) in files.items():
        assert rel == batch.parquet[name][0]
        table = pq.read_table(tmp_path / rel, partitioning=None)
        assert count == table.num_rows == rows.data[name].num_rows
        assert known not in table.column("article_id").to_pylist()


def test_keep_new_deletes_files_left_empty(inbox: Path, tmp_path: Path) -> None:
    """Every article already known: no file of the batch remains or is recorded."""
    [(_, batch)] = stored(inbox, str(tmp_path))
    known = set(batch.rows.data["articles"].column("article_id").to_pylist())
    rows, files = keep_new(batch, known, root=str(tmp_path))
    assert files == {} and rows.count_articles == 0
    assert not [p for p in tmp_path.rglob("*.parquet") if p.is_file()]


def test_an_fsspec_url_root_gets_plain_puts_and_deletes(inbox: Path) -> None:
    """An object-store root (fsspec ``memory://`` here) is written and cleaned through fsspec."""
    fsspec = pytest.importorskip("fsspec")
    root = "memory://wirehouse-test/parquet"
    [(_, batch)] = stored(inbox, root)
    fs = fsspec.filesystem("memory")
    rel, count = batch.parquet["articles"]
    with fs.open(f"/wirehouse-test/parquet/{rel.as_posix()}", "rb") as fh:
        assert pq.read_table(fh).num_rows == count
    write_table(batch.rows.data["quotes"], root, Path("extra/x.parquet"))
    remove_files(root, [rel, Path("extra/x.parquet"), Path("missing.parquet")])
    assert not fs.exists(f"/wirehouse-test/parquet/{rel.as_posix()}")
    fs.rm("/wirehouse-test", recursive=True)


def test_the_dataset_root_is_a_url_as_given_or_an_absolute_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers do not share the flow's working directory: a relative folder is made absolute."""
    monkeypatch.chdir(tmp_path)
    assert dataset_root(Settings(warehouse=Path("wh"))) == str(tmp_path / "wh" / "parquet")
    assert dataset_root(Settings(parquet_root="s3://bucket/parquet")) == "s3://bucket/parquet"
    assert is_url("gs://b/p") and not is_url("/data/p") and not is_url("file:///data/p")
