# Shared by the process-level tests: a temp dir kept on failure, the test environment of the CLI
# cases, a big generated org file, and small helpers. Sourced with the binary as $1.
set -uo pipefail
if [ $# != 1 ]; then
    echo "usage: $0 BINARY" >&2
    exit 2
fi
HLPB=$(realpath -- "$1")
export HLPB HLPB_TODAY=2026-11-28 HLPB_DB=./test.db NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
hlpb() { "$HLPB" "$@"; }
command -v sqlite3 >/dev/null || {
    echo "$0: needs the sqlite3 shell (apt-get install sqlite3)" >&2
    exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/hlpb-proc.XXXXXX")
export XDG_DATA_HOME=$work/.xdg
cd "$work" || exit 1

fail() {
    echo "FAIL: $*"
    echo "kept: $work"
    exit 1
}
pass() {
    cd / && rm -rf "$work"
    echo "1 passed, 0 failed"
    exit 0
}

# org CSV of $1 rows (codes P000001…) for committee HL.
big_org_csv() {
    awk -v n="$1" 'BEGIN {
        print "code,name,type,committee,venue_m2"
        for (i = 1; i <= n; i++) printf "P%06d,湖里第%d党支部,enterprise,HL,%d\n", i, i, i % 300
    }'
}
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# True while some process holds the write lock of ./test.db (probe with no busy wait).
write_locked() { ! sqlite3 test.db 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; }

# Waits (up to 120 s) until process $1 holds the write lock: it is inside its transaction.
# Fails when the process ends first.
wait_for_write_lock() {
    local i
    for i in $(seq 12000); do
        kill -0 "$1" 2>/dev/null || return 1
        write_locked && return 0
        sleep 0.01
    done
    return 1
}
