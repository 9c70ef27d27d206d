"""The ``wirehouse`` command line (typer + rich). Heavy imports (prefect, duckdb)
happen inside the commands that need them, so ``wirehouse extract`` starts fast."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

app = typer.Typer(
    help="wirehouse: news-article files → Parquet → DuckDB (treaties, countries, speakers, quotes).",
    no_args_is_help=True,
    add_completion=False,
    epilog=(
        "Analysts: docs/queries.md answers ten common questions with SQL; "
        "wirehouse report --html report.html draws the charts."
    ),
)


@app.callback()
def _root() -> None:
    """wirehouse: news-article files → Parquet → DuckDB warehouse."""


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files, or folders to walk for them.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per file (the DESIGN.md contract).")
    ] = False,
    max_bytes: Annotated[int, typer.Option(help="Reject files larger than this.")] = 20 * 1024 * 1024,
) -> None:
    """Run the transforms on files (no warehouse) and print what they yield."""
    from flows.files import expand_paths, read_bounded
    from transforms.contract import rejected_contract, to_contract
    from transforms.errors import InputError
    from transforms.extract import article_id
    from transforms.extract import extract as run_extract

    failures = 0
    for path in expand_paths(paths):
        digest = None
        try:
            raw = read_bounded(path, max_bytes=max_bytes)
            digest = article_id(raw)
            obj = to_contract(
                run_extract(raw, name=path.name, max_bytes=max_bytes, digest=digest), path=str(path)
            )
        except InputError as exc:
            failures += 1
            obj = rejected_contract(path=str(path), reason=exc.reason, article_id=digest)
        if as_json:
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            _print_human(obj)
    if failures and failures == len(paths):
        raise typer.Exit(code=1)


def _quiet_prefect_defaults() -> None:
    """No network here and none wanted: no telemetry, and a patient ephemeral server."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@app.command()
