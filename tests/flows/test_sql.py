"""The SQL layer on a real DuckDB file: object naming, documentation, checks that pass
on good data and fail on bad, and Arrow schemas that match the raw tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from flows import schemas
from flows import warehouse as wh
from flows.batch import BatchRows, Candidate, parse_batch, without_known
from flows.sqlfiles import LAYER_SCHEMAS, check_files, model_files
from transforms import PARSER_VERSION

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inbox"
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _parse(paths: Sequence[Path], *, run_id: str, names: Sequence[str] | None = None) -> BatchRows:
    """Files parsed as the flow's batch task parses them, each under its own name in
    the inbox unless ``names`` gives others."""
    return parse_batch(
        [
            Candidate(str(p), name, p.stat().st_size, p.stat().st_mtime_ns)
            for p, name in zip(paths, names or [p.name for p in paths], strict=True)
        ],
        run_id=run_id,
        parser_version=PARSER_VERSION,
        max_bytes=1 << 20,
        ingested_at=NOW,
    )


@pytest.fixture
def loaded(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A warehouse holding the sample inbox, loaded through the plain functions."""
    con = wh.connect(tmp_path / "w.duckdb")
    wh.apply_structure(con)
    wh.load_reference(con)
    files = sorted(SAMPLE.glob("*"))
    batch = _parse(files, run_id="r1")
    parquet = {name: (Path(f"{name}/x.parquet"), t.num_rows) for name, t in batch.data.items() if t.num_rows}
    wh.load_batch(con, batch, parquet=parquet, run_id="r1", parser_version=PARSER_VERSION, now=NOW)
    wh.apply_derived(con)
    yield con
    con.close()


def test_each_file_creates_the_object_its_path_names() -> None:
    """sql/<layer>/<name>.sql creates <schema of layer>.<name>, so a reader finds any object."""
    for f in model_files():
        if not f.layer:
            continue
        m = re.search(
            r"create\s+(?:or\s+replace\s+)?(table|view)\s+(?:if\s+not\s+exists\s+)?([\w.]+)", f.sql, re.I
        )
        assert m, f"{f.layer}/{f.name}.sql creates nothing"
        assert m.group(2) == f"{LAYER_SCHEMAS[f.layer]}.{f.name}"


def test_every_object_states_its_grain() -> None:
    """Each table and view says what one row is."""
    missing = [f"{f.layer}/{f.name}" for f in model_files() if f.layer and "Grain:" not in f.sql]
    assert not missing


def test_analytics_views_are_documented(loaded: duckdb.DuckDBPyConnection) -> None:
    """Analysts see a comment on every analytics view (duckdb_views())."""
    rows = loaded.execute(
        "select view_name, comment from duckdb_views() where schema_name = 'analytics'"
    ).fetchall()
    names = {f.name for f in model_files(layers=("40_analytics",)) if f.layer}
    assert {r[0] for r in rows} == names
    assert all(comment and len(comment) > 40 for _, comment in rows)


def test_checks_pass_on_a_clean_load(loaded: duckdb.DuckDBPyConnection) -> None:
    """Zero offending rows on a warehouse loaded once."""
    assert check_files(), "no checks found"
    assert wh.run_checks(loaded) == {f.name: 0 for f in check_files()}


def test_checks_catch_a_quote_loaded_twice(loaded: duckdb.DuckDBPyConnection) -> None:
    """A duplicated row makes its check report it (the checks can fail)."""
    loaded.execute("insert into raw.quotes select * from raw.quotes limit 1")
    failed = {k for k, v in wh.run_checks(loaded).items() if v}
    assert "assert_quotes__unique_index" in failed
    assert "assert_parquet_files__match_tables" in failed


def test_checks_catch_an_article_without_manifest_row(loaded: duckdb.DuckDBPyConnection) -> None:
    """Data rows that bypassed the manifest are reported."""
    loaded.execute("delete from raw.files")
    failed = {k for k, v in wh.run_checks(loaded).items() if v}
    assert "assert_articles__in_manifest" in failed


@pytest.mark.parametrize("table", list(schemas.DATA_TABLES))
def test_arrow_schema_matches_raw_table(loaded: duckdb.DuckDBPyConnection, table: str) -> None:
    """The Arrow schema that Parquet uses has the raw table's columns, in order."""
    cols = [
        r[0]
        for r in loaded.execute(
            "select column_name from duckdb_columns() "
            "where schema_name = 'raw' and table_name = ? order by column_index",
            [table],
        ).fetchall()
    ]
    assert cols == schemas.DATA_TABLES[table].names


