#!/usr/bin/env bash
# Benchmark: importing N members from CSV against the sqlite3 shell's `.import` of the same file
# into a bare table (WAL, synchronous=NORMAL), alternating runs, medians, for two shapes of file:
# wide (the template's 14 columns) and narrow (8 columns). Then peak RSS at N/4 and N rows
# (flat in file size?), and whole-process times of `member show ID` and `member list --org X` on
# the loaded database. Prints ratios; not a timed test.
#
# usage: bench/import_members.sh [BUILD_DIR] [ROWS] [RUNS] [SHAPES]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   ROWS       members in each file (default 1000000)
#   RUNS       alternating runs of each side, per shape (default 7)
#   SHAPES     "wide narrow" (default), or one of them
# Needs: sqlite3, python3, GNU time (/usr/bin/time); hyperfine for the query times when it is
# installed (apt-get install hyperfine), else they are timed by python3. Scratch files go to
# $BENCH_DIR (kept between runs: the district and the CSVs are made once) or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
rows=${2:-1000000}
runs=${3:-7}
shapes=${4:-wide narrow}
. bench/common.sh
bench_need sqlite3 python3 /usr/bin/time
bench_build "$build"
bench_workdir

# Orgs of a scale-100 district (64,100), without its members: the demo builds them, then every
# member row is deleted (the schema, its version and its indexes stay as hlpb made them).
if [ ! -f "$work/orgs.db" ]; then
    rm -f "$work/base.db" "$work/base.db-wal" "$work/base.db-shm"
    "$hlpb" -q --db "$work/base.db" db demo --scale 100
    sqlite3 "$work/base.db" "DELETE FROM mentor; DELETE FROM member_honor;
        DELETE FROM member_points; DELETE FROM member_role_history;
        DELETE FROM member_org_history; DELETE FROM member; VACUUM;"
    "$hlpb" -q --db "$work/base.db" db check >/dev/null
    mv "$work/base.db" "$work/orgs.db"
    rm -f "$work/base.db-wal" "$work/base.db-shm"
fi

# Each run starts with no dirty pages of the one before being written back (sync, untimed):
# the kernel's writeback would otherwise compete for the 2 cores during the next run.
shell_run() { # FILE
    local columns
    columns=$(head -n 1 "$1")
    rm -f "$work/bare.db" "$work/bare.db-wal" "$work/bare.db-shm"
    sync
    /usr/bin/time -f '%e %M' -o "$work/time" sqlite3 "$work/bare.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE bare($columns);
.import --csv --skip 1 $1 bare
SQL
    cat "$work/time"
}
hlpb_run() { # FILE
    rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
    cp "$work/orgs.db" "$work/t.db"
    sync
    /usr/bin/time -f '%e %M' -o "$work/time" "$hlpb" -q --db "$work/t.db" member import "$1"
    cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
minimum() { sort -n | head -n 1; }

summary=()
for shape in $shapes; do
    csv="$work/members-$shape-$rows.csv"
    [ -f "$csv" ] || python3 bench/gen_members.py "$work/orgs.db" "$rows" "$csv" "$shape"
    printf '\n%s file: %s rows, %s columns, %s MB\n' "$shape" "$rows" \
        "$(head -n 1 "$csv" | tr ',' '\n' | wc -l)" "$(($(stat -c %s "$csv") / 1000000))"
    : >"$work/shell-$shape.txt"
    : >"$work/hlpb-$shape.txt"
    for _ in $(seq "$runs"); do
        shell_run "$csv" >>"$work/shell-$shape.txt"
        hlpb_run "$csv" >>"$work/hlpb-$shape.txt"
    done
    echo "sqlite3 .import runs (s KB):"
    sed 's/^/  /' "$work/shell-$shape.txt"
    echo "hlpb member import runs (s KB):"
    sed 's/^/  /' "$work/hlpb-$shape.txt"
    shell=$(cut -d' ' -f1 "$work/shell-$shape.txt" | median)
    ours=$(cut -d' ' -f1 "$work/hlpb-$shape.txt" | median)
    shell_min=$(cut -d' ' -f1 "$work/shell-$shape.txt" | minimum)
    ours_min=$(cut -d' ' -f1 "$work/hlpb-$shape.txt" | minimum)
    summary+=("$(awk -v n="$shape" -v s="$shell" -v o="$ours" -v sm="$shell_min" -v om="$ours_min" \
        'BEGIN { printf "import, %-6s: sqlite3 %.2f s, hlpb %.2f s, ratio %.2f of medians " \
            "(fastest: %.2f / %.2f s, %.2f; bar: 1.5)", n, s, o, o / s, sm, om, om / sm }')")
done
printf '\n'
printf '%s\n' "${summary[@]}"

# Peak RSS and the queries: on the first shape's file.
shape=${shapes%% *}
csv="$work/members-$shape-$rows.csv"
quarter="$work/members-$shape-quarter.csv"
[ -f "$quarter" ] || head -n $((rows / 4 + 1)) "$csv" >"$quarter"
rss=$(cut -d' ' -f2 "$work/hlpb-$shape.txt" | median)
rss_quarter=$(hlpb_run "$quarter" | cut -d' ' -f2)
awk -v a="$rss_quarter" -v b="$rss" -v r="$rows" -v n="$shape" 'BEGIN {
    printf "peak RSS (%s): %d MB at %d rows, %d MB at %d rows (bar: < 100 MB, flat)\n",
        n, a / 1024, r / 4, b / 1024, r }'

# Queries on the loaded database (the last hlpb_run loaded the quarter file: reload the full one).
hlpb_run "$csv" >/dev/null
header=$(head -n 1 "$csv")
org_column=$(tr ',' '\n' <<<"$header" | grep -n '^org$' | cut -d: -f1)
id=$(sed -n '2p' "$csv" | cut -d, -f1)
org=$(sed -n '2p' "$csv" | cut -d, -f"$org_column")
if command -v hyperfine >/dev/null; then
    timer="hyperfine"
else
    timer="python3 (hyperfine is not installed: apt-get install hyperfine)"
fi
echo "query times by $timer, whole process, median of 21 runs after 3 untimed:"
query() { # LABEL ARGS...
    local label=$1
    shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs 21 --export-json "$work/q.json" \
            "$hlpb --db $work/t.db $*" >/dev/null 2>&1
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("%s: %.1f ms median (min %.1f; bar: 20 ms)" % (sys.argv[2], r["median"]*1000, r["min"]*1000))' \
            "$work/q.json" "$label"
    else
        python3 - "$label" "$hlpb" --db "$work/t.db" "$@" <<'PY'
import statistics, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
times = []
for i in range(24):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    if i >= 3:
        times.append(time.perf_counter() - start)
print("%s: %.1f ms median (min %.1f; bar: 20 ms)" % (label, statistics.median(times) * 1000,
                                                     min(times) * 1000))
PY
    fi
}
query "member show ID" member show "$id"
query "member list --org $org" member list --org "$org"
