# Shared set-up of the bench scripts (sourced from the repository's root):
#   bench_need TOOL...      exits with a message when a tool is missing
#   bench_build BUILD_DIR   makes a Release build there when it has no hlpb; sets $hlpb
#   bench_workdir           sets $work to $BENCH_DIR (kept between runs) or a new temp dir
# and the environment every run uses (a fixed today, no colour).
export HLPB_TODAY=2026-11-28 NO_COLOR=1

bench_need() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "bench: $tool is missing (apt-get install sqlite3 python3 time)" >&2
            exit 1
        fi
    done
}

bench_build() {
    if [ ! -x "$1/hlpb" ]; then
        cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=Release -DHLPB_TESTS=OFF >/dev/null
        cmake --build "$1" -j"$(nproc)" >/dev/null
    fi
    hlpb=$(realpath "$1/hlpb")
}

bench_workdir() {
    work=${BENCH_DIR:-$(mktemp -d)}
    mkdir -p "$work"
    echo "work dir: $work"
}

# The median wall time, in seconds, of $runs runs (set by the script) of a command (output discarded).
median() { # COMMAND...
    python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
times.sort()
print(f"{times[len(times) // 2]:.4f}")
PY
}
