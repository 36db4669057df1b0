# gmmlab: `make lab` opens the notebooks, `make test` proves everything runs.
#
# Setup is four idempotent scripts under docker/, the same ones the Dockerfile
# runs, so every `make test` in CI also proves the image's build steps.
SHELL := /bin/bash
# docker/env.sh sets GMMLAB_ROOT, JUPYTER_DATA_DIR (.lab/jupyter), PYTHON and
# puts bin/ (gonb, goimports) on PATH.
ENV := . docker/env.sh &&

.PHONY: lab test setup fmt vet gotest test-runner notebooks html clean-notebooks

## lab: set up, then serve the learner's workspace (working copies of the
## lessons and exercises, outside the checkout; LAB_WORKSPACE to choose it) on
## $LAB_IP:$LAB_PORT (default 127.0.0.1:8888) with token $JUPYTER_TOKEN
## (default: random, printed with the URL).
lab: setup learner-notebooks
	bash docker/lab.sh

## test: set up, then gofmt, go vet, go test, the runner's own tests, the
## workspace and hub units, every notebook executed headless with the GoNB
## kernel, the browser tests, and the exercises and their grading
## (test-exercises).
test: setup fmt vet gotest test-runner test-workspace test-hub-units notebooks test-browser test-exercises test-learner-tree

## setup: Debian packages, bin/gonb and bin/goimports from go.mod, the GoNB
## kernelspec (--go_work=this checkout), a warm Go build cache, and the
## lessons' programs in gonbgo's program store (every lesson run once through
## the kernel, again only when a lesson or the library changed; PREBUILD=off
## skips it).
setup:
	bash docker/install-deps.sh
	bash docker/build-tools.sh
	bash docker/register-kernel.sh
	bash docker/warm-cache.sh
	bash docker/prebuild-lessons.sh

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

## test-runner: the notebook runner passes and fails scripts/testdata, and a
## lesson edited to print a wrong number, NaN or a blank figure, as it should.
test-runner: setup
	$(ENV) "$$PYTHON" scripts/test_nbrun.py

## notebooks: run every lesson notebooks/*.ipynb and its Python twin
## notebooks/python/*.py, and compare what they print value by value.
notebooks: setup
	$(ENV) "$$PYTHON" scripts/nbrun.py notebooks

