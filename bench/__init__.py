"""Throughput benchmark of the real ingest flow (issue 8): ``python -m bench.run``.

Builds a synthetic inbox from the development corpora in ``../shared/corpus``
(never copied into the repo: the inbox lives under the git-ignored
``bench/work/``), runs :func:`flows.ingest.ingest_articles` in this process,
and reports throughput, stage seconds, peak RSS, the no-op re-run and the
analytics view query times, with trafilatura's ``extract()`` on the same HTML
pages as a same-run reference.
"""
