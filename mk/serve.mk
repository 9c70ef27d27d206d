# Scheduled runs on a Prefect worker (issue 6). See deployments/README.md.
#   make serve   - prefect server on 127.0.0.1:$(PREFECT_PORT), the process work pool, the
#                  deployments of deployments/prefect.yaml and a worker; one Ctrl-C stops all.
#                  With PREFECT_API_URL set, uses that server instead of starting one.
#   make deploy  - only (re)deploy deployments/prefect.yaml to the server PREFECT_API_URL names.
PREFECT_PORT ?= 4200
PREFECT_POOL ?= wirehouse

.PHONY: serve deploy

serve: $(STAMP)
	$(BIN)/python -m flows.serve --port $(PREFECT_PORT) --pool $(PREFECT_POOL)

deploy: $(STAMP)
	@test -n "$(PREFECT_API_URL)" || { echo "deploy: set PREFECT_API_URL=http://HOST:PORT/api (make serve deploys by itself)" >&2; exit 2; }
	$(BIN)/prefect --no-prompt deploy --prefect-file deployments/prefect.yaml --all --pool $(PREFECT_POOL)
