# Throughput benchmark (issue 8): `make bench` measures N=1k and 10k;
# `make bench BENCH_FULL=1` adds 100k (minutes, ~2 GB of scratch under bench/work/).
# Not part of `make test`: it takes minutes and its numbers depend on the machine's load.
# Results print as a table and land in bench/results/<date>-<N>.json (commit them).
BENCH_FULL ?=
BENCH_ARGS ?=

.PHONY: bench

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[bench,dev]"
	PREFECT_HOME=$(CURDIR)/bench/work/prefect-home $(BIN)/python -m bench.run --sizes 1000 10000 \
		$(if $(BENCH_FULL),--full) $(BENCH_ARGS)
