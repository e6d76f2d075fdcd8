#!/usr/bin/env bash
# Benchmark: the annual report at three scales of the demo district (1, 10, 100 by default):
# whole-process times of `report annual --year 2026 --format json` (January to November 2026 as
# of 2026-11-28: eleven months, ten closed and one computed) and, in the same run on the same
# database, of `report monthly --month 2026-10 --format json` (the baseline: the annual report
# reads the year once and applies the month's rules eleven times, so it should cost a few
# monthly reports, not eleven). Prints medians, the ratio to the monthly report and the bar of
# issue 9 (annual under 5 s at scale 100). Not a timed test.
#
# usage: bench/report_annual.sh [BUILD_DIR] [SCALES] [RUNS]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   SCALES     "1 10 100" (default)
#   RUNS       runs of each command per scale (default 5)
# Needs: sqlite3, python3. Scratch files go to $BENCH_DIR (the demo databases are kept between
# runs, and shared with bench/report_month.sh) or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
scales=${2:-1 10 100}
runs=${3:-5}
. bench/common.sh
bench_need sqlite3 python3
bench_build "$build"
bench_workdir
echo "year: 2026 (to 2026-11-28)   runs: $runs"

printf '%-6s %9s %9s %10s %9s %9s\n' scale orgs demo_s monthly_s annual_s annual/m
for scale in $scales; do
    db=$work/demo-$scale.db
    demo_s=-
    if [ ! -f "$db" ]; then
        demo_s=$(python3 -c 'import subprocess,sys,time; t=time.perf_counter(); subprocess.run(sys.argv[1:],check=True); print(f"{time.perf_counter()-t:.2f}")' \
            "$hlpb" -q --db "$db" db demo --scale "$scale")
    fi
    orgs=$(sqlite3 "$db" "SELECT count(*) FROM org")
    monthly=$(median "$hlpb" -q --db "$db" report monthly --month 2026-10 --format json)
    annual=$(median "$hlpb" -q --db "$db" report annual --year 2026 --format json)
    python3 - "$scale" "$orgs" "$demo_s" "$monthly" "$annual" <<'PY'
import sys
scale, orgs, demo, monthly, annual = sys.argv[1:]
m, a = float(monthly), float(annual)
print(f"{scale:<6} {orgs:>9} {demo:>9} {m:10.4f} {a:9.4f} {a/m:9.2f}")
PY
done
echo
echo "bar: report annual under 5 s at scale 100 (issue 9); annual/m = the annual report's time"
echo "over the monthly report's (same run, same database)."
