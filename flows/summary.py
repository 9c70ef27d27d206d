"""The run summary: what a run saw and did, for logs, the CLI, tests and the artifact."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class RunSummary:
    """Counts of one ingest run. ``new`` files were loaded as articles this run;
    ``reparsed`` files were re-derived by ``--reparse``; ``stale`` files still
    carry rows of an older parser version after the run."""

    run_id: str
    warehouse: str
    inbox: str
    seen: int = 0
    unchanged: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    reparsed: int = 0
    stale: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    checks_failed: dict[str, int] = field(default_factory=dict)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    report: str | None = None  # path of this run's HTML report

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
                for k in ("seen", "unchanged", "new", "duplicate", "rejected", "reparsed", "stale")
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
            lines += ["", "| rejected file | stage | reason |", "|---|---|---|"]
            lines += [
                f"| {_cell(r['path'])} | {_cell(r['stage'])} | {_cell(r['reason'])} |"
                for r in self.rejects[:50]
            ]
        failed = {k: v for k, v in self.checks_failed.items() if v}
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