def run(
    inbox: Annotated[
        Path | None, typer.Option(help="Inbox folder (default examples/inbox or WIREHOUSE_INBOX).")
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="Warehouse folder (default warehouse or WIREHOUSE_WAREHOUSE).")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Files per batch.")] = None,
    workers: Annotated[int | None, typer.Option(help="Parser processes (default: one per core).")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Reject files larger than this.")] = None,
    reparse: Annotated[
        bool, typer.Option("--reparse", help="Re-derive articles parsed by an older parser version.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS", help="Parse on a Dask cluster, e.g. tcp://host:8786."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar over files (default: on a terminal)."),
    ] = None,
) -> None:
    """Run one ingest: new inbox files → Parquet → DuckDB, then views and checks."""
    from flows.settings import load_settings

    chosen = load_settings(inbox=inbox).inbox
    if not chosen.is_dir():  # fail before starting Prefect; scheduled runs retry instead
        _fail(f"inbox not found: {chosen} is not a folder", code=2)
    _quiet_prefect_defaults()
    from flows.distributed import ClusterUnavailable
    from flows.ingest import ingest_articles
    from flows.lock import WarehouseLocked

    try:
        with _ingest_progress(enabled=sys.stderr.isatty() if progress is None else progress):
            summary = ingest_articles(
                inbox=str(inbox) if inbox else None,
                warehouse=str(warehouse) if warehouse else None,
                batch_size=batch_size,
                workers=workers,
                max_bytes=max_bytes,
                reparse=reparse,
                dask_address=dask,
            )
    except WarehouseLocked as exc:
        _fail(str(exc), code=3)
    except ClusterUnavailable as exc:
        _fail(f"Dask cluster unavailable: {exc}", code=4)
    except FileNotFoundError as exc:
        _fail(f"inbox not found: {exc.filename or exc}", code=2)
    from flows.summary import RunSummary

    typer.echo(RunSummary(**summary).one_line())


class _IngestProgress(logging.Handler):
    """Turns the flow's own log records into a progress bar over files.

    ``ingest_articles`` logs ``discovered %d files: %d unchanged, %d to read`` once
    and ``batch %d/%d: %d articles loaded, %d duplicate, %d rejected ...`` per batch
    (flows/ingest.py). The handler reads the records' leading integer arguments, not their text, so
    the flow needs no progress parameter (its parameters stay JSON for deployments);
    a record of another shape is ignored and the bar merely stops advancing."""

    def __init__(self, progress: Any) -> None:
        super().__init__(level=logging.INFO)
        self.progress = progress
        self.task = progress.add_task("starting the flow, discovering files", total=None)

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.msg if isinstance(record.msg, str) else ""
        raw = record.args if isinstance(record.args, tuple) else ()
        args = [a for a in raw if isinstance(a, int) and not isinstance(a, bool)]
        if msg.startswith("discovered ") and len(args) >= 3:
            self.progress.update(self.task, description="reading files", total=args[2], completed=0)
        elif msg.startswith("batch ") and len(args) >= 5:
            args = args[:5]  # batch n/total, loaded, duplicate, rejected (more may follow)
            self.progress.advance(self.task, sum(args[2:]))
            done, total = args[0], args[1]
            if done == total:
                self.progress.update(self.task, description="building views, running checks")


@contextmanager
def _ingest_progress(*, enabled: bool) -> Iterator[None]:
    """A rich progress bar on stderr for the duration of an ingest. Prefect's console
    log lines are printed through the same console meanwhile, so they scroll above
    the bar instead of tearing it."""
    if not enabled:
        yield
        return
    from prefect.logging.handlers import PrefectConsoleHandler
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=console,
    )
    prefect_consoles = [
        (h, h.console)
        for lg in [logging.getLogger("prefect"), *map(logging.getLogger, _prefect_logger_names())]
        for h in lg.handlers
        if isinstance(h, PrefectConsoleHandler)
    ]
    handler = _IngestProgress(progress)
    flow_logger = logging.getLogger("prefect.flow_runs")
    flow_logger.addHandler(handler)
    for h, _ in prefect_consoles:
        h.console = console
    try:
        with progress:
            yield
            progress.update(handler.task, description="done")
    finally:
        flow_logger.removeHandler(handler)
        for h, original in prefect_consoles:
            h.console = original


def _prefect_logger_names() -> list[str]:
    return [n for n in logging.Logger.manager.loggerDict if n.startswith("prefect.")]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


WarehouseOption = Annotated[
    Path | None, typer.Option(help="Warehouse folder (default warehouse or WIREHOUSE_WAREHOUSE).")
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table, csv or json (JSON lines).")]
LimitOption = Annotated[int, typer.Option(min=1, help="Rows to show at most.")]


def _open_read_only(warehouse: Path | None) -> duckdb.DuckDBPyConnection:
    """A read-only connection, or a clear error when the warehouse is missing or busy.

    Read-only, so a typo in ``wirehouse query`` can never change the warehouse, and
    so several analysts can read at once (DuckDB allows many read-only processes,
    but none while an ingest holds the file for writing)."""
    import duckdb

    from flows.settings import load_settings

    database = load_settings(warehouse=warehouse).database
    if not database.exists():
        _fail(f"no warehouse at {database}; run `wirehouse run` first (or pass --warehouse DIR)", code=2)
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.IOException as exc:
        _fail(
            f"warehouse {database} is locked by a running ingest; try again when it finishes "
            f"({str(exc).splitlines()[0]})",
            code=3,
        )


@app.command(
    epilog=(
        'Examples:  wirehouse query "select * from analytics.treaty_summary"  ·  '
        "wirehouse query --format csv "
        "\"select * from analytics.speaker_treaties where treaty_short_name = 'ABM'\"  ·  "
        "docs/queries.md has ten more, with their output."
    )
)
def query(
    sql: Annotated[str, typer.Argument(help='A SQL query, e.g. "select * from analytics.treaty_summary".')],
    warehouse: WarehouseOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run SQL against the warehouse (read-only) and print the result.

    The analytics views are analytics.treaty_summary, country_summary, speaker_summary,
    treaty_countries, speaker_treaties, quotes and timeline; every view and column is
    described in duckdb_views() and duckdb_columns()."""
    import duckdb

    con = _open_read_only(warehouse)
    try:
        result = con.sql(sql)
        if result is None:
            return
        table = result.to_arrow_table()
    except duckdb.Error as exc:
        _fail(str(exc).strip(), code=1)
    finally:
        con.close()
    _print_table(table, fmt=fmt)


def _print_table(table: pa.Table, *, fmt: OutputFormat, title: str | None = None) -> None:
    rows = table.to_pylist()
    if fmt is OutputFormat.csv:
        # The csv module rather than pyarrow's writer: that one refuses list columns
        # (treaties, top_countries), which read best here as one comma-joined cell.
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([_cell(v) for v in row.values()] for row in rows)
        return
    if fmt is OutputFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for name in table.column_names:
        t.add_column(name, overflow="fold")
    for row in rows:
        t.add_row(*(_cell(v) for v in row.values()))
    Console(width=max(160, Console().width)).print(t)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@app.command()
def report(
    warehouse: WarehouseOption = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a self-contained HTML report with charts to this file instead."),
    ] = None,
    limit: LimitOption = 20,
) -> None:
    """Print the treaty, country and speaker summaries, or write them with charts as HTML.

    The HTML file (top treaties, treaty mentions over time, top speakers, a
    treaty × country heat map, and the summary tables) needs no network: open it
    in any browser, or attach it to a mail."""
    from flows.report import SUMMARY_QUERIES, write_report

    con = _open_read_only(warehouse)
    try:
        if html is not None:
            path = write_report(con, html)
            typer.echo(f"wrote {path}")
            return
        for title, sql in SUMMARY_QUERIES.items():
            table = con.sql(f"{sql} limit ?", params=[limit]).to_arrow_table()
            _print_table(table, fmt=OutputFormat.table, title=title)
    finally:
        con.close()


@app.command(epilog="Example:  wirehouse speakers --treaty ABM")
def speakers(
    treaty: Annotated[
        str | None,
        typer.Option(help="Only speakers quoted about this treaty: short name (ABM), name or treaty id."),
    ] = None,
    warehouse: WarehouseOption = None,
    fmt: FormatOption = OutputFormat.table,
    limit: LimitOption = 20,
) -> None:
    """Who is quoted most: every speaker, or those whose quotes name one treaty (with a sample quote)."""
    con = _open_read_only(warehouse)
    try:
        if treaty is None:
            table = con.sql(
                "select speaker_name, role, country_name, count_quotes, count_words_quoted, count_articles, "
                "treaties from analytics.speaker_summary limit ?",
                params=[limit],
            ).to_arrow_table()
            title = "Speakers"
        else:
            treaty_id, name = _resolve_treaty(con, treaty)
            table = con.sql(
                "select speaker_name, speaker_role, speaker_country_name, count_quotes, count_articles, "
                "sample_quote from analytics.speaker_treaties where treaty_id = ? "
                "order by count_quotes desc, speaker_name limit ?",
                params=[treaty_id, limit],
            ).to_arrow_table()
            title = f"Speakers quoted about the {name}"
            if not table.num_rows:
                typer.secho(f"the {name} is mentioned, but no quote names it", err=True, fg="yellow")
    finally:
        con.close()
    _print_table(table, fmt=fmt, title=title)


def _resolve_treaty(con: duckdb.DuckDBPyConnection, text: str) -> tuple[str, str]:
    """The treaty an analyst means by ``text``: an exact short name, name or id
    first (case-insensitive), else the one treaty whose name contains it."""
    rows = con.sql(
        """
        select treaty_id, treaty_name, short_name,
            lower(?) in (lower(short_name), lower(treaty_name), lower(treaty_id)) as is_exact,
        from analytics.treaty_summary
        where is_exact or contains(lower(treaty_name), lower(?)) or contains(lower(short_name), lower(?))
        order by is_exact desc, count_articles desc
        """,
        params=[text, text, text],
    ).fetchall()
    exact = [r for r in rows if r[3]]
    if exact or len(rows) == 1:
        treaty_id, treaty_name, short_name, _ = (exact or rows)[0]
        named = f"{treaty_name} ({short_name})" if short_name and short_name != treaty_name else treaty_name
        return treaty_id, named
    if rows:
        several = ", ".join(r[2] or r[1] for r in rows)
        _fail(f"{text!r} matches several treaties: {several}; be more specific", code=1)
    names = con.sql("select coalesce(short_name, treaty_name) from analytics.treaty_summary").fetchall()
    known = ", ".join(r[0] for r in names)
    _fail(f"no treaty matching {text!r} is mentioned in the warehouse; known: {known or 'none yet'}", code=1)


def _fail(message: str, *, code: int) -> NoReturn:
    typer.secho(f"error: {message}", err=True, fg="red")
    raise typer.Exit(code=code)


def _print_human(obj: dict[str, object]) -> None:
    from rich.console import Console

    console = Console()
    if obj.get("error"):
        console.print(f"[red]rejected[/red] {obj['path']}: {obj['error']}")
        return
    console.rule(str(obj.get("headline") or obj["path"]))
    console.print(json.dumps({k: v for k, v in obj.items() if k != "body"}, indent=2, ensure_ascii=False))


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Prefect server port on 127.0.0.1.")] = 4200,
    pool: Annotated[
        str, typer.Option(help="Process work pool to create if missing and to poll.")
    ] = "wirehouse",
    api_url: Annotated[
        str | None, typer.Option(help="Use this running Prefect API instead of starting a server.")
    ] = None,
) -> None:
    """Scheduled runs on this box: Prefect server, work pool, deployments, worker. Ctrl-C stops all."""
    from flows.serve import main as serve_main

    args = ["--port", str(port), "--pool", pool, *(["--api-url", api_url] if api_url else [])]
    raise typer.Exit(code=serve_main(args))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
