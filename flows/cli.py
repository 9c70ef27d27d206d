"""The ``wirehouse`` command line (typer + rich). Heavy imports (prefect, duckdb)
happen inside the commands that need them, so ``wirehouse extract`` starts fast."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
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


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
