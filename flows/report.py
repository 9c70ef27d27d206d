"""The warehouse report: one self-contained HTML file with charts and the summary tables.

Charts are inline SVG drawn here rather than by a JavaScript library: the file
opens offline (from a Prefect artifact link, a mail attachment, a CI artifact)
with nothing to fetch, and its Content-Security-Policy forbids fetching anything,
so a stray external reference shows up as a browser error instead of a silent
network call. Every figure comes from the ``analytics`` views, the interface
analysts query, so the report and a SQL session never disagree.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

SUMMARY_QUERIES: dict[str, str] = {
    "Treaties": (
        "select treaty_name, short_name, count_articles, count_mentions, count_quotes, count_speakers, "
        "top_countries, top_speakers from analytics.treaty_summary"
    ),
    "Countries": (
        "select country_name, country_code, count_articles, count_mentions, count_mentions_in_quotes, "
        "count_speakers, top_treaties from analytics.country_summary"
    ),
    "Speakers": (
        "select speaker_name, role, country_name, count_quotes, count_words_quoted, count_articles, treaties "
        "from analytics.speaker_summary"
    ),
}
"""The three summaries, as ``wirehouse report`` prints them and the HTML report tabulates them."""

QUOTED_ABOUT_TREATIES = (
    "select speaker_name, speaker_role, speaker_country_name, treaty_short_name, treaty_name, count_quotes, "
    "sample_quote from analytics.speaker_treaties"
)

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
"""Tableau 10 (first eight): distinguishable, and readable by most colour-blind viewers."""


@dataclass(frozen=True, slots=True)
class Rows:
    """A query result: column names and rows as dicts."""

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, read in one pass so rendering needs no connection."""

    overview: dict[str, Any]
    treaties: Rows
    timeline: Rows
    speakers: Rows
    treaty_countries: Rows
    quoted_about_treaties: Rows
    summaries: dict[str, Rows] = field(default_factory=dict)


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> Rows:
    """Run ``sql`` and keep its column names. ``execute`` rather than ``sql``: on the
    flow's connection an earlier statement's result may be unfinished, which DuckDB
    2.0 lets ``execute`` replace but makes ``sql`` refuse."""
    con.execute(sql, list(params or ()))
    columns = tuple(d[0] for d in con.description or ())
    return Rows(columns, [dict(zip(columns, row, strict=True)) for row in con.fetchall()])


def collect(con: duckdb.DuckDBPyConnection, *, top: int = 15, table_rows: int = 25) -> ReportData:
    """Read the report's figures from the analytics views: the ``top`` treaties,
    speakers and countries for the charts, ``table_rows`` rows per summary table."""
    overview = fetch(
        con,
        """
        select
            (select count(*) from staging.articles) as count_articles,
            (select count(*) from analytics.quotes) as count_quotes,
            (select count(*) from analytics.speaker_summary) as count_speakers,
            (select count(*) from analytics.treaty_summary) as count_treaties,
            (select count(*) from analytics.country_summary) as count_countries,
            (select min(reported_on) from staging.articles) as first_reported_on,
            (select max(reported_on) from staging.articles) as last_reported_on,
        """,
    ).rows[0]
    treaties = fetch(
        con,
        "select treaty_name, short_name, count_articles, count_mentions, count_quotes, treaty_id "
        "from analytics.treaty_summary limit ?",
        [top],
    )
    line_ids = [r["treaty_id"] for r in treaties.rows[: len(PALETTE)]]
    timeline = fetch(
        con,
        "select reported_on, entity_short_name as treaty, count_mentions from analytics.timeline "
        "where entity_kind = 'treaty' and list_contains(?, entity_id) order by reported_on",
        [line_ids],
    )
    speakers = fetch(
        con,
        "select speaker_name, role, country_name, count_quotes, count_articles "
        "from analytics.speaker_summary limit ?",
        [top],
    )
    heat_treaties = [r["treaty_id"] for r in treaties.rows[:10]]
    treaty_countries = fetch(
        con,
        """
        with top_countries as (
            select country_code, sum(count_articles) as count_articles,
            from analytics.treaty_countries
            where list_contains(?, treaty_id)
            group by country_code
            order by count_articles desc, country_code
            limit ?
        )
        select
            coalesce(treaty_countries.treaty_short_name, treaty_countries.treaty_name) as treaty,
            treaty_countries.country_name as country,
            treaty_countries.count_articles,
            list_position(?, treaty_countries.treaty_id) as treaty_rank,
        from analytics.treaty_countries as treaty_countries
        inner join top_countries using (country_code)
        where list_contains(?, treaty_countries.treaty_id)
        order by top_countries.count_articles desc, treaty_countries.country_code, treaty_rank
        """,
        [heat_treaties, top, heat_treaties, heat_treaties],
    )
    quoted = fetch(con, f"{QUOTED_ABOUT_TREATIES} limit ?", [table_rows])
    summaries = {title: fetch(con, f"{sql} limit ?", [table_rows]) for title, sql in SUMMARY_QUERIES.items()}
    return ReportData(
        overview=overview,
        treaties=treaties,
        timeline=timeline,
        speakers=speakers,
        treaty_countries=treaty_countries,
        quoted_about_treaties=quoted,
        summaries=summaries,
    )


