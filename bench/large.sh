#!/usr/bin/env bash
# make bench-large: data larger than memory (issue 14). Writes a
# 20,000,000 × 8 float64 .npy (1.28 GB) into $BENCH_LARGE_DIR (default
# $TMPDIR, else /tmp), fits 8 full components for 10 EM iterations over it
# as a source (FitSource) and in memory (ReadNPY, then Fit), each in a
# process of its own, times PartialFit over 2,000,000 rows in batches of
# 10,000, prints the table with the targets (peak RSS of the source fit
# ≤ 150 MB, its time ≤ 1.3× the in-memory fit's), writes it to
# build/bench-large.json and removes the file. BENCH_LARGE_ROWS writes fewer
# rows (a quick check of the script; the targets are for 20,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${BENCH_LARGE_DIR:-${TMPDIR:-/tmp}}"
rows="${BENCH_LARGE_ROWS:-20000000}"
need_mb=$(( rows * 8 * 8 / 1000000 + 500 ))
free_mb=$(df -Pm "$dir" | awk 'NR == 2 {print $4}')
if (( free_mb < need_mb )); then
	echo "bench-large: $dir has $free_mb MB free; the file needs $need_mb MB (set BENCH_LARGE_DIR)" >&2
	exit 1
fi
mkdir -p build
go build -o build/largebench ./bench/largebench
file="$(mktemp "$dir/bench-large-XXXXXX.npy")"
trap 'rm -f "$file"' EXIT
echo "bench-large: $(uptime)"
gen="$(build/largebench -gen "$file" -rows "$rows")"
echo "$gen"
source="$(build/largebench -fit source -file "$file")"
echo "$source"
memory="$(build/largebench -fit memory -file "$file")"
echo "$memory"
partial="$(build/largebench -partial -file "$file")"
echo "$partial"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$gen" "$source" "$memory" "$partial" "$load" "$(nproc)" <<'PY'
import json, sys
gen, src, mem, part = (json.loads(a) for a in sys.argv[1:5])
load, cores = sys.argv[5], int(sys.argv[6])
if src["lower_bound"] != mem["lower_bound"] or src["n_iter"] != mem["n_iter"]:
    sys.exit(f"bench-large: the source fit (lower bound {src['lower_bound']!r}, {src['n_iter']} iterations) "
             f"differs from the in-memory fit ({mem['lower_bound']!r}, {mem['n_iter']})")
ratio = src["seconds"] / mem["seconds"]
cpu_ratio = src["cpu_seconds"] / mem["cpu_seconds"]
rows = [
    ("rows × features", f"{src['rows']:,} × 8 float64 ({src['rows'] * 64 / 1e9:.2f} GB)", ""),
    ("fit from the source (FitSource)", f"{src['seconds']:.1f} s ({src['cpu_seconds']:.1f} s CPU), peak RSS {src['peak_rss_mb']:.0f} MB",
     "target ≤ 150 MB: " + ("met" if src["peak_rss_mb"] <= 150 else "MISSED")),
    ("fit in memory (Fit)", f"{mem['seconds']:.1f} s ({mem['cpu_seconds']:.1f} s CPU; + {mem['load_seconds']:.1f} s to read the file), peak RSS {mem['peak_rss_mb']:.0f} MB", ""),
    ("time ratio source / memory", f"{ratio:.2f} wall clock, {cpu_ratio:.2f} CPU", "target ≤ 1.3: " + ("met" if ratio <= 1.3 else "MISSED")),
    ("PartialFit, batches of 10,000", f"{part['rows_per_second']:,.0f} rows/s ({part['rows']:,} rows in {part['seconds']:.1f} s)", ""),
    ("lower bound after 10 iterations", f"{src['lower_bound']!r} (both, bit for bit)", ""),
    ("machine", f"{cores} cores, load average {load} at the end", ""),
]
for name, value, target in rows:
    print(f"{name:34} {value:70} {target}")
json.dump({"generate": gen, "source": src, "memory": mem, "partial": part, "ratio": ratio, "cpu_ratio": cpu_ratio, "load": load, "cores": cores},
          open("build/bench-large.json", "w"), indent=1)
PY
