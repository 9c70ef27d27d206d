"""Orchestration and all IO: inbox scanning, Parquet writing, the single DuckDB
writer, settings, the Prefect flow and the ``wirehouse`` CLI."""
