#!/usr/bin/env bash
# Benchmark: `hlpb score import` of N score rows (CSV) against the sqlite3 shell's `.import` of
# the same file into a bare table (WAL, synchronous=NORMAL), alternating runs, medians; then
# whole-process times of `score rank --month M` on the loaded database. Prints ratios; not a
# timed test.
#
# usage: bench/score_import.sh [BUILD_DIR] [ROWS] [RUNS] [SCALE]
#   BUILD_DIR  a Release build of hlpb (default: build-rel; made if missing)
#   ROWS       score rows in the file (default 1000000)
#   RUNS       alternating runs of each side (default 5)
#   SCALE      `db demo --scale` of the district whose orgs the rows name (default 100: 64,100)
# Needs: sqlite3, python3, GNU time (/usr/bin/time). Scratch files go to $BENCH_DIR (kept
# between runs: the district and the CSV are made once) or a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
rows=${2:-1000000}
runs=${3:-5}
scale=${4:-100}
. bench/common.sh
bench_need sqlite3 python3 /usr/bin/time
bench_build "$build"
bench_workdir

# The district of `db demo --scale N` without its scores and flags (the months the file fills
# must be open and empty: the import then inserts every row).
base="$work/district-$scale.db"
if [ ! -f "$base" ]; then
    rm -f "$work/tmp.db" "$work/tmp.db-wal" "$work/tmp.db-shm"
    "$hlpb" -q --db "$work/tmp.db" db demo --scale "$scale"
    sqlite3 "$work/tmp.db" "DELETE FROM flag_award; DELETE FROM score_month;
        DELETE FROM score_entry; VACUUM;"
    mv "$work/tmp.db" "$base"
    rm -f "$work/tmp.db-wal" "$work/tmp.db-shm"
fi

# Rows: every org × the five categories × as many months from 2026-01 on as N needs, the orgs
# shuffled within each month (as a sheet sorted by another column would have them).
csv="$work/scores-$scale-$rows.csv"
if [ ! -f "$csv" ]; then
    sqlite3 "$base" "SELECT code FROM org ORDER BY code" >"$work/orgs.txt"
    python3 - "$work/orgs.txt" "$rows" "$csv" <<'PY'
import random, sys
orgs = open(sys.argv[1]).read().split()
rows, out = int(sys.argv[2]), open(sys.argv[3], "w", encoding="utf-8", newline="")
rng = random.Random(8)
cats = [("party_affairs", 0, 10), ("activity", 0, 10), ("suggestion", 0, 5), ("bonus", 0, 5),
        ("penalty", -5, 0)]
reasons = ["", "组织生活会", "主题党日", "志愿服务", "书记例会"]
out.write("org,month,category,points,reason\r\n")
n, month = 0, 0
while n < rows:
    m = "2026-%02d" % (month % 12 + 1) if month < 12 else "2027-%02d" % (month % 12 + 1)
    order = orgs[:]
    rng.shuffle(order)
    for org in order:
        for cat, lo, hi in cats:
            if n == rows:
                break
            out.write("%s,%s,%s,%d,%s\r\n" % (org, m, cat, rng.randint(lo, hi), rng.choice(reasons)))
            n += 1
    month += 1
PY
fi
printf 'file: %s rows, %s MB\n' "$rows" "$(($(stat -c %s "$csv") / 1000000))"

