# Throughput benchmark (issue 8): `make bench` measures N=1k and 10k;
# `make bench BENCH_FULL=1` adds 100k (minutes, ~2 GB of scratch under bench/work/).
# Not part of `make test`: it takes minutes and its numbers depend on the machine's load.
# Results print as a table and land in bench/results/<date>-<N>.json (commit them).
BENCH_FULL ?=
BENCH_ARGS ?=
# The bench extra (trafilatura, psutil) is installed once per pyproject.toml version.
BENCH_STAMP := $(VENV)/.bench-extra-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[bench,dev]"
	rm -f $(VENV)/.bench-extra-*
	touch $@

bench: $(BENCH_STAMP)
	PREFECT_HOME=$(CURDIR)/bench/work/prefect-home $(BIN)/python -m bench.run --sizes 1000 10000 \
		$(if $(BENCH_FULL),--full) $(BENCH_ARGS)
