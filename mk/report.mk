# The analyst's side (issue 9): the HTML report and the SQL cookbook.
#   make report         - write warehouse/report.html (charts and summary tables) from ./warehouse
#   make cookbook       - refresh the outputs printed in docs/queries.md from the sample inbox
#                         (after a parser or view change makes tests/analytics/test_cookbook.py fail)
#   make test-analytics - the view, cookbook, CLI and report tests; the browser test needs chromium
.PHONY: report cookbook test-analytics

report: $(STAMP)
	$(BIN)/wirehouse report --html warehouse/report.html

cookbook: $(STAMP)
	$(BIN)/python -m tests.analytics.cookbook

test-analytics: $(STAMP)
	$(BIN)/pytest tests/analytics
