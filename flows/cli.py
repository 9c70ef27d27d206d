"""The ``wirehouse`` command line (typer + rich). Heavy imports (prefect, duckdb)
happen inside the commands that need them, so ``wirehouse extract`` starts fast."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from enum import Enum
from typing import Annotated, NoReturn, Optional

import typer

app = typer.Typer(
    help="wirehouse: news-article files → Parquet → DuckDB warehouse of treaties, countries, speakers, quotes.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """wirehouse: news-article files → Parquet → DuckDB warehouse."""


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files, or folders to walk for them.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file (the DESIGN.md contract).")] = False,
    max_bytes: Annotated[int, typer.Option(help="Reject files larger than this.")] = 20 * 1024 * 1024,
) -> None:
    """Run the transforms on files (no warehouse) and print what they yield."""
    from flows.files import expand_paths, read_bounded
    from transforms.contract import rejected_contract, to_contract
    from transforms.errors import InputError
    from transforms.extract import article_id, extract as run_extract

    failures = 0
    for path in expand_paths(paths):
        digest = None
        try:
            raw = read_bounded(path, max_bytes=max_bytes)
            digest = article_id(raw)
            obj = to_contract(run_extract(raw, name=path.name, max_bytes=max_bytes, digest=digest), path=str(path))
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
    inbox: Annotated[Optional[Path], typer.Option(help="Inbox folder (default examples/inbox or WIREHOUSE_INBOX).")] = None,
    warehouse: Annotated[Optional[Path], typer.Option(help="Warehouse folder (default warehouse or WIREHOUSE_WAREHOUSE).")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Files per batch.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Parser processes (default: one per core).")] = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Reject files larger than this.")] = None,
    reparse: Annotated[bool, typer.Option("--reparse", help="Re-derive articles parsed by an older parser version.")] = False,
) -> None:
    """Run one ingest: new inbox files → Parquet → DuckDB, then views and checks."""
    _quiet_prefect_defaults()
    from flows.ingest import ingest_articles
    from flows.lock import WarehouseLocked

    try:
        summary = ingest_articles(
            inbox=str(inbox) if inbox else None,
            warehouse=str(warehouse) if warehouse else None,
            batch_size=batch_size,
            workers=workers,
            max_bytes=max_bytes,
            reparse=reparse,
        )
    except WarehouseLocked as exc:
        _fail(str(exc), code=3)
    except FileNotFoundError as exc:
        _fail(f"inbox not found: {exc.filename or exc}", code=2)
    from flows.summary import RunSummary

    typer.echo(RunSummary(**summary).one_line())


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


WarehouseOption = Annotated[Optional[Path], typer.Option(help="Warehouse folder (default warehouse or WIREHOUSE_WAREHOUSE).")]


def _open_read_only(warehouse: Path | None):  # type: ignore[no-untyped-def]
    """A read-only connection, or a clear error when the warehouse is missing or busy."""
    import duckdb

    from flows.settings import load_settings

    database = load_settings(warehouse=warehouse).database
    if not database.exists():
        _fail(f"no warehouse at {database}; run `wirehouse run` first", code=2)
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.IOException as exc:
        _fail(f"warehouse {database} is locked by a running ingest; try again when it finishes ({exc})", code=3)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A SQL query, e.g. \"select * from analytics.treaty_summary\".")],
    warehouse: WarehouseOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, csv or json (one object per line).")] = OutputFormat.table,
) -> None:
    """Run SQL against the warehouse (read-only) and print the result."""
    import duckdb

    con = _open_read_only(warehouse)
    try:
        result = con.sql(sql)
        if result is None:
            return
        table = result.to_arrow_table()
    except duckdb.Error as exc:
        _fail(str(exc).splitlines()[0], code=1)
    finally:
        con.close()
    _print_table(table, fmt=fmt)


def _print_table(table, *, fmt: OutputFormat, title: str | None = None) -> None:  # type: ignore[no-untyped-def]
    if fmt is OutputFormat.csv:
        import io

        import pyarrow.csv as pacsv

        out = io.BytesIO()
        pacsv.write_csv(table, out)
        sys.stdout.write(out.getvalue().decode())
        return
    rows = table.to_pylist()
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


REPORT_QUERIES = {
    "Treaties": "select treaty_name, short_name, count_articles, count_mentions, count_quotes, count_speakers, top_countries from analytics.treaty_summary limit 20",
    "Countries": "select country_name, country_code, count_articles, count_mentions, count_mentions_in_quotes, count_speakers from analytics.country_summary limit 20",
    "Speakers": "select speaker_name, role, country_name, count_quotes, count_words_quoted, count_articles, treaties from analytics.speaker_summary limit 20",
}


@app.command()
def report(warehouse: WarehouseOption = None) -> None:
    """Print the treaty, country and speaker summaries."""
    con = _open_read_only(warehouse)
    try:
        for title, sql in REPORT_QUERIES.items():
            _print_table(con.sql(sql).to_arrow_table(), fmt=OutputFormat.table, title=title)
    finally:
        con.close()


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
    pool: Annotated[str, typer.Option(help="Process work pool to create if missing and to poll.")] = "wirehouse",
    api_url: Annotated[
        Optional[str], typer.Option(help="Use this running Prefect API instead of starting a server.")
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