shell_run() {
    rm -f "$work/bare.db" "$work/bare.db-wal" "$work/bare.db-shm"
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" sqlite3 "$work/bare.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE bare(org, month, category, points, reason);
.import --csv --skip 1 $csv bare
SQL
    cat "$work/time"
}
hlpb_run() {
    rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
    cp "$base" "$work/t.db"
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$hlpb" -q --db "$work/t.db" score import "$csv"
    cat "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$work/shell.txt"
: >"$work/hlpb.txt"
for _ in $(seq "$runs"); do
    shell_run >>"$work/shell.txt"
    hlpb_run >>"$work/hlpb.txt"
done
echo "sqlite3 .import runs (wall s, KB, user s, sys s):"
sed 's/^/  /' "$work/shell.txt"
echo "hlpb score import runs (wall s, KB, user s, sys s):"
sed 's/^/  /' "$work/hlpb.txt"
shell=$(cut -d' ' -f1 "$work/shell.txt" | median)
ours=$(cut -d' ' -f1 "$work/hlpb.txt" | median)
shell_cpu=$(awk '{print $3 + $4}' "$work/shell.txt" | median)
ours_cpu=$(awk '{print $3 + $4}' "$work/hlpb.txt" | median)
awk -v s="$shell" -v o="$ours" -v r="$rows" -v sc="$shell_cpu" -v oc="$ours_cpu" 'BEGIN {
    printf "score import, %d rows: sqlite3 %.2f s, hlpb %.2f s, ratio %.2f of medians (bar: 1.5)\n",
        r, s, o, o / s
    printf "  CPU (user + sys): sqlite3 %.2f s, hlpb %.2f s, ratio %.2f of medians\n",
        sc, oc, oc / sc }'

# The upsert path: imports into a district with a year of entries (`db demo --scale N`, its
# months reopened: flags and closed months deleted), RUNS runs each, medians:
#   - a corrected month: that year's entries of 2026-04 exported, shuffled, 5 % of the points
#     changed (an officer re-importing a month, the common case);
#   - the ROWS-row file above (2026-01 onwards: its rows are new keys among the year's).
year="$work/year-$scale.db"
if [ ! -f "$year" ]; then
    rm -f "$work/tmp.db" "$work/tmp.db-wal" "$work/tmp.db-shm"
    "$hlpb" -q --db "$work/tmp.db" db demo --scale "$scale"
    sqlite3 "$work/tmp.db" "DELETE FROM flag_award; DELETE FROM score_month; VACUUM;"
    mv "$work/tmp.db" "$year"
    rm -f "$work/tmp.db-wal" "$work/tmp.db-shm"
fi
fixed="$work/month-fixed-$scale.csv"
if [ ! -f "$fixed" ]; then
    "$hlpb" -q --db "$year" score export --month 2026-04 --out "$work/month.csv"
    python3 - "$work/month.csv" "$fixed" <<'PY'
import csv, random, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head, body = rows[0], rows[1:]
rng = random.Random(3)
rng.shuffle(body)
for r in body:
    if rng.random() < 0.05:
        p = int(r[3])
        r[3] = str(p - 1 if r[2] == "penalty" else p + 1)
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\r\n")
w.writerow(head)
w.writerows(body)
PY
fi
upsert_run() {
    rm -f "$work/u.db" "$work/u.db-wal" "$work/u.db-shm"
    cp "$year" "$work/u.db"
    sync
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$hlpb" --db "$work/u.db" score import "$1" \
        2>"$work/summary"
    echo "$(cat "$work/time") $(tail -1 "$work/summary" | sed "s,^.*/,,")"
}
for file in "$fixed" "$csv"; do
    : >"$work/upsert.txt"
    for _ in $(seq "$runs"); do
        upsert_run "$file" >>"$work/upsert.txt"
    done
    echo "upsert, $(basename "$file") into a year of entries (wall s, KB, user s, sys s, summary):"
    sed 's/^/  /' "$work/upsert.txt"
    printf '  median: wall %s s, CPU %s s\n' "$(cut -d' ' -f1 "$work/upsert.txt" | median)" \
        "$(awk '{print $3 + $4}' "$work/upsert.txt" | median)"
done

# score rank on the loaded database (the last hlpb_run left it), whole process, 5 runs.
for month in 2026-01 2026-04; do
    times=()
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f '%e' -o "$work/time" "$hlpb" -q --db "$work/t.db" --format csv \
            score rank --month "$month" >/dev/null
        times+=("$(cat "$work/time")")
    done
    printf 'score rank --month %s: median %s s (runs: %s; bar: 1 s)\n' "$month" \
        "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
done
