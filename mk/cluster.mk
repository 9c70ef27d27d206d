# make cluster: a local Dask cluster for trying the cluster path (issue 10).
# One `dask scheduler` on 127.0.0.1:8786 and two single-threaded `dask worker`
# processes that import flows/ and transforms/ from this checkout; Ctrl-C stops all three.
# Then, in another shell:  WIREHOUSE_DASK_ADDRESS=tcp://127.0.0.1:8786 .venv/bin/wirehouse run
.PHONY: cluster

CLUSTER_PORT ?= 8786
CLUSTER_WORKERS ?= 2

cluster: $(STAMP)
	$(BIN)/python -m flows.cluster --host 127.0.0.1 --port $(CLUSTER_PORT) --workers $(CLUSTER_WORKERS)
