#!/usr/bin/env bash
# Benchmark: the month's figures at three scales of the demo district (1, 10, 100 by default):
# whole-process times of `score rank --month M` and `report monthly --month M --format json`,
# against a baseline measured in the same run — the sqlite3 shell running the month's two
# heaviest aggregations by hand (score sums per org and category; members per org at the end of
# the month), which any report of the month must at least do. Prints medians, the ratio to the
# baseline, the bar of SPEC §8 / issue 8 (rank and monthly json under 1 s at scale 100; the
# monthly report under 50 ms on the demo district), and how cost grows with scale. Not a timed
# test.
#
# usage: bench/report_month.sh [BUILD_DIR] [SCALES] [RUNS]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   SCALES     "1 10 100" (default)
#   RUNS       runs of each command per scale (default 7)
# Needs: sqlite3, python3. Scratch files go to $BENCH_DIR (the demo databases are kept between
# runs) or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
scales=${2:-1 10 100}
runs=${3:-7}
. bench/common.sh
bench_need sqlite3 python3
bench_build "$build"
bench_workdir
month=2026-10
echo "month: $month   runs: $runs"

baseline_sql="
SELECT org_id, category, sum(points) FROM score_entry WHERE month = '$month' GROUP BY 1, 2;
SELECT org_id, count(*) FROM member_org_history
 WHERE from_date <= '$month-31' AND (to_date IS NULL OR to_date > '$month-31') GROUP BY 1;"

printf '%-6s %9s %9s %9s %9s %9s %7s %7s\n' scale orgs demo_s shell_s rank_s monthly_s rank/x monthly/x
for scale in $scales; do
    db=$work/demo-$scale.db
    demo_s=-
    if [ ! -f "$db" ]; then
        demo_s=$(python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[1:],check=True); print(f"{time.perf_counter()-t:.2f}")' \
            "$hlpb" -q --db "$db" db demo --scale "$scale")
    fi
    orgs=$(sqlite3 "$db" "SELECT count(*) FROM org")
    shell=$(median sqlite3 "$db" "$baseline_sql")
    rank=$(median "$hlpb" -q --db "$db" --format json score rank --month "$month")
    monthly=$(median "$hlpb" -q --db "$db" report monthly --month "$month" --format json)
    python3 - "$scale" "$orgs" "$demo_s" "$shell" "$rank" "$monthly" <<'PY'
import sys
scale, orgs, demo, shell, rank, monthly = sys.argv[1:]
s, r, m = float(shell), float(rank), float(monthly)
print(f"{scale:<6} {orgs:>9} {demo:>9} {s:9.4f} {r:9.4f} {m:9.4f} {r/s:7.2f} {m/s:7.2f}")
PY
done
echo
echo "bars: at scale 100 score rank and report monthly --format json under 1 s each (issue 8),"
echo "      the monthly report under 2 s at scale 100 and under 50 ms at scale 1 (SPEC §8)."
echo "x = the sqlite3 shell's two aggregations of the month (same run, same database)."