def write_report(con: duckdb.DuckDBPyConnection, path: Path, *, now: dt.datetime | None = None) -> Path:
    """Write the HTML report for the warehouse behind ``con`` to ``path``.

    Written to a temporary name and renamed, so a reader (or a browser reloading
    the file) never sees half a report. Returns ``path``."""
    page = render(collect(con), generated_at=now or dt.datetime.now(dt.UTC))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path


def save_run_report(con: duckdb.DuckDBPyConnection, *, warehouse: Path, run_id: str) -> Path:
    """The per-run copy the flow keeps: ``<warehouse>/reports/<run_id>.html``, and
    ``latest.html`` beside it, so a bookmark always shows the newest run."""
    path = write_report(con, warehouse / "reports" / f"{run_id}.html")
    latest = path.with_name("latest.html")
    tmp = latest.with_name(".latest.html.tmp")
    tmp.write_bytes(path.read_bytes())
    os.replace(tmp, latest)
    return path


# -- rendering ---------------------------------------------------------------------------------


def render(data: ReportData, *, generated_at: dt.datetime) -> str:
    """The whole page: overview, four charts, then the tables."""
    o = data.overview
    series, unit = _series(
        data.timeline.rows, order=[r["short_name"] or r["treaty_name"] for r in data.treaties.rows]
    )
    span = (
        f"{o['first_reported_on']} to {o['last_reported_on']}"
        if o["first_reported_on"]
        else "no articles yet"
    )
    stats = "".join(
        f'<div class="stat"><span class="num">{_num(o[key])}</span> {label}</div>'
        for key, label in (
            ("count_articles", "articles"),
            ("count_quotes", "quotes"),
            ("count_speakers", "speakers quoted"),
            ("count_treaties", "treaties"),
            ("count_countries", "countries"),
        )
    )
    figures = "\n".join(
        (
            _figure(
                "top-treaties",
                "Top treaties",
                "Articles mentioning each treaty (mentions and quotes in the tooltip).",
                bar_chart(
                    [
                        Bar(
                            label=r["short_name"] or r["treaty_name"],
                            value=r["count_articles"],
                            detail=f"{r['treaty_name']}: {r['count_articles']} articles, "
                            f"{r['count_mentions']} mentions, {r['count_quotes']} quotes",
                        )
                        for r in data.treaties.rows
                    ],
                    unit="articles",
                ),
            ),
            _figure(
                "treaty-timeline",
                "Treaty mentions over time",
                f"Mentions per {unit} of the most discussed treaties (published date, else ingest date).",
                line_chart(series),
            ),
            _figure(
                "top-speakers",
                "Top speakers",
                "Direct quotes attributed to each speaker.",
                bar_chart(
                    [
                        Bar(
                            label=r["speaker_name"],
                            value=r["count_quotes"],
                            detail=", ".join(
                                x for x in (r["speaker_name"], r["role"], r["country_name"]) if x
                            )
                            + f": {r['count_quotes']} quotes in {r['count_articles']} articles",
                        )
                        for r in data.speakers.rows
                    ],
                    unit="quotes",
                ),
            ),
            _figure(
                "treaty-countries",
                "Treaties × countries",
                "Articles mentioning both the treaty (row) and the country (column).",
                heat_map(data.treaty_countries.rows),
            ),
        )
    )
    tables = "\n".join(
        [
            _table_section("Who is quoted about which treaty", data.quoted_about_treaties),
            *(_table_section(title, rows) for title, rows in data.summaries.items()),
        ]
    )
    return PAGE.format(
        generated=html.escape(f"{generated_at:%Y-%m-%d %H:%M} UTC"),
        span=html.escape(span),
        stats=stats,
        figures=figures,
        tables=tables,
        css=CSS,
    )


