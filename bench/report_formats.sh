#!/usr/bin/env bash
# Benchmark: the reports in every format, whole process (issue 9 item 8). For each database:
# `report monthly --month 2026-10` as json, md, text, html, csv --section clusters and
# xlsx --out, and `report annual --year 2026` as json and xlsx --out (today 2026-11-28). Prints,
# per command, the median wall time and the median CPU time (user + sys of the process, read
# with wait4, so that load from other processes on the machine counts less) of RUNS runs, and
# the bar: the demo district (scale 1) under 50 ms per format; scale 100 under 2 s per format
# of the monthly report and under 5 s for the annual report. Not a timed test.
#
# usage: bench/report_formats.sh [BUILD_DIR] [SCALES] [RUNS]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   SCALES     "1 100" (default); each database is $BENCH_DIR/demo-N.db, made with
#              `db demo --scale N` if missing (scale 100 takes minutes: copy a ready one there)
#   RUNS       runs of each command (default 5; one warm-up run first)
# Needs: python3. Scratch files go to $BENCH_DIR (kept between runs) or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
scales=${2:-1 100}
runs=${3:-5}
. bench/common.sh
bench_need python3
bench_build "$build"
bench_workdir
export SOURCE_DATE_EPOCH=1790812800 # 2026-10-01: the same bytes every run
echo "month: 2026-10, year: 2026 (today $HLPB_TODAY)   runs: $runs   load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Prints "WALL_MEDIAN CPU_MEDIAN MAX_RSS_MB" (seconds) of RUNS runs after one warm-up.
measure() { # COMMAND...
    python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
walls, cpus, rss = [], [], 0
for i in range(runs + 1):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    if i == 0:
        continue  # warm-up: the page cache
    walls.append(wall); cpus.append(ru.ru_utime + ru.ru_stime); rss = max(rss, ru.ru_maxrss)
walls.sort(); cpus.sort()
print(f"{walls[len(walls) // 2]:.4f} {cpus[len(cpus) // 2]:.4f} {rss / 1024:.0f}")
PY
}

printf '%-6s %-34s %9s %9s %7s %7s\n' scale command wall_s cpu_s rss_MB bar
for scale in $scales; do
    db=$work/demo-$scale.db
    if [ ! -f "$db" ]; then
        "$hlpb" -q --db "$db" db demo --scale "$scale"
    fi
    out=$work/out-$scale
    mkdir -p "$out"
    mbar=2
    abar=5
    if [ "$scale" = 1 ]; then
        mbar=0.05
        abar=0.05
    fi
    run() { # LABEL BAR ARGS...
        local label=$1 bar=$2
        shift 2
        read -r wall cpu rss < <(measure "$hlpb" -q --db "$db" "$@")
        # ok: the wall time is under the bar; cpu-ok: only the CPU time is (a loaded machine).
        local verdict
        verdict=$(python3 -c "w, c, b = map(float, '$wall $cpu $bar'.split()); print('ok' if w < b else 'cpu-ok' if c < b else 'MISSED')")
        printf '%-6s %-34s %9s %9s %7s %5ss %s\n' "$scale" "$label" "$wall" "$cpu" "$rss" "$bar" "$verdict"
    }
    m=(report monthly --month 2026-10)
    run "monthly json" $mbar "${m[@]}" --format json
    run "monthly md" $mbar "${m[@]}" --format md
    run "monthly text" $mbar "${m[@]}" --format text
    run "monthly html" $mbar "${m[@]}" --format html
    run "monthly csv --section clusters" $mbar "${m[@]}" --format csv --section clusters
    run "monthly xlsx --out" $mbar "${m[@]}" --format xlsx --out "$out/monthly.xlsx"
    a=(report annual --year 2026)
    run "annual json" $abar "${a[@]}" --format json
    run "annual xlsx --out" $abar "${a[@]}" --format xlsx --out "$out/annual.xlsx"
done
echo
echo "bars (issue 9 item 8): every format under 50 ms on the demo district (scale 1); at scale"
echo "100 the monthly report under 2 s and the annual report under 5 s. wall: median wall time;"
echo "cpu: median user+sys of the hlpb process; rss: its largest peak resident set."
