"""``python -m bench.run [--sizes 1000 10000] [--full]``: the throughput benchmark.

Per size N, in one process (so Prefect's start-up is paid once and timed apart):

1. write the text part of a synthetic inbox (:mod:`bench.inbox`) and run the real
   ``ingest_articles`` flow on it: text renderings end to end;
2. add the HTML part and run the flow again, as a scheduled run would find new
   files: HTML end to end, with discovery over the whole inbox;
3. run it once more with nothing new: the no-op re-run;
4. query every ``analytics`` view; time trafilatura's ``extract()`` on every
   distinct HTML page of the inbox, single process, as the same-run reference.

Peak RSS covers the whole process tree during the three runs. Results print as
one table (metrics × sizes, with the targets of issue 8) and are saved as
``bench/results/<date>-<N>.json`` for comparison between runs and machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.inbox import ROOT, Sources, find_sources, reset, write_inbox
from bench.measure import TreeSampler, cores, load_average, reference_apart, time_views

DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZE = 100_000
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
STAGES = ("open", "discover", "parse", "parquet", "load", "views", "checks")

# Issue 8's targets (2-core machine, steady state, Prefect start-up excluded).
TARGET_TEXT_PER_S = 1_000.0
TARGET_HTML_RATIO = 1.0
TARGET_NOOP_S = 5.0
TARGET_RSS_BYTES = 1024**3
TARGET_VIEW_S = 0.200
TARGET_LINEARITY = 1.2  # per-file cost at the largest N over that at the smallest


def quiet_prefect_environment(prefect_home: Path | None = None) -> None:
    """Settings the bench needs before Prefect is imported: no telemetry (no network
    here), a patient ephemeral server start on a loaded machine, warnings only on
    the console so the table stays readable. Explicit settings win."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if prefect_home is not None:
        os.environ.setdefault("PREFECT_HOME", str(prefect_home))
    if "PREFECT_HOME" in os.environ:  # Prefect does not create it, and then times out at start-up
        Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)


def prefect_startup() -> dict[str, float]:
    """Seconds to import the flow (and Prefect), to run a first trivial flow (which
    starts the ephemeral API server when no server is configured) and a second
    one (the fixed cost every flow run pays), kept apart from throughput."""
    t0 = time.perf_counter()
    from prefect import flow

    import flows.ingest  # noqa: F401  (timed: importing Prefect is part of start-up)

    imported = time.perf_counter()

    @flow(name="bench-startup", log_prints=False)
    def startup() -> int:
        return 1

    startup()
    first = time.perf_counter()
    startup()
    second = time.perf_counter()
    return {"import": imported - t0, "first_flow_run": first - imported, "flow_run_overhead": second - first}


def _timed_ingest(**params: Any) -> dict[str, Any]:
    from flows.ingest import ingest_articles

    t0 = time.perf_counter()
    summary = ingest_articles(**params)
    wall = time.perf_counter() - t0
    return {
        "wall": wall,
        "seen": summary["seen"],
        "unchanged": summary["unchanged"],
        "loaded": summary["new"],
        "duplicate": summary["duplicate"],
        "rejected": summary["rejected"],
        "seconds": summary["seconds"],
        "rows": summary["rows"],
        # the run whose marts and checks a run that changed nothing kept (None: rebuilt)
        "views_kept_from": summary.get("views_kept_from"),
    }


def _check_run(run: dict[str, Any], *, label: str, ingested: int, unchanged: int) -> None:
    """Assert the run did what the bench assumes, so a broken inbox or a stat fast
    path that stopped working cannot pass for a fast run."""
    read = run["loaded"] + run["duplicate"] + run["rejected"]
    if read != ingested or run["unchanged"] != unchanged or run["duplicate"]:
        raise RuntimeError(
            f"bench {label} run: expected {ingested} files read and {unchanged} unchanged, no duplicates; "
            f"got {read} read ({run['duplicate']} duplicate), {run['unchanged']} unchanged"
        )