def test_summary_views_answer_on_the_sample(loaded: duckdb.DuckDBPyConnection) -> None:
    """The three summaries return rows on the sample inbox."""
    for view in ("treaty_summary", "country_summary", "speaker_summary"):
        assert loaded.execute(f"select count(*) from analytics.{view}").fetchone()[0] > 0, view


def test_checks_catch_an_article_without_parquet_lineage(loaded: duckdb.DuckDBPyConnection) -> None:
    """An article whose load batch is unknown could not be re-parsed cleanly: reported."""
    loaded.execute(
        "delete from raw.article_batches where article_id in (select article_id from raw.articles limit 1)"
    )
    failed = {k for k, v in wh.run_checks(loaded).items() if v}
    assert failed == {"assert_article_batches__match_articles"}


def test_lineage_of_an_older_warehouse_is_read_back_from_parquet(tmp_path: Path) -> None:
    """Warehouses loaded before ``raw.article_batches`` existed get it from the
    registered articles Parquet files, once."""
    from flows.parquet import parquet_path, write_atomic

    con = wh.connect(tmp_path / "w.duckdb")
    wh.apply_structure(con)
    files = sorted(SAMPLE.glob("*"))
    batch = _parse(files, run_id="r1")
    root = tmp_path / "parquet"
    path = write_atomic(
        batch.data["articles"],
        parquet_path(root, table="articles", ingest_date=NOW.date(), run_id="r1", batch=7),
    )
    wh.load_batch(
        con,
        batch,
        parquet={"articles": (path.relative_to(root), 2)},
        run_id="r1",
        parser_version=PARSER_VERSION,
        now=NOW,
    )
    want = con.execute("select * from raw.article_batches order by all").fetchall()
    con.execute("delete from raw.article_batches")
    assert wh.backfill_lineage(con, root, run_id="r2") == 2
    assert (
        con.execute("select * from raw.article_batches order by all").fetchall()
        == want
        == [(a, "r1-00007") for a, _ in want]
    )
    assert wh.backfill_lineage(con, root, run_id="r2") == 0


