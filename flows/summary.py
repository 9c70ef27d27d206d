"""The run summary: what a run saw and did, for logs, the CLI, tests and the artifact."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

LISTED_REJECTS = 50
"""Rejected files a summary lists by name: the first ones of the run. The summary is
the flow's return value and its artifact, so it stays small when a run rejects a
whole inbox; ``rejected`` counts them all and ``raw.rejects`` holds every one."""


@dataclass(slots=True)
class RunSummary:
    """Counts of one ingest run. ``new`` files were loaded as articles this run;
    ``already_rejected`` paths were refused at discovery by an earlier run and have
    not changed since (not counted in ``rejected`` again); ``reparsed`` files were
    re-derived by ``--reparse``; ``stale`` files still carry rows of an older parser
    version after the run. ``rejects`` lists the first :data:`LISTED_REJECTS` of the
    ``rejected`` files. ``views_kept_from`` names the run whose rebuild of the views
    and marts, and whose passing checks, still hold because nothing changed since
    (this run rebuilt nothing); ``None`` when this run rebuilt them."""

    run_id: str
    warehouse: str
    inbox: str
    seen: int = 0
    unchanged: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    already_rejected: int = 0
    reparsed: int = 0
    stale: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    checks_failed: dict[str, int] = field(default_factory=dict)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    report: str | None = None  # path of this run's HTML report
    views_kept_from: str | None = None

    def add_rejects(self, rows: Iterable[dict[str, Any]]) -> None:
        """List rejected files up to :data:`LISTED_REJECTS` (the caller counts them)."""
        room = self.rejects_room
        if room:
            self.rejects.extend(r for _, r in zip(range(room), rows, strict=False))

    @property
    def rejects_room(self) -> int:
        """How many more rejected files the summary would list."""
        return max(0, LISTED_REJECTS - len(self.rejects))

    def add_discovery(
        self, *, candidates: int, refused: int, to_read: int, new_refusals: list[dict[str, Any]]
    ) -> None:
        """What discovery found: every path is seen; candidates the stat fast path
        knows are unchanged; a refusal counts as rejected only when it is news (an
        unchanged one an earlier run recorded is ``already_rejected``)."""
        self.seen = candidates + refused
        self.unchanged = candidates - to_read
        self.rejected += len(new_refusals)
        self.already_rejected = refused - len(new_refusals)
        self.add_rejects(new_refusals)

    def file_counts(self) -> dict[str, int]:
        """The counts ``raw.runs`` keeps (``count_files_<key>``); ``new`` files are
        those read this run, whatever became of them."""
        return {
            "seen": self.seen,
            "unchanged": self.unchanged,
            "new": self.new + self.duplicate + self.rejected,
            "loaded": self.new,
            "duplicate": self.duplicate,
            "rejected": self.rejected,
            "already_rejected": self.already_rejected,
        }

    def add_rows(self, rows: dict[str, int]) -> None:
        for k, v in rows.items():
            self.rows[k] = self.rows.get(k, 0) + v

    def add_seconds(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def one_line(self) -> str:
        """``seen 2, new 2, loaded 2, duplicate 0, rejected 0`` — the account a run ends with."""
        head = (
            f"seen {self.seen}, new {self.new + self.duplicate + self.rejected}, loaded {self.new}, "
            f"duplicate {self.duplicate}, rejected {self.rejected}"
        )
        if self.already_rejected:
            head += f", already rejected {self.already_rejected}"
        if self.reparsed or self.stale:
            head += f", reparsed {self.reparsed}" + (
                f", {self.stale} from an older parser left" if self.stale else ""
            )
        return head if self.new or self.reparsed else head + " (nothing new to load)"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def markdown(self) -> str:
        """The Prefect artifact: plain text and tables, no links off the machine."""
        lines = [
            f"# wirehouse run {_cell(self.run_id)}",
            "",
            f"Inbox {_cell(self.inbox)} → warehouse {_cell(self.warehouse)}",
            "",
            "| files | count |",
            "|---|---:|",
            *(
                f"| {k} | {getattr(self, k)} |"
                for k in (
                    "seen",
                    "unchanged",
                    "new",
                    "duplicate",
                    "rejected",
                    "already_rejected",
                    "reparsed",
                    "stale",
                )
            ),
            "",
            "| table | rows loaded |",
            "|---|---:|",
            *(f"| {k} | {v} |" for k, v in self.rows.items()),
            "",
            "| stage | seconds |",
            "|---|---:|",
            *(f"| {k} | {v:.2f} |" for k, v in self.seconds.items()),
        ]
        if self.rejects:
            listed = (
                f"The first {len(self.rejects)} of {self.rejected} rejected files; raw.rejects holds all."
                if self.rejected > len(self.rejects)
                else "Rejected files (also in raw.rejects):"
            )
            lines += ["", listed, "", "| rejected file | stage | reason |", "|---|---|---|"]
            lines += [
                f"| {_cell(r['path'])} | {_cell(r['stage'])} | {_cell(r['reason'])} |" for r in self.rejects
            ]
        failed = {k: v for k, v in self.checks_failed.items() if v}
        if self.views_kept_from:
            lines += [
                "",
                f"Nothing changed since run {_cell(self.views_kept_from)}: its views, marts and passing "
                "checks still hold; not rebuilt, not re-run.",
            ]
        else:
            lines += ["", f"Checks: {failed if failed else 'all passed'}"]
        if self.report:
            lines += ["", f"Report with charts (on the machine that ran the flow): {_cell(self.report)}"]
        return "\n".join(lines)


def _cell(value: object) -> str:
    """Text safe inside a markdown table cell: file names may hold ``|`` or backticks."""
    text = str(value if value is not None else "").replace("\\", "\\\\")
    for ch in "|`*_[]<>":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")
