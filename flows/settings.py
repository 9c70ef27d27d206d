"""One typed settings object: ``WIREHOUSE_*`` environment variables and ``.env``.

Read inside the flow or command that needs it (never at import time), so a test
or a deployment can change the environment between runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class Settings(BaseSettings):
    """What a run needs to know. Every field can be set as ``WIREHOUSE_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="WIREHOUSE_", env_file=".env", extra="ignore")

    inbox: Path = Field(
        default=Path("examples/inbox"), description="Folder (walked recursively) of article files."
    )
    warehouse: Path = Field(default=Path("warehouse"), description="Folder of wirehouse.duckdb and parquet/.")
    batch_size: int = Field(
        default=1000,
        ge=1,
        description=(
            "Most files per parse batch and per load transaction. Each batch costs a Prefect task run, "
            "a commit and a Parquet file per table: at 1000 rather than 500 the flow process and the "
            "API server spent 0.14 ms less CPU per text file (10k files), for ~10 MB more per worker."
        ),
    )
    workers: int = Field(default=0, ge=0, description="Parser processes; 0 = one per CPU core.")
    max_bytes: int = Field(
        default=DEFAULT_MAX_BYTES, ge=1, description="Files larger than this are rejected."
    )
    lock_timeout: float = Field(
        default=60.0, ge=0, description="Seconds to wait for another run's warehouse lock."
    )
    duckdb_memory_limit: str = Field(
        default="64MB",
        description=(
            "DuckDB memory limit of the ingest connection while the parser processes run (discovery "
            "and loading). At DuckDB's default (80% of RAM) it keeps table blocks cached as the "
            "warehouse grows and the flow process grew with it (435 -> 554 MB from 10k to 30k files). "
            "With no key indexes on the raw tables (DuckDB cannot evict those), a 100k-file run at "
            "64MB peaked at 450 MB in the flow process against 507 MB at 128MB."
        ),
    )
    duckdb_derive_memory_limit: str = Field(
        default="256MB",
        description=(
            "DuckDB memory limit for rebuilding the marts, running the checks and drawing the "
            "report, once the parser processes have exited and left their memory. At 64MB the "
            "speakers mart of a 100k-file warehouse ran out of memory."
        ),
    )
    duckdb_checkpoint_threshold: str = Field(
        default="32MB",
        description=(
            "Write-ahead log size at which DuckDB checkpoints during a run; the run also checkpoints "
            "once after its last batch. At DuckDB's default (16MB) it checkpointed every few batches, "
            "each checkpoint costing more as the warehouse grew: the load stage took 57 s at 100k "
            "files. Keep it at about half of duckdb_memory_limit: DuckDB holds data it has not "
            "checkpointed in memory, and at 1GB a 150k-file load ran out of a 40MB limit."
        ),
    )
    dask_address: str | None = Field(default=None, description="tcp://host:8786 to parse on a Dask cluster.")
    parquet_root: str | None = Field(
        default=None, description="Parquet dataset location; default <warehouse>/parquet."
    )

    @field_validator("inbox", "warehouse", mode="before")
    @classmethod
    def _expand(cls, v: Any) -> Any:
        return Path(os.path.expanduser(str(v))) if v is not None else v

    @property
    def database(self) -> Path:
        """The DuckDB file analysts open."""
        return self.warehouse / "wirehouse.duckdb"

    @property
    def parquet(self) -> Path:
        """Root of the Hive-partitioned Parquet dataset."""
        return Path(self.parquet_root) if self.parquet_root else self.warehouse / "parquet"

    @property
    def worker_count(self) -> int:
        """Parser processes to start: the setting, or one per available core."""
        return self.workers or len(os.sched_getaffinity(0))


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and ``.env``, with explicit non-None overrides on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
