"""The printed result: one table, metrics as rows and inbox sizes as columns, with
issue 8's target beside each figure that has one (green met, red missed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

STAGE_LABELS = {
    "open": "open warehouse",
    "discover": "discover",
    "parse": "parse+extract",
    "parquet": "Parquet",
    "load": "load",
    "views": "views",
    "checks": "checks",
}


class Reporter:
    """Progress lines on stderr, the table on stdout (so it can be redirected alone)."""

    def __init__(self) -> None:
        self.out = Console(width=160) if not Console().is_terminal else Console()
        self.err = Console(stderr=True)

    def say(self, message: str) -> None:
        self.err.print(f"[dim]bench:[/] {message}")

    def table(
        self, results: Sequence[dict[str, Any]], *, startup: dict[str, float], targets: list[dict[str, Any]]
    ) -> None:
        self.out.print(render(results, startup=startup, targets=targets))


def _mb(v: float | None) -> str:
    return "n/a" if v is None else f"{v / 1024**2:,.0f} MB"


def _num(fmt: str) -> Callable[[float | None], str]:
    return lambda v: "n/a" if v is None else format(v, fmt)


def render(
    results: Sequence[dict[str, Any]], *, startup: dict[str, float], targets: list[dict[str, Any]]
) -> Table:
    """The table: every figure of every size; Prefect start-up in the caption."""
    table = Table(
        title="wirehouse throughput benchmark (issue 8)",
        caption=(
            f"Prefect start-up, excluded above: import {startup['import']:.1f} s, first flow run "
            f"(ephemeral API server) {startup['first_flow_run']:.1f} s. Each later flow run costs "
            f"Prefect {startup['flow_run_overhead']:.2f} s (a trivial flow): inside the end-to-end "
            "figures, left out of the steady-state one. Stages summed over the text and HTML runs."
        ),
    )
    table.add_column("metric")
    for r in results:
        table.add_column(f"N={r['n']:,}", justify="right")
    table.add_column("target")
    met = {t["target"]: t for t in targets}

    def add(
        label: str,
        pick: Callable[[dict[str, Any]], Any],
        fmt: Callable[[Any], str],
        target: str | None = None,
    ) -> None:
        cells = [fmt(pick(r)) for r in results]
        limit = ""
        if target and target in met:
            t = met[target]
            limit = t["limit"]
            cells = [_colour(c, ok) for c, ok in zip(cells, t["ok"], strict=False)]
        table.add_row(label, *cells, limit)

    d: Callable[[str], Callable[[dict[str, Any]], Any]] = lambda key: lambda r: r["derived"][key]  # noqa: E731
    add("files (text + HTML)", lambda r: r["files"], lambda f: f"{f['text']:,} + {f['html']:,}")
    add("parser workers", lambda r: r["parameters"]["workers"], str)
    add("files/s end to end", d("files_per_s"), _num(",.0f"))
    add("µs per file", d("us_per_file"), _num(",.0f"))
    if len(results) > 1:
        base = results[0]["derived"]["us_per_file"]
        add(
            "  × cost at smallest N",
            lambda r: r["derived"]["us_per_file"] / base,
            _num(".2f"),
            "cost per file vs smallest N",
        )
    add("text renderings files/s, end to end", d("text_files_per_s"), _num(",.0f"))
    add(
        "text renderings files/s, steady state",
        d("text_files_per_s_steady"),
        _num(",.0f"),
        "text renderings, files/s",
    )
    add("HTML files/s", d("html_files_per_s"), _num(",.1f"))
    add("HTML files/s per core", d("html_files_per_s_per_core"), _num(",.1f"))
    add(
        "trafilatura pages/s (1 process)",
        lambda r: r["reference"]["pages_per_second"] if r["reference"] else None,
        _num(",.1f"),
    )
    add(
        "HTML per core / trafilatura",
        d("html_ratio_to_reference"),
        _num(".2f"),
        "HTML per core / trafilatura",
    )
    add("  same, by CPU time of the whole tree", d("html_cpu_ratio_to_reference"), _num(".2f"))
    for kind in ("text", "html"):
        add(
            f"CPU ms per {kind} file: main/server/workers",
            d(f"{kind}_cpu_ms_per_file"),
            lambda c: "n/a" if c is None else f"{c['main']:.1f}/{c['server']:.1f}/{c['workers']:.1f}",
        )
    for key, label in STAGE_LABELS.items():
        add(f"  s {label}", lambda r, k=key: r["derived"]["stage_seconds"][k], _num(".2f"))
    add("  s flow overhead (Prefect, glue)", d("flow_overhead_seconds"), _num(".2f"))
    add("no-op re-run, s", d("noop_seconds"), _num(".2f"), "no-op re-run, s")
    add("peak RSS, process tree", d("peak_rss_bytes"), _mb, "peak RSS, process tree")
    add("  of which main process", d("peak_rss_main_bytes"), _mb)
    add("  processes (peak)", d("peak_processes"), str)
    views = sorted({v["view"] for r in results for v in r["views"]})
    for view in views:
        add(
            f"ms analytics.{view}",
            lambda r, name=view: next((v for v in r["views"] if v["view"] == name), None),
            lambda v: "n/a" if v is None else f"{1000 * v['seconds']:.1f} ({v['rows']:,} rows)",
        )
    add("slowest view, s", d("slowest_view_seconds"), _num(".3f"), "slowest analytics view, s")
    add(
        "load average before → after",
        lambda r: (r["machine"]["load_average_before"][0], r["machine"]["load_average_after"][0]),
        lambda p: f"{p[0]:.1f} → {p[1]:.1f}",
    )
    return table


def _colour(cell: str, ok: bool | None) -> str:
    if ok is None:
        return cell
    return f"[green]{cell}[/]" if ok else f"[red]{cell}[/]"