def run_size(
    n: int,
    *,
    sources: Sources,
    work: Path,
    workers: int | None = None,
    batch_size: int | None = None,
    reference_limit: int | None = None,
    view_repeats: int = 5,
    keep: bool = False,
    flow_run_overhead: float = 0.0,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Build an inbox of ``n`` files, run the flow three times on it, time the views
    and the reference; every figure of one size, as saved to JSON.

    ``flow_run_overhead`` is what any flow run costs Prefect, measured on a trivial
    flow in the same process (:func:`prefect_startup`): the steady-state text rate
    leaves it out, as issue 8's targets leave Prefect start-up out; the end-to-end
    rate keeps it."""
    folder = reset(work / f"n{n}")
    inbox, warehouse = folder / "inbox", folder / "warehouse"
    split = sources.split(n)
    params = {"inbox": str(inbox), "warehouse": str(warehouse), "workers": workers, "batch_size": batch_size}
    load_before = load_average()

    t0 = time.perf_counter()
    write_inbox(inbox, sources, kind="text", count=split["text"])
    build_s = time.perf_counter() - t0
    samplers = [TreeSampler() for _ in range(3)]
    say(f"N={n}: flow run 1/3, {split['text']} text renderings")
    with samplers[0]:
        text_run = _timed_ingest(**params)
    t0 = time.perf_counter()
    html_files = write_inbox(inbox, sources, kind="html", count=split["html"], start=split["text"])
    build_s += time.perf_counter() - t0
    say(f"N={n}: flow run 2/3, {split['html']} new HTML pages")
    with samplers[1]:
        html_run = _timed_ingest(**params)
    say(f"N={n}: flow run 3/3, nothing new")
    with samplers[2]:
        noop_run = _timed_ingest(**params)
    for run, sampler in zip((text_run, html_run, noop_run), samplers, strict=True):
        run["cpu_seconds"] = sampler.cpu_seconds()
        run["peak_rss_bytes"] = sampler.peak_bytes
    _check_run(text_run, label="text", ingested=split["text"], unchanged=0)
    _check_run(html_run, label="HTML", ingested=split["html"], unchanged=split["text"])
    _check_run(noop_run, label="no-op", ingested=0, unchanged=n)

    say(f"N={n}: analytics views, trafilatura reference")
    views = time_views(warehouse / "wirehouse.duckdb", repeats=view_repeats)
    distinct = html_files[: min(len(sources.html), reference_limit or len(sources.html))]
    reference = reference_apart(distinct)
    load_after = load_average()
    if not keep:
        shutil.rmtree(folder)

    from flows.settings import load_settings

    used_workers = load_settings(workers=workers).worker_count
    stages = {s: text_run["seconds"].get(s, 0.0) + html_run["seconds"].get(s, 0.0) for s in STAGES}
    load_wall = text_run["wall"] + html_run["wall"]
    html_per_s = split["html"] / html_run["wall"] if split["html"] else 0.0
    derived = {
        "files_per_s": n / load_wall,
        "us_per_file": 1e6 * load_wall / n,
        "text_files_per_s": split["text"] / text_run["wall"] if split["text"] else 0.0,
        "text_files_per_s_steady": (
            split["text"] / max(text_run["wall"] - flow_run_overhead, 1e-9) if split["text"] else 0.0
        ),
        "html_files_per_s": html_per_s,
        "html_files_per_s_per_core": html_per_s / used_workers,
        "html_ratio_to_reference": (
            html_per_s / used_workers / reference.pages_per_second
            if reference and reference.pages_per_second
            else None
        ),
        "stage_seconds": stages,
        "flow_overhead_seconds": load_wall - sum(stages.values()),
        "noop_seconds": noop_run["wall"],
        "peak_rss_bytes": _peak(samplers, "peak_bytes"),
        "peak_rss_main_bytes": _peak(samplers, "peak_main_bytes"),
        "peak_processes": _peak(samplers, "peak_processes"),
        "text_cpu_ms_per_file": _cpu_ms(text_run, split["text"]),
        "html_cpu_ms_per_file": _cpu_ms(html_run, split["html"]),
        "html_cpu_ratio_to_reference": (
            reference.cpu_seconds / reference.pages / (sum(html_run["cpu_seconds"].values()) / split["html"])
            if reference and reference.pages and html_run["cpu_seconds"] and split["html"]
            else None
        ),
        "slowest_view_seconds": max((v.seconds for v in views), default=0.0),
    }
    return {
        "n": n,
        "files": split,
        "date": dt.date.today().isoformat(),
        "machine": {
            "cores": cores(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "versions": _versions(),
        "parameters": {"workers": used_workers, "batch_size": batch_size, "view_repeats": view_repeats},
        "build_inbox_seconds": build_s,
        "runs": {"text": text_run, "html": html_run, "noop": noop_run},
        "views": [asdict(v) for v in views],
        "reference": None
        if reference is None
        else {**asdict(reference), "pages_per_second": reference.pages_per_second},
        "derived": derived,
    }


def _peak(samplers: Sequence[TreeSampler], attr: str) -> int | None:
    values = [getattr(s, attr) for s in samplers]
    return None if values[0] is None else max(values)


def _cpu_ms(run: dict[str, Any], files: int) -> dict[str, float] | None:
    """CPU milliseconds per file by role: robust to a busy machine, unlike wall time."""
    cpu = run["cpu_seconds"]
    if cpu is None or not files:
        return None
    return {**{k: 1000 * v / files for k, v in cpu.items()}, "total": 1000 * sum(cpu.values()) / files}


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("wirehouse", "prefect", "duckdb", "pyarrow", "beautifulsoup4", "lxml", "trafilatura"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "absent"
    from transforms import PARSER_VERSION

    out["parser_version"] = PARSER_VERSION
    return out


def targets(results: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 8's targets checked against the results: name, limit, per-size values, met."""

    def row(name: str, limit: str, values: list[float | None], ok: Callable[[float], bool]) -> dict[str, Any]:
        oks = [None if v is None else ok(v) for v in values]
        known = [o for o in oks if o is not None]
        return {
            "target": name,
            "limit": limit,
            "values": values,
            "ok": oks,
            "met": bool(known) and all(known),
        }

    d = [r["derived"] for r in results]
    out = [
        row(
            "text renderings, files/s",
            f">= {TARGET_TEXT_PER_S:,.0f}",
            [x["text_files_per_s_steady"] for x in d],
            lambda v: v >= TARGET_TEXT_PER_S,
        ),
        row(
            "HTML per core / trafilatura",
            f">= {TARGET_HTML_RATIO:.1f}x",
            [x["html_ratio_to_reference"] for x in d],
            lambda v: v >= TARGET_HTML_RATIO,
        ),
        row(
            "no-op re-run, s",
            f"<= {TARGET_NOOP_S:.0f}",
            [x["noop_seconds"] for x in d],
            lambda v: v <= TARGET_NOOP_S,
        ),
        row(
            "peak RSS, process tree",
            "<= 1 GB",
            [x["peak_rss_bytes"] for x in d],
            lambda v: v <= TARGET_RSS_BYTES,
        ),
        row(
            "slowest analytics view, s",
            f"<= {TARGET_VIEW_S}",
            [x["slowest_view_seconds"] for x in d],
            lambda v: v <= TARGET_VIEW_S,
        ),
    ]
    if len(results) > 1:
        base = d[0]["us_per_file"]
        out.append(
            row(
                "cost per file vs smallest N",
                f"<= {TARGET_LINEARITY}x",
                [x["us_per_file"] / base for x in d],
                lambda v: v <= TARGET_LINEARITY,
            )
        )
    return out


def save(result: dict[str, Any], folder: Path) -> Path:
    """``<folder>/<date>-<N>.json``; a later run the same day replaces it (git keeps history)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['date']}-{result['n']}.json"
    path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Parse options, measure each size, print the table, save the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="inbox sizes (files)"
    )
    parser.add_argument("--full", action="store_true", help=f"add N={FULL_SIZE:,} (minutes, ~2 GB of disk)")
    parser.add_argument(
        "--workers", type=int, default=None, help="parser processes (default: the flow's, one per core)"
    )
    parser.add_argument("--batch-size", type=int, default=None, help="files per batch (default: the flow's)")
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder for inboxes and warehouses")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON results go")
    parser.add_argument("--no-save", action="store_true", help="print only; write no JSON")
    parser.add_argument("--keep", action="store_true", help="keep each size's inbox and warehouse")
    parser.add_argument(
        "--reference-limit", type=int, default=None, help="at most this many pages for trafilatura"
    )
    parser.add_argument(
        "--view-repeats", type=int, default=5, help="runs per view query (the minimum is kept)"
    )
    args = parser.parse_args(argv)

    quiet_prefect_environment(args.work / "prefect-home")
    from bench.report import Reporter

    sizes = sorted(set(args.sizes) | ({FULL_SIZE} if args.full else set()))
    reporter = Reporter()
    sources = find_sources()
    reporter.say(
        f"corpus: {len(sources.text)} text renderings, {len(sources.html)} HTML pages; sizes {sizes}"
    )
    startup = prefect_startup()
    reporter.say(
        f"Prefect start-up: import {startup['import']:.1f} s, "
        f"first flow run {startup['first_flow_run']:.1f} s"
    )
    results = []
    for n in sizes:
        result = run_size(
            n,
            sources=sources,
            work=args.work,
            workers=args.workers,
            batch_size=args.batch_size,
            reference_limit=args.reference_limit,
            view_repeats=args.view_repeats,
            keep=args.keep,
            flow_run_overhead=startup["flow_run_overhead"],
            say=reporter.say,
        )
        result["prefect_startup"] = startup
        results.append(result)
    checked = targets(results)
    for result in results:
        result["targets"] = targets([results[0], result]) if result is not results[0] else targets([result])
        if not args.no_save:
            reporter.say(f"saved {save(result, args.results)}")
    reporter.table(results, startup=startup, targets=checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
