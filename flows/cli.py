"""The ``wirehouse`` command line (typer + rich). Heavy imports (prefect, duckdb)
happen inside the commands that need them, so ``wirehouse extract`` starts fast."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

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