def test_a_build_stands_until_anything_it_is_made_of_changes(
    loaded: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """The recorded rebuild holds while nothing changed; a batch committed after it
    (say by a run killed before its rebuild), other SQL or reference data, a failed
    check or a dropped view each make the next run rebuild."""
    definition = wh.definition_sha256()
    assert wh.current_build(loaded, definition=definition) is None  # loaded, never recorded
    wh.record_build(loaded, run_id="b1", definition=definition, checks_failed=0, now=NOW)
    assert wh.current_build(loaded, definition=definition) == "b1"
    assert wh.current_build(loaded, definition="other sql or reference data") is None

    loaded.execute("drop view analytics.timeline")
    assert wh.current_build(loaded, definition=definition) is None
    wh.apply_derived(loaded)
    assert wh.current_build(loaded, definition=definition) == "b1"

    wh.record_build(loaded, run_id="b2", definition=definition, checks_failed=1, now=NOW + dt.timedelta(1))
    assert wh.current_build(loaded, definition=definition) is None
    wh.record_build(loaded, run_id="b3", definition=definition, checks_failed=0, now=NOW + dt.timedelta(2))
    assert wh.current_build(loaded, definition=definition) == "b3"

    seed = sorted(SAMPLE.glob("*.txt"))[0]
    copy = _parse([seed], run_id="r2", names=["copy.txt"])
    known = {r[0] for r in loaded.execute("select sha256 from raw.files").fetchall()}
    wh.load_batch(
        loaded, without_known(copy, known), parquet={}, run_id="r2", parser_version=PARSER_VERSION, now=NOW
    )
    assert wh.current_build(loaded, definition=definition) == "b3"  # a duplicate changes no row it reads
    new = tmp_path / "new.txt"
    new.write_bytes(seed.read_bytes() + b"\nA closing paragraph that makes this file new.\n")
    batch = _parse([new], run_id="r3")
    wh.load_batch(loaded, batch, parquet={}, run_id="r3", parser_version=PARSER_VERSION, now=NOW)
    assert wh.current_build(loaded, definition=definition) is None


def test_reference_tables_are_rewritten_only_when_the_package_data_differs(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    """An unchanged reference is left alone; a row changed behind its back is put right."""
    assert wh.load_reference(loaded) is False
    loaded.execute("update ref.countries set country_name = 'Nowhere' where country_code = 'RU'")
    assert wh.load_reference(loaded) is True
    assert loaded.execute("select country_name from ref.countries where country_code = 'RU'").fetchone() != (
        "Nowhere",
    )
    assert wh.load_reference(loaded) is False


def test_the_stat_fast_path_reads_only_new_or_changed_paths(loaded: duckdb.DuckDBPyConnection) -> None:
    """A path the manifest settled with the same size and mtime is skipped; another
    size, another mtime or an unknown path is read again, in scan order."""
    settled = loaded.execute("select path, size_bytes, mtime_ns from raw.file_paths order by path").fetchall()
    (path, size, mtime), *_ = settled
    same = Candidate("/abs/" + path, path, size, mtime)
    grown = Candidate("/abs/" + path, path, size + 1, mtime)
    touched = Candidate("/abs/" + path, path, size, mtime + 1)
    new = Candidate("/abs/new.txt", "new.txt", 10, 1)
    assert wh.unsettled(loaded, [same]) == []
    assert wh.unsettled(loaded, [new, same, grown]) == [new, grown]
    assert wh.unsettled(loaded, [touched, same]) == [touched]
    assert wh.unsettled(loaded, []) == []


@pytest.mark.parametrize("table", list(wh.UNKEYED))
def test_checks_catch_a_key_loaded_twice(loaded: duckdb.DuckDBPyConnection, table: str) -> None:
    """The tables without a primary key (kept unique by the loads' anti-joins) have a
    check that reports a duplicated key."""
    loaded.execute(f"insert into raw.{table} select * from raw.{table} limit 1")
    failed = {k for k, v in wh.run_checks(loaded).items() if v}
    assert f"assert_{table}__unique" in failed


def test_loading_the_same_paths_again_keeps_one_row_per_key(loaded: duckdb.DuckDBPyConnection) -> None:
    """A batch that meets known articles under known paths (the flow's filter turns
    them into duplicates) adds no manifest row and keeps one stat row per path."""
    again = _parse(sorted(SAMPLE.glob("*")), run_id="r2")
    known = wh.known_hashes(loaded, again.files.column("sha256").to_pylist())
    wh.load_batch(
        loaded, without_known(again, known), parquet={}, run_id="r2", parser_version=PARSER_VERSION, now=NOW
    )
    assert wh.run_checks(loaded) == {f.name: 0 for f in check_files()}
    assert loaded.execute("select count(*), count(distinct last_run_id) from raw.file_paths").fetchone() == (
        len(list(SAMPLE.glob("*"))),
        1,
    )


def test_an_older_warehouse_loses_its_key_indexes_and_keeps_its_rows(tmp_path: Path) -> None:
    """Warehouses made when the manifest, stat, article and lineage tables had primary
    keys: opening one rebuilds those tables without the key, every row kept, once."""
    con = wh.connect(tmp_path / "old.duckdb")
    wh.apply_structure(con)
    keys = {
        "files": "sha256",
        "file_paths": "path",
        "articles": "article_id",
        "article_batches": "article_id",
    }
    for table, key in keys.items():  # the tables as they were: the key column was the primary key
        ddl = con.execute(
            "select sql from duckdb_tables() where schema_name = 'raw' and table_name = ?", [table]
        ).fetchone()
        assert ddl is not None
        con.execute(f"drop table raw.{table}")
        con.execute(re.sub(rf"\b{key} VARCHAR NOT NULL", f"{key} VARCHAR PRIMARY KEY", ddl[0], count=1))
    wh.load_reference(con)
    batch = _parse(sorted(SAMPLE.glob("*")), run_id="r1")
    parquet = {name: (Path(f"{name}/x.parquet"), t.num_rows) for name, t in batch.data.items() if t.num_rows}
    wh.load_batch(con, batch, parquet=parquet, run_id="r1", parser_version=PARSER_VERSION, now=NOW)
    before = {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in keys}
    assert wh._keyed(con) == sorted(keys)

    wh.apply_structure(con)
    assert wh._keyed(con) == []
    assert {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in keys} == before
    assert all(before.values())
    wh.apply_structure(con)  # nothing left to rebuild
    assert {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in keys} == {
        t: len(rows) for t, rows in before.items()
    }
    con.close()