## html: executed notebooks rendered to build/html/ for instructors, with
## MathJax copied beside them (build/html/mathjax/): the folder shows its
## formulas on any machine, offline.
html: setup
	$(ENV) "$$PYTHON" scripts/nbhtml.py --execute --out build/html notebooks/*.ipynb

## clean-notebooks: strip outputs and execution counts before committing.
clean-notebooks:
	$(ENV) "$$PYTHON" scripts/nbrun.py --clean notebooks

# ---- make bench: benchmarks (added by the library engineers) ---------------

## bench: the Go benchmarks of the performance cases P1-P7 and B1 (fixed seeds),
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

# ---- make fixtures: the reference fixtures and their generators (core) -----

## fixtures: regenerate every reference fixture (testdata/*.json) with the
## generator committed beside it: Debian's /usr/bin/python3 with scikit-learn
## 1.2.1 and numpy 1.24.2, on OpenBLAS's Haswell kernels (its kernels round
## differently per CPU type). Run `git diff` afterwards: it is empty unless a
## generator changed. fixtures-check does both and fails on any difference,
## or on a package's testdata/*.json that no generator writes (scripts/testdata
## holds the notebook runner's inputs, not reference outputs).
FIXTURE_PY := OPENBLAS_CORETYPE=Haswell /usr/bin/python3
# generator:fixture, in order (gen_sample.py reads gaussian_mixture.json).
FIXTURES := \
	gmmlab/testdata/gen_gaussian_mixture.py:gmmlab/testdata/gaussian_mixture.json \
	gmmlab/testdata/gen_init_example.py:gmmlab/testdata/init_example.json \
	gmmlab/testdata/gen_sample.py:gmmlab/testdata/sample_reference.json \
	gmmlab/testdata/gen_mixture_nd.py:gmmlab/testdata/mixture_nd.json \
	gmmlab/testdata/gen_special.py:gmmlab/testdata/special.json \
	gmmlab/testdata/gen_missing.py:gmmlab/testdata/missing.json \
	datagen/testdata/gen_make_blobs.py:datagen/testdata/make_blobs.json \
	datagen/testdata/gen_numpy_tutorial.py:datagen/testdata/numpy_tutorial.json \
	datagen/testdata/gen_reference.py:datagen/testdata/reference.json \
	datagen/testdata/gen_stratified.py:datagen/testdata/stratified_kfold.json \
	datagen/testdata/gen_arrays.py:datagen/testdata/numpy_arrays.json \
	datagen/testdata/gen_numpy_print.py:datagen/testdata/numpy_print.json \
	datagen/testdata/gen_multivariate_normal.py:datagen/testdata/multivariate_normal.json \
	metrics/testdata/gen_reference.py:metrics/testdata/reference.json \
	metrics/testdata/gen_percentile.py:metrics/testdata/percentile.json \
	nprand/testdata/gen_numpy_random.py:nprand/testdata/numpy_random.json \
	nprand/testdata/gen_extra.py:nprand/testdata/numpy_extra.json \
	plotting/testdata/gen_blobs170.py:plotting/testdata/blobs170.json \
	internal/numpy/testdata/gen_numpy.py:internal/numpy/testdata/numpy.json
# fixtures-datagen (below) writes datagen/testdata/npy/ itself.
.PHONY: fixtures fixtures-check
fixtures: fixtures-datagen
	@for pair in $(FIXTURES); do gen=$${pair%%:*}; out=$${pair#*:}; \
		echo "$$gen > $$out"; \
		$(FIXTURE_PY) "$$gen" > "$$out.tmp" && mv "$$out.tmp" "$$out" || { rm -f "$$out.tmp"; exit 1; }; \
	done
fixtures-check: fixtures
	@listed=" $(foreach p,$(FIXTURES),$(word 2,$(subst :, ,$(p)))) "; \
	for f in $$(git ls-files '*/testdata/*.json' ':!scripts/' ':!datagen/testdata/npy/'); do \
		case "$$listed" in *" $$f "*) ;; *) echo "$$f has no generator in FIXTURES"; exit 1;; esac; \
	done
	git diff --exit-code --stat -- $(foreach p,$(FIXTURES),$(word 2,$(subst :, ,$(p)))) datagen/testdata/npy

## bench-ab: the P1-P6 and B1 Go benchmarks of revision REV (default main) against
## the work tree, interleaved COUNT times (default 6), compared by benchstat
## (pinned in go.mod); the runs stay in build/ab/.
REV ?= main
COUNT ?= 6
.PHONY: bench-ab
bench-ab:
	$(ENV) bash bench/ab.sh $(REV) $(COUNT)

# ---- make fixtures-datagen: datagen's .npy fixtures (added for issue 14) ----

## fixtures-datagen: rewrite datagen/testdata/npy/ (the .npy files and
## cases.json) with numpy: /usr/bin/python3 with Debian's python3-numpy.
## The output is the same every run; commit what changes.
.PHONY: fixtures-datagen
fixtures-datagen:
	/usr/bin/python3 datagen/testdata/npy/gen_npy.py

# ---- the lab's workspace, the class hub, browser tests (issue 11 §5, issue 12)

.PHONY: reset-lab test-workspace

## reset-lab: put back the original of lesson $(LESSON) (01, 01-gmm-lab or
## 01-gmm-lab.ipynb; exercises/01 for an exercise; several separated by
## spaces) in the workspace `make lab` serves; without LESSON, every lesson
## and exercise. A changed copy is saved under <workspace>/.gmmlab/backup/.
reset-lab:
	$(ENV) "$$PYTHON" docker/workspace.py reset $${LAB_WORKSPACE:+--workspace "$$LAB_WORKSPACE"} $(LESSON)

## test-workspace: the workspace copies, updates, keeps and resets as it should.
test-workspace:
	$(ENV) "$$PYTHON" docker/test_workspace.py

.PHONY: hub test-hub-units

## hub: set up, then serve a class with JupyterHub on 127.0.0.1:$HUB_PORT
## (default 8000; HUB_IP to change it), as root: HUB_ROSTER=roster.csv
## creates the learners' accounts, HUB_ADMINS names the admins. docker/hub.sh
## lists every setting; README.md, "Teaching a class", tells the whole story.
hub: setup
	bash docker/hub.sh

## test-hub-units: the roster's checks, the cgroup limits on fake trees, the
## idle culler against a fake hub API, and bench-hub's README row.
test-hub-units:
	$(ENV) for t in hub/test_roster.py hub/test_limits.py hub/test_culler.py hub/test_bench.py; do "$$PYTHON" "$$t" || exit 1; done

.PHONY: test-browser

## HUB_TEST_PORT: the first of the 100 ports (HUB_TEST_PORT..+99, a multiple
## of 100) that test-browser and bench-hub use, and nothing else: the hub on
## HUB_TEST_PORT (its APIs on +1 and +2, the learners' servers on +10..+99),
## the lab on +5. Runs with different HUB_TEST_PORT never share a port, an
## account (hubtest-PORT-*), a group or an install.
HUB_TEST_PORT ?= 18000

## test-browser: Debian's chromium, driven by playwright-core (pinned in
## tests/browser/package-lock.json, installed with npm ci), runs a whole
## lesson in `make lab` and checks that saving it leaves git status clean,
## then, as root, serves a class with `make hub` on 127.0.0.1:$(HUB_TEST_PORT)
## (accounts hubtest-$(HUB_TEST_PORT)-*) and checks logins, servers, figures,
## isolation (no learner reads another's files, the checkout or a master)
## and the idle culler. Screenshots and server logs go to build/browser/.
test-browser: setup
	cd tests/browser && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund; fi
	$(ENV) export HUB_TEST_PORT=$(HUB_TEST_PORT) && cd tests/browser && \
		node --test --test-concurrency=1 --test-reporter=spec lab.test.mjs hub.test.mjs

.PHONY: bench-hub

## bench-hub: a benchmark, not a test (as root): $(LEARNERS) simulated
## learners (default 1) log in to a hub on 127.0.0.1:$(HUB_TEST_PORT), start
## their servers and run lesson $(LESSON) (default 01) cell by cell through
## the kernel protocol, $(THINK) s (default 5) between cells, $(PASSES)
## times (default 1; 2: each learner runs it again); prints cell
## latency p50/p95/max, the print cells' p50, cells failed, time to first
## output, memory and CPU per learner, then the README table's row, and
## writes build/bench-hub-N.json. Run it on an otherwise idle machine.
bench-hub: setup
	$(ENV) LEARNERS=$(LEARNERS) THINK=$(THINK) LESSON=$(LESSON) PASSES=$(PASSES) HUB_TEST_PORT=$(HUB_TEST_PORT) "$$PYTHON" hub/bench.py

# ---- exercises and grading (issue 10) -----------------------------------

.PHONY: assign learner-notebooks grade grading-setup test-exercises bench-grade

## learner-notebooks: only the learner versions, in build/learner/, in a
## second (make assign without running the masters); make lab and make hub
## serve them as the workspace's exercises/.
learner-notebooks:
	$(ENV) "$$PYTHON" grading/assign.py --no-run

## assign: the learner versions of exercises/*.ipynb in build/learner/, and
## the grading bundle in build/autograder/ (root only): the masters, hidden
## tests included, and the answer key, made by running every master with its
## checks, which must all pass (grading/assign.py).
assign: setup
	$(ENV) go build -o bin/gmmgrade ./grading/gmmgrade
	$(ENV) "$$PYTHON" grading/assign.py

## grading-setup: the users gmmgrade1..N and the sandbox's read-only pieces
## in build/sandbox/ (grading/setup.sh); needs root.
grading-setup: setup
	$(ENV) bash grading/setup.sh

## grade: grade SUBMISSIONS=DIR (one folder per learner) into
## build/grades/: grades.csv, <learner>.html, one summary line on stdout
## (everything else goes to stderr). GRADE_CELL_TIMEOUT (60 s),
## GRADE_NOTEBOOK_TIMEOUT (600 s), GRADE_MEMORY (4096 MiB per process),
## GRADE_PROCESSES (512), GRADE_DISK (1024 MiB), GRADE_JOBS (cores) set
## the limits.
grade:
	@[ -n "$(SUBMISSIONS)" ] || { echo "usage: make grade SUBMISSIONS=DIR" >&2; exit 2; }
	@$(MAKE) --no-print-directory build/autograder/key.json grading-setup >&2
	@$(ENV) "$$PYTHON" grading/grade.py --submissions "$(SUBMISSIONS)"

build/autograder/key.json: $(wildcard exercises/*.ipynb) exercises/reference.json \
		$(wildcard grading/*.py grading/gmmgrade/*.go check/*.go)
	$(MAKE) --no-print-directory assign

## test-exercises: the masters run clean with every check passing (make
## assign), no learner version holds a solution or a hidden test, and a
## class of right, blank, wrong, partial, looping and hostile submissions
## gets exactly grading/testdata/expected_grades.csv.
test-exercises: assign grading-setup
	$(ENV) "$$PYTHON" grading/test_notebooks.py
	$(ENV) "$$PYTHON" grading/test_e2e.py

## bench-grade: time the grading of 30 synthetic learners × 4 notebooks.
bench-grade: assign grading-setup
	$(ENV) "$$PYTHON" grading/bench_grade.py

# ---- make bench-cells: a cell's wait through the GoNB kernel (issue 15) -----

## bench-cells: every lesson run cell by cell through the GoNB kernel, headless
## (scripts/bench_cells.py): each cell's latency, the median new-source print
## and plot cells, and each lesson's total against its Python twin
## (notebooks/python/NN-name.py, run in an ipykernel). One untimed warm-up
## run, then BENCH_CELLS_REPEAT timed runs (default 3); BENCH_CELLS_ARGS adds
## options (--breakdown DIR for where a cell's time goes). Two kernels side by
## side (BENCH_CELLS_VARIANTS): "compiled", gonbgo's program store off, so
## every cell is compiled and linked as a cell the learner edited is; and
## "shipped", the lab as make setup leaves it, whose unedited lesson cells
## come from the store. A benchmark: slow cells never fail it.
BENCH_CELLS_REPEAT ?= 3
BENCH_CELLS_ARGS ?=
BENCH_CELLS_VARIANTS ?= --variant compiled=GONBGO_PROGRAMS=off --variant shipped=
.PHONY: bench-cells
bench-cells: setup
	$(ENV) mkdir -p build/bench-cells && "$$PYTHON" scripts/bench_cells.py --repeat $(BENCH_CELLS_REPEAT) \
		--json build/bench-cells/results.json $(BENCH_CELLS_VARIANTS) $(BENCH_CELLS_ARGS) notebooks

## bench-cells-ab: the same, through the kernel of revision REV (default main:
## its gonbgo, its GOFLAGS, its library) and this work tree's, interleaved
## (scripts/bench_cells_ab.sh): the before/after table of README "Faster cells".
.PHONY: bench-cells-ab
bench-cells-ab: setup
	bash scripts/bench_cells_ab.sh $(REV) --repeat $(BENCH_CELLS_REPEAT) \
		--json build/bench-cells/ab.json $(BENCH_CELLS_ARGS)

# ---- weights, sources, online updates: data larger than memory (issue 14) ---

# The weighted fits' reference: scikit-learn's KMeans(sample_weight) and R
# mclust's me.weighted (Debian's r-cran-mclust: apt-get install -y
# r-cran-mclust before `make fixtures`).
FIXTURES += gmmlab/testdata/gen_weighted.py:gmmlab/testdata/weighted.json

## bench-large: a 20,000,000 × 8 float64 .npy (1.28 GB, in $BENCH_LARGE_DIR,
## default $TMPDIR, removed after) fitted with 8 full components for 10
## iterations from the source and in memory, a process each: peak RSS and
## time ratio against the targets (≤ 150 MB, ≤ 1.3×), and PartialFit's rows/s
## (bench/large.sh). A benchmark: never part of `make test`.
.PHONY: bench-large
bench-large:
	$(ENV) bash bench/large.sh

# ---- what learners get: images and the hub without solutions (issues 10, 12) --

.PHONY: test-learner-tree

## test-learner-tree: docker/learner-tree.sh, the tree the Docker images and
## the hub's sources are made of, holds the lessons, the library and the
## learner exercises, and no master, solution, hidden test, reference value,
## grading test data or grading bundle.
test-learner-tree:
	$(ENV) "$$PYTHON" docker/test_learner_tree.py
