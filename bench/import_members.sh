#!/usr/bin/env bash
# Benchmark: importing N members from CSV against the sqlite3 shell's `.import` of the same file
# into a bare table (WAL, synchronous=NORMAL), alternating runs, medians; peak RSS at N/4 and N
# rows (flat in file size?); and whole-process times of `member show ID` and
# `member list --org X` on the loaded database. Prints ratios; not a timed test.
#
# usage: bench/import_members.sh [BUILD_DIR] [ROWS] [RUNS]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   ROWS       members in the file (default 1000000)
#   RUNS       alternating runs of each side (default 7)
# Needs: sqlite3, python3, GNU time (/usr/bin/time), hyperfine. Scratch files go to $BENCH_DIR or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
rows=${2:-1000000}
runs=${3:-7}
if [ ! -x "$build/hlpb" ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DHLPB_TESTS=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" >/dev/null
fi
hlpb=$(realpath "$build/hlpb")
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
export HLPB_TODAY=2026-11-28 NO_COLOR=1
echo "work dir: $work"

# Orgs of a scale-100 district (64,100), without its members: the demo builds them, then the
# member tables are dropped and the schema version set back so that hlpb recreates them empty.
if [ ! -f "$work/orgs.db" ]; then
    "$hlpb" -q --db "$work/base.db" db demo --scale 100
    sqlite3 "$work/base.db" "DROP TABLE mentor; DROP TABLE member_honor; DROP TABLE member_points;
        DROP TABLE member_role_history; DROP TABLE member_org_history; DROP TABLE member;
        PRAGMA user_version = 1; VACUUM;"
    mv "$work/base.db" "$work/orgs.db"
    rm -f "$work/base.db-wal" "$work/base.db-shm"
    "$hlpb" -q --db "$work/orgs.db" db check >/dev/null
fi
csv="$work/members-$rows.csv"
[ -f "$csv" ] || python3 bench/gen_members.py "$work/orgs.db" "$rows" "$csv"
quarter="$work/members-quarter.csv"
[ -f "$quarter" ] || head -n $((rows / 4 + 1)) "$csv" >"$quarter"
printf 'file: %s rows, %s MB\n' "$rows" "$(($(stat -c %s "$csv") / 1000000))"

columns=$(head -n 1 "$csv")
# Each run starts with no dirty pages of the one before being written back (sync, untimed):
# the kernel's writeback would otherwise compete for the 2 cores during the next run.
shell_run() {
    rm -f "$work/bare.db" "$work/bare.db-wal" "$work/bare.db-shm"
    sync
    /usr/bin/time -f '%e %M' -o "$work/time" sqlite3 "$work/bare.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE bare($columns);
.import --csv --skip 1 $csv bare
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

: >"$work/shell.txt"
: >"$work/hlpb.txt"
for i in $(seq "$runs"); do
    shell_run >>"$work/shell.txt"
    hlpb_run "$csv" >>"$work/hlpb.txt"
done
shell=$(cut -d' ' -f1 "$work/shell.txt" | median)
ours=$(cut -d' ' -f1 "$work/hlpb.txt" | median)
rss=$(cut -d' ' -f2 "$work/hlpb.txt" | median)
rss_quarter=$(hlpb_run "$quarter" | cut -d' ' -f2)
echo "sqlite3 .import runs (s KB):"; sed 's/^/  /' "$work/shell.txt"
echo "hlpb member import runs (s KB):"; sed 's/^/  /' "$work/hlpb.txt"
awk -v s="$shell" -v o="$ours" 'BEGIN { printf "import: sqlite3 %.2f s, hlpb %.2f s, ratio %.2f (bar: 1.5)\n", s, o, o / s }'
awk -v a="$rss_quarter" -v b="$rss" -v r="$rows" 'BEGIN {
    printf "peak RSS: %d MB at %d rows, %d MB at %d rows (bar: < 100 MB, flat)\n", a / 1024, r / 4, b / 1024, r }'

# Queries on the loaded database (the last hlpb_run loaded the quarter file: reload the full one).
hlpb_run "$csv" >/dev/null
id=$(sed -n '2p' "$csv" | cut -d, -f1)
org=$(sed -n '2p' "$csv" | cut -d, -f10)
query() { # LABEL ARGS...  (hyperfine: median of 21 runs, whole process)
    local label=$1
    shift
    hyperfine -N --warmup 3 --runs 21 --export-json "$work/q.json" \
        "$hlpb --db $work/t.db $*" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("%s: %.1f ms median (min %.1f; bar: 20 ms)" % (sys.argv[2], r["median"]*1000, r["min"]*1000))' \
        "$work/q.json" "$label"
}
query "member show ID" member show "$id"
query "member list --org $org" member list --org "$org"
