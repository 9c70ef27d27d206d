"""transforms/ is pure: importing it pulls in neither Prefect nor DuckDB."""

from __future__ import annotations

import subprocess
import sys


def test_importing_transforms_loads_no_orchestration_or_database() -> None:
    """The pure layer can be used (and tested) without Prefect, DuckDB or pyarrow."""
    code = (
        "import sys, transforms.extract, transforms.contract\n"
        "heavy = {'prefect', 'duckdb', 'pyarrow', 'flows'}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"transforms imported: {out}"
