# gmmlab: `make lab` opens the notebooks, `make test` proves everything runs.
#
# Setup is four idempotent scripts under docker/, the same ones the Dockerfile
# runs, so every `make test` in CI also proves the image's build steps.
SHELL := /bin/bash
# docker/env.sh sets GMMLAB_ROOT, JUPYTER_DATA_DIR (.lab/jupyter), PYTHON and
# puts bin/ (gonb, goimports) on PATH.
ENV := . docker/env.sh &&

.PHONY: lab test setup fmt vet gotest test-runner notebooks html clean-notebooks

## lab: set up, then serve notebooks/ on 127.0.0.1:$LAB_PORT (default 8888)
## with token $JUPYTER_TOKEN (default: random, printed with the URL).
lab: setup
	LAB_IP=127.0.0.1 bash docker/lab.sh

## test: set up, then gofmt, go vet, go test, the runner's own tests, and
## every notebook executed headless with the GoNB kernel.
test: setup fmt vet gotest test-runner notebooks

## setup: Debian packages, bin/gonb and bin/goimports from go.mod, the GoNB
## kernelspec (--go_work=this checkout), a warm Go build cache.
setup:
	bash docker/install-deps.sh
	bash docker/build-tools.sh
	bash docker/register-kernel.sh
	bash docker/warm-cache.sh

## fmt: fail, listing them, if gofmt would change any Go file (testdata/ and
## dot directories such as .lab/, where Go keeps caches without a HOME, aside).
fmt:
	@$(ENV) bad="$$(find . -mindepth 1 \( -name '.*' -o -name testdata \) -prune -o -name '*.go' -print \
		| LC_ALL=C sort | xargs -r gofmt -l)" || exit 1; \
	if [ -n "$$bad" ]; then echo "gofmt: run gofmt -w on these files:"; echo "$$bad"; exit 1; fi

vet:
	$(ENV) go vet ./...

gotest:
	$(ENV) go test ./...
	$(ENV) go test -race -run 'Concurrent|Determinism' ./gmmlab
	$(ENV) go test -race -run 'Concurrent' ./datagen

## test-runner: the notebook runner passes and fails scripts/testdata as it should.
test-runner: setup
	$(ENV) "$$PYTHON" scripts/test_nbrun.py

## notebooks: run every notebooks/*.ipynb and check it against notebooks/expect.json.
notebooks: setup
	$(ENV) "$$PYTHON" scripts/nbrun.py notebooks

## html: executed notebooks rendered to build/html/ for instructors.
html: setup
	$(ENV) shopt -s nullglob; nbs=(notebooks/*.ipynb); mkdir -p build/html; \
	if [ $${#nbs[@]} -gt 0 ]; then \
		jupyter-nbconvert --execute --to html --output-dir build/html \
			--ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout=900 "$${nbs[@]}"; \
	fi

## clean-notebooks: strip outputs and execution counts before committing.
clean-notebooks:
	$(ENV) "$$PYTHON" scripts/nbrun.py --clean notebooks

# ---- make bench: benchmarks (added by the library engineers) ---------------

## bench: the Go benchmarks of the performance cases P1-P6 (fixed seeds),
## then bench/compare.py: the same cases side by side with scikit-learn
## (/usr/bin/python3 with python3-sklearn), one process per case and side,
## and the table of time ratios and P2's peak memory against the targets.
bench:
	$(ENV) go test -run XXX -bench 'Guide|Given' -benchtime 3x -benchmem ./gmmlab
	$(ENV) /usr/bin/python3 bench/compare.py

.PHONY: bench

# ---- make fuzz: fuzz targets, a minute each (added by the library engineers)

## fuzz: run every `func Fuzz...` target in the repository for $(FUZZTIME)
## each (default 60s); a crasher is written to its package's
## testdata/fuzz/<target>/ and stops the run: fix it and commit the file.
FUZZTIME ?= 60s
.PHONY: fuzz
fuzz:
	@$(ENV) grep -rn --include='*_test.go' --exclude-dir=.git --exclude-dir=.lab --exclude-dir=bin --exclude-dir=build \
		-E '^func Fuzz[A-Za-z0-9_]*\(' . | sort | \
	while IFS=: read -r file _ line; do \
		name=$$(echo "$$line" | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); \
		pkg=./$$(dirname "$${file#./}"); \
		echo "== $$name in $$pkg for $(FUZZTIME)"; \
		go test -run XXX -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$pkg" || exit 1; \
	done

# ---- make fixtures-datagen: datagen's .npy fixtures (added for issue 14) ----

## fixtures-datagen: rewrite datagen/testdata/npy/ (the .npy files and
## cases.json) with numpy: /usr/bin/python3 with Debian's python3-numpy.
## The output is the same every run; commit what changes.
.PHONY: fixtures-datagen
fixtures-datagen:
	/usr/bin/python3 datagen/testdata/npy/gen_npy.py

# ---- make bench-cells: a cell's wait through the GoNB kernel (issue 15) -----

## bench-cells: every lesson run cell by cell through the GoNB kernel, headless
## (scripts/bench_cells.py): each cell's latency, the median new-source print
## and plot cells, and each lesson's total against its Python twin
## (notebooks/python/NN-name.py, run in an ipykernel). One untimed warm-up
## run, then BENCH_CELLS_REPEAT timed runs (default 3); BENCH_CELLS_ARGS adds
## options (--variant to compare kernels, --breakdown DIR for where a cell's
## time goes). A benchmark: slow cells never fail it.
BENCH_CELLS_REPEAT ?= 3
BENCH_CELLS_ARGS ?=
.PHONY: bench-cells
bench-cells: setup
	$(ENV) mkdir -p build/bench-cells && "$$PYTHON" scripts/bench_cells.py --repeat $(BENCH_CELLS_REPEAT) \
		--json build/bench-cells/results.json $(BENCH_CELLS_ARGS) notebooks