def _figure(key: str, title: str, caption: str, body: str) -> str:
    return (
        f'<figure class="chart" id="chart-{key}" data-chart="{key}">'
        f"<h2>{html.escape(title)}</h2><figcaption>{html.escape(caption)}</figcaption>{body}</figure>"
    )


def _table_section(title: str, rows: Rows) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"n" if isinstance(r[c], int | float) else "t"}">{html.escape(_cell(r[c]))}</td>'
            for c in rows.columns
        )
        + "</tr>"
        for r in rows.rows
    )
    if not rows.rows:
        body = f'<tr><td colspan="{len(rows.columns)}" class="empty">No rows yet.</td></tr>'
    slug = title.lower().replace(" ", "-")
    return (
        f'<section class="table" id="table-{html.escape(slug)}"><h2>{html.escape(title)}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _num(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else html.escape(_cell(value))


# -- charts (inline SVG) -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value, and the tooltip text."""

    label: str
    value: int
    detail: str


def _empty(message: str) -> str:
    return f'<p class="empty" data-empty="true">{html.escape(message)}</p>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(bars: Sequence[Bar], *, unit: str, width: int = 760) -> str:
    """Horizontal bars, largest first, labels on the left and values at the bar ends."""
    if not bars:
        return _empty("Nothing to chart yet.")
    label_w, row_h, pad = 230, 26, 8
    plot_w = width - label_w - 70
    top = max(b.value for b in bars) or 1
    height = pad * 2 + row_h * len(bars)
    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="bar chart, {len(bars)} bars, {unit}">'
    ]
    for i, b in enumerate(bars):
        y = pad + i * row_h
        w = max(1.0, plot_w * b.value / top)
        parts.append(
            f'<g class="bar-row"><title>{html.escape(b.detail)}</title>'
            f'<text class="label" x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end">'
            f"{html.escape(_clip(b.label, 34))}</text>"
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{PALETTE[0]}" data-value="{b.value}"/>'
            f'<text class="value" x="{label_w + w + 6:.1f}" y="{y + row_h / 2 + 4:.1f}">'
            f"{b.value:,}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Series:
    """One line: a name and (day, value) points in day order."""

    name: str
    points: list[tuple[dt.date, int]]


def _series(rows: Sequence[dict[str, Any]], *, order: Sequence[str] = ()) -> tuple[list[Series], str]:
    """Timeline rows → one series per treaty (in ``order``, the treaties' rank) and the
    bucket unit: days, or weeks or months when the days span more than a chart shows
    legibly. Buckets without a mention count as 0, so a line never bridges a gap
    as if the treaty had been discussed all along."""
    if not rows:
        return [], "day"
    days = [r["reported_on"] for r in rows]
    span = (max(days) - min(days)).days
    unit = "month" if span > 730 else "week" if span > 120 else "day"

    def bucket(d: dt.date) -> dt.date:
        if unit == "month":
            return d.replace(day=1)
        if unit == "week":
            return d - dt.timedelta(days=d.weekday())
        return d

    def after(d: dt.date) -> dt.date:
        if unit == "month":
            return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return d + dt.timedelta(days=7 if unit == "week" else 1)

    buckets = [bucket(min(days))]
    while buckets[-1] < bucket(max(days)):
        buckets.append(after(buckets[-1]))
    by_name: dict[str, dict[dt.date, int]] = {}
    for r in rows:
        per_bucket = by_name.setdefault(r["treaty"], dict.fromkeys(buckets, 0))
        per_bucket[bucket(r["reported_on"])] += r["count_mentions"]
    rank = {name: i for i, name in enumerate(order)}
    names = sorted(by_name, key=lambda n: (rank.get(n, len(rank)), n))
    return [Series(name, sorted(by_name[name].items())) for name in names], unit


def _ticks(top: int, count: int = 4) -> list[int]:
    """Round tick values from 0 to at least ``top``."""
    step = max(1, math.ceil(top / count))
    magnitude = 10 ** (len(str(step)) - 1)
    step = math.ceil(step / magnitude) * magnitude
    return list(range(0, top + step, step))


def line_chart(series: Sequence[Series], *, width: int = 760, height: int = 300) -> str:
    """Mentions over time: one coloured line per series, a dot per point, a legend."""
    if not series:
        return _empty("No treaty mentioned yet.")
    legend_rows = math.ceil(len(series) / 4)
    left, right, top_pad, bottom = 50, 44, 14, 40 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    days = sorted({d for s in series for d, _ in s.points})
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)
    ticks = _ticks(max(v for s in series for _, v in s.points))
    y_max = ticks[-1] or 1

    def x(d: dt.date) -> float:
        return left + (plot_w / 2 if first == last else plot_w * (d - first).days / span)

    def y(v: int) -> float:
        return top_pad + plot_h * (1 - v / y_max)

    parts = [
        f'<svg class="line-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="line chart, {len(series)} series">'
    ]
    for t in ticks:
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{t:,}</text>'
        )
    label_days = days if len(days) <= 6 else [days[round(i * (len(days) - 1) / 5)] for i in range(6)]
    for d in label_days:
        parts.append(
            f'<text class="tick" x="{x(d):.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle">{d}</text>'
        )
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        name = html.escape(s.name)
        parts.append(f'<g class="series" data-series="{name}">')
        if len(s.points) > 1:
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in s.points)
            parts.append(
                f'<polyline class="line" points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for d, v in s.points:
            if not v:  # the line shows the zero; a dot per empty bucket is clutter
                continue
            parts.append(
                f'<circle class="point" cx="{x(d):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}">'
                f"<title>{name}, {d}: {v:,} mentions</title></circle>"
            )
        parts.append("</g>")
    for i, s in enumerate(series):
        lx = left + (i % 4) * 170
        ly = top_pad + plot_h + 46 + (i // 4) * 18
        parts.append(
            f'<g class="legend"><rect x="{lx}" y="{ly - 9}" width="12" height="12" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{lx + 16}" y="{ly + 1}">{html.escape(_clip(s.name, 22))}</text></g>'
        )
    parts.append("</svg>")
    if first == last:
        parts.append(
            f'<p class="note">Every article so far falls on {first}; '
            "lines appear once articles span several days.</p>"
        )
    return "".join(parts)


def _shade(fraction: float) -> str:
    """White-blue → dark blue, on a square-root scale so small counts stay visible."""
    f = math.sqrt(max(0.0, min(1.0, fraction)))
    lo, hi = (239, 243, 255), (8, 69, 148)
    return "#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(lo, hi, strict=True))


def heat_map(rows: Sequence[dict[str, Any]], *, cell_w: int = 44, cell_h: int = 28) -> str:
    """Treaties (rows, by ``treaty_rank``) × countries (columns, in row order),
    coloured by articles mentioning both."""
    if not rows:
        return _empty("No treaty and country mentioned together yet.")
    treaties = list(dict.fromkeys(r["treaty"] for r in sorted(rows, key=lambda r: r["treaty_rank"])))
    countries = list(dict.fromkeys(r["country"] for r in rows))
    values = {(r["treaty"], r["country"]): r["count_articles"] for r in rows}
    top = max(values.values()) or 1
    left, head = 190, 110
    width, height = left + cell_w * len(countries) + 80, head + cell_h * len(treaties) + 10
    parts = [
        f'<svg class="heat-map" viewBox="0 0 {width} {height}" width="{min(100, width / 7.6):.0f}%" '
        'role="img" '
        f'aria-label="heat map, {len(treaties)} treaties by {len(countries)} countries">'
    ]
    for j, c in enumerate(countries):
        cx = left + j * cell_w + cell_w / 2
        parts.append(
            f'<text class="col-label" transform="translate({cx:.1f},{head - 8}) rotate(-50)">'
            f"{html.escape(_clip(c, 18))}</text>"
        )
    for i, t in enumerate(treaties):
        cy = head + i * cell_h
        parts.append(
            f'<text class="row-label" x="{left - 8}" y="{cy + cell_h / 2 + 4:.1f}" text-anchor="end">'
            f"{html.escape(_clip(t, 28))}</text>"
        )
        for j, c in enumerate(countries):
            v = values.get((t, c), 0)
            fill = _shade(v / top) if v else "#f7f7f7"
            ink = "#fff" if v / top > 0.45 else "#333"
            parts.append(
                f'<g class="cell-group"><title>{html.escape(t)} × {html.escape(c)}: {v} articles</title>'
                f'<rect class="cell" x="{left + j * cell_w}" y="{cy}" '
                f'width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="{fill}" data-value="{v}"/>'
                + (
                    f'<text class="cell-value" x="{left + j * cell_w + cell_w / 2 - 1:.1f}" '
                    f'y="{cy + cell_h / 2 + 3:.1f}" '
                    f'text-anchor="middle" fill="{ink}">{v}</text>'
                    if v
                    else ""
                )
                + "</g>"
            )
    parts.append("</svg>")
    return "".join(parts)


CSS = """
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #222; margin: 0; background: #fafafa;
}
header { background: #1f3b5c; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; padding: 16px 28px 0; }
.stat { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; }
.stat .num { font-size: 20px; font-weight: 600; color: #1f3b5c; }
main { padding: 8px 28px 28px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 18px; }
figure.chart {
  background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 16px 0 0; padding: 12px 16px;
}
figure.chart h2, section.table h2 { font-size: 16px; margin: 0 0 2px; }
figcaption { color: #666; font-size: 12px; margin-bottom: 8px; }
svg text { font-size: 12px; fill: #333; }
svg .tick { fill: #666; font-size: 11px; }
svg .grid { stroke: #e5e5e5; }
svg .value, svg .cell-value { font-size: 11px; }
svg .col-label, svg .row-label { font-size: 11px; }
svg g:hover .bar { opacity: .8; }
.empty, .note { color: #888; font-style: italic; font-size: 12px; }
section.table { margin-top: 24px; overflow-x: auto; }
table { border-collapse: collapse; background: #fff; width: 100%; font-size: 13px; }
th, td { border: 1px solid #e2e2e2; padding: 4px 8px; vertical-align: top; }
th { background: #f0f3f7; text-align: left; font-weight: 600; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fbfbfb; }
footer { color: #777; font-size: 12px; padding: 0 28px 24px; }
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wirehouse report</title>
<style>{css}</style>
</head>
<body>
<header><h1>wirehouse report</h1>
<p>Treaties, countries and speakers in the news · articles dated {span} · generated {generated}</p></header>
<div class="stats">{stats}</div>
<main>
<div class="charts">
{figures}
</div>
{tables}
</main>
<footer>Figures come from the analytics views of the warehouse (analytics.treaty_summary,
country_summary, speaker_summary, treaty_countries, speaker_treaties, timeline); query them with
<code>wirehouse query</code> (docs/queries.md has a cookbook).
Dates are published dates, else ingest dates.</footer>
</body>
</html>
"""
