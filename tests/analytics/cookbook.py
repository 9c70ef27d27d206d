"""The SQL cookbook (docs/queries.md) as data: its questions, queries and printed
outputs, the sample-inbox warehouse they run on, and the rendering of a result as
the markdown table the doc prints.

``python -m tests.analytics.cookbook`` rewrites every output table in the doc from
what its query returns now (``make cookbook``); the tests compare the two, so the
doc cannot drift from the views without a test saying so.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from flows import warehouse as wh
from flows.batch import Candidate, parse_batch
from transforms import PARSER_VERSION

ROOT = Path(__file__).resolve().parents[2]
COOKBOOK = ROOT / "docs" / "queries.md"
SAMPLE_INBOX = ROOT / "examples" / "inbox"
INGESTED_AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
"""A fixed ingest time: the seed pages carry no published date, so the views date
them by ingest, and the doc's outputs must not change with the day they are made."""

SECTION = re.compile(r"^### (\d+)\. (.+)$", re.M)
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)
OUTPUT_MARK = "Output on the sample inbox:"


@dataclass(frozen=True, slots=True)
class Recipe:
    """One cookbook entry: its question, query and the table printed under it."""

    number: int
    question: str
    sql: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int  # offset of the output table in the doc (for rewriting)
    end: int


def build_sample_warehouse(database: Path) -> Path:
    """The sample inbox loaded through the plain functions the flow's tasks call
    (no Prefect server: the cookbook needs the warehouse, not the orchestration)."""
    con = wh.connect(database)
    try:
        wh.apply_structure(con)
        wh.load_reference(con)
        files = sorted(p for p in SAMPLE_INBOX.iterdir() if p.is_file())
        batch = parse_batch(
            [Candidate(str(p), p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files],
            run_id="cookbook",
            parser_version=PARSER_VERSION,
            max_bytes=1 << 22,
            ingested_at=INGESTED_AT,
        )
        parquet = {
            name: (Path(f"{name}/cookbook.parquet"), t.num_rows)
            for name, t in batch.data.items()
            if t.num_rows
        }
        wh.load_batch(
            con, batch, parquet=parquet, run_id="cookbook", parser_version=PARSER_VERSION, now=INGESTED_AT
        )
        wh.apply_derived(con)
    finally:
        con.close()
    return database


def parse(text: str) -> list[Recipe]:
    """Every ``### N. Question`` section with a ```sql block and the markdown table
    after "Output on the sample inbox:"."""
    heads = list(SECTION.finditer(text))
    out: list[Recipe] = []
    for i, head in enumerate(heads):
        body_end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end() : body_end]
        sql = SQL_BLOCK.search(body)
        mark = body.find(OUTPUT_MARK)
        if sql is None or mark < 0:
            raise ValueError(f"cookbook section {head.group(1)} lacks a sql block or {OUTPUT_MARK!r}")
        table_start = head.end() + mark + len(OUTPUT_MARK)
        lines = text[table_start:body_end].lstrip("\n").splitlines(keepends=True)
        table = []
        for line in lines:
            if not line.startswith("|"):
                break
            table.append(line)
        start = text.index(table[0], table_start) if table else table_start
        cells = [_split_row(line) for line in table]
        out.append(
            Recipe(
                number=int(head.group(1)),
                question=head.group(2).strip(),
                sql=sql.group(1).strip(),
                columns=tuple(cells[0]) if cells else (),
                rows=tuple(tuple(r) for r in cells[2:]),
                start=start,
                end=start + sum(len(line) for line in table),
            )
        )
    return out


def _split_row(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def run(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """A query's column names and its rows rendered as the doc prints cells."""
    rel = con.sql(sql)
    return tuple(rel.columns), [tuple(cell(v) for v in row) for row in rel.fetchall()]


def cell(value: Any) -> str:
    """How a value reads in a markdown table: lists comma-joined, empty for null."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return " ".join(str(value).split())


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n"

    return line(columns) + "|" + "|".join("---" for _ in columns) + "|\n" + "".join(line(r) for r in rows)


def rewrite(text: str, con: duckdb.DuckDBPyConnection) -> str:
    """The doc with every output table replaced by what its query returns now."""
    for recipe in reversed(parse(text)):
        columns, rows = run(con, recipe.sql)
        text = text[: recipe.start] + markdown_table(columns, rows) + text[recipe.end :]
    return text


def main(argv: Sequence[str] = ()) -> int:
    """Refresh docs/queries.md's outputs in place (``--check``: only report drift)."""
    with tempfile.TemporaryDirectory() as tmp:
        database = build_sample_warehouse(Path(tmp) / "wirehouse.duckdb")
        with duckdb.connect(str(database), read_only=True) as con:
            old = COOKBOOK.read_text(encoding="utf-8")
            new = rewrite(old, con)
    if "--check" in argv:
        print(
            "docs/queries.md is up to date"
            if new == old
            else "docs/queries.md outputs differ: run make cookbook"
        )
        return 0 if new == old else 1
    COOKBOOK.write_text(new, encoding="utf-8")
    print(f"rewrote the outputs of {len(parse(new))} queries in {COOKBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
