#!/usr/bin/env bash
# Runs the libFuzzer harnesses of Backprop's parsers (see README.md).
#
#   Fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS: how long each target runs (default 180). TARGET: FuzzHDF5, FuzzInflate, FuzzZip,
# FuzzSafeTensors, FuzzNpy, FuzzCSV, FuzzIDX, FuzzPNG, FuzzJPEG, FuzzModelFile, FuzzLZF,
# FuzzScaleOffset, FuzzNBit, FuzzTrainCommand, FuzzInferenceCommand (default: all).
#
# Builds the harnesses in release mode with AddressSanitizer and libFuzzer (niced), seeds each
# corpus from the test fixtures (copied at run time into Fuzz/.work/corpus/<target>), runs the
# targets one after another, copies every crash, timeout, OOM or leak input into
# Fuzz/Regressions/<target>/ (replayed by the FuzzRegressionTests of the test suite) and prints
# one line per target: executions, executions per second, coverage (cov: edges, ft: features),
# corpus size and findings. Exit status 1 when this run found anything.
#
# Environment: FUZZ_JOBS (parallel targets, default 1), FUZZ_NICE (default 19), FUZZ_RSS_MB
# (memory limit per input, default 2048), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_NO_BUILD=1 (reuse the built harnesses), FUZZ_FORK=0 (one process instead of fork mode: about
# twice as many executions for the command harnesses, whose fork jobs restart often, but the run
# stops at its first finding), FUZZ_MAX_LEN (largest input in bytes; default
# 16384 for FuzzHDF5, whose seeds are a few KB, and libFuzzer's choice from the corpus for the
# others).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
tests="$here/../Tests"
seconds="${1:-180}"
shift || true
all=(FuzzHDF5 FuzzInflate FuzzZip FuzzSafeTensors FuzzNpy FuzzCSV FuzzIDX FuzzPNG FuzzJPEG FuzzModelFile FuzzLZF FuzzScaleOffset FuzzNBit FuzzTrainCommand FuzzInferenceCommand)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for target in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $target "* ]] || { echo "unknown target $target (known: ${all[*]})" >&2; exit 2; }
done
nice_level="${FUZZ_NICE:-19}"
rss_mb="${FUZZ_RSS_MB:-2048}"
timeout_s="${FUZZ_TIMEOUT:-10}"
jobs="${FUZZ_JOBS:-1}"
work="$here/.work"
# Crashes are reported by libFuzzer and AddressSanitizer; Swift's own backtracer would get in
# their way (and slow every crash down).
export SWIFT_BACKTRACE=enable=no
# Leak reports at exit are off: -detect_leaks=0 does not reach fork mode's child processes, and the
# command harnesses' worker threads and task-local storage live until exit (reported as leaks).
# No allocation stacks (malloc_context_size=0) and a small quarantine: recording a stack for every
# allocation took a third of the command harnesses' time; a finding still stops at the faulting
# access, and its input replays with full reports (ASAN_OPTIONS=malloc_context_size=30).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=0:quarantine_size_mb=16}"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    echo "building the harnesses (release, -sanitize=fuzzer,address)..." >&2
    (cd "$here" && nice -n "$nice_level" swift build -c release -j 1 \
        -Xswiftc -sanitize=fuzzer,address >&2)
fi
bin="$(cd "$here" && swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

# The fixtures that seed each target (find expressions under Tests/).
seeds() {
    case "$1" in
        # Small files with the same structures as the test fixtures (Seeds/make_hdf5_seeds.py):
        # the fixtures are up to 110 KB and run 25 times slower.
        FuzzHDF5) find -L "$here/Seeds/FuzzHDF5" -name '*.h5' ;;
        # Data files (and models) behind a selector byte, written by Seeds/make_command_seeds.py.
        FuzzTrainCommand|FuzzInferenceCommand) find -L "$here/Seeds/$1" -type f ;;
        # HDF5 filter chunks of the filter fixtures behind their parameter bytes (Seeds/make_filter_seeds.py).
        FuzzLZF|FuzzScaleOffset|FuzzNBit) find -L "$here/Seeds/$1" -type f ;;
        FuzzInflate) find -L "$tests" \( -name '*.deflate' -o -name '*.zlib' -o -name '*.gz' \) ;;
        FuzzZip) find -L "$tests" \( -name '*.zip' -o -name '*.npz' \) ;;
        FuzzSafeTensors|FuzzModelFile) find -L "$tests" -name '*.safetensors' ;;
        FuzzNpy) find -L "$tests" -name '*.npy' ;;
        FuzzCSV) find -L "$tests" -name '*.csv' ;;
        FuzzIDX) find -L "$tests" -name '*-ubyte' ;;
        FuzzPNG) find -L "$tests" -name '*.png' ;;
        FuzzJPEG) find -L "$tests" \( -name '*.jpg' -o -name '*.jpeg' \) ;;
        *) echo "unknown target $1 (known: ${all[*]})" >&2; exit 2 ;;
    esac
}

run_target() {
    local target="$1" corpus="$work/corpus/$1" artifacts="$work/artifacts/$1" log="$work/logs/$1.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")" "$here/Regressions/$target"
    # Fixtures keep their folder in the name (two folders may hold the same file name).
    seeds "$target" | while read -r file; do
        cp -n "$file" "$corpus/$(basename "$(dirname "$file")")-$(basename "$file")" 2>/dev/null || true
    done
    # Earlier findings seed the corpus too, so fixed bugs stay covered.
    cp -n "$here/Regressions/$target/"* "$corpus/" 2>/dev/null || true
    # -fork keeps fuzzing after a finding (crashes, timeouts and OOMs all count); each one is
    # written to $artifacts. FUZZ_FORK=0 runs in one process, which stops at a finding.
    local mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    [ "${FUZZ_FORK:-1}" = 0 ] && mode=()
    local max_len=()
    if [ -n "${FUZZ_MAX_LEN:-}" ]; then max_len=(-max_len="$FUZZ_MAX_LEN")
    elif [ "$target" = FuzzHDF5 ]; then max_len=(-max_len=16384); fi
    local dictionary=()
    [ -f "$here/Dictionaries/$target.dict" ] && dictionary=(-dict="$here/Dictionaries/$target.dict")
    nice -n "$nice_level" "$bin/$target" "$corpus" ${dictionary[@]+"${dictionary[@]}"} ${max_len[@]+"${max_len[@]}"} -max_total_time="$seconds" -rss_limit_mb="$rss_mb" \
        -malloc_limit_mb="$rss_mb" -timeout="$timeout_s" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        ${mode[@]+"${mode[@]}"} -detect_leaks=0 >"$log" 2>&1 || true
    local found=0 unconfirmed=0
    for file in "$artifacts"/*; do
        [ -e "$file" ] || continue
        # A timeout or slow input is kept only if it is slow again when replayed alone: a
        # fuzzer that was paused or starved by other work reports inputs that are not slow.
        case "$(basename "$file")" in
            timeout-*|slow-unit-*)
                if timeout "$timeout_s" "$bin/$target" "$file" >/dev/null 2>&1; then
                    unconfirmed=$((unconfirmed + 1))
                    continue
                fi ;;
        esac
        cp "$file" "$here/Regressions/$target/" && found=$((found + 1))
    done
    [ "$unconfirmed" -gt 0 ] && echo "$target: $unconfirmed timeout/slow report(s) ran in under ${timeout_s} s when replayed alone; not kept" >&2
    rm -f "$artifacts"/*
    echo "$found" >"$work/logs/$target.found"
    # Fork mode prints "#N: cov: C ft: F corp: K exec/s: E oom/timeout/crash: a/b/c time: Ts job: J dft_time: D";
    # one process prints "#N <event> cov: C ft: F corp: K/S …" and, at the end, the stat:: lines.
    local last execs cov ft corp rate elapsed
    last="$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)"
    if [ "${FUZZ_FORK:-1}" = 0 ]; then
        last="$(grep -E '^#[0-9]+[[:space:]]+[A-Z]+ +cov:' "$log" | tail -1 | sed -E 's/^#([0-9]+)[[:space:]]+[A-Z]+ +/#\1: /; s/corp: ([0-9]+)\/[^ ]*/corp: \1/' || true)"
        local units seconds_run
        units="$(sed -nE 's/^stat::number_of_executed_units: ([0-9]+)/\1/p' "$log" | tail -1)"
        seconds_run="$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$log" | tail -1)"
        # An interrupted run prints no "Done" line; its average rate gives the time.
        if [ -z "$seconds_run" ] && [ -n "$units" ]; then
            local average
            average="$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)"
            [ "${average:-0}" -gt 0 ] && seconds_run=$((units / average))
        fi
        [ -n "$units" ] && last="$(sed -E "s/^#[0-9]+:/#$units:/" <<<"$last") time: ${seconds_run:-0}s oom/timeout/crash: $(ls "$artifacts" | wc -l)"
    fi
    execs="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")"
    cov="$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$last")"
    ft="$(sed -E 's/.* ft: ([0-9]+).*/\1/' <<<"$last")"
    corp="$(sed -E 's/.* corp: ([0-9]+).*/\1/' <<<"$last")"
    elapsed="$(sed -E 's/.* time: ([0-9]+)s.*/\1/' <<<"$last")"
    [ -n "$execs" ] && [ "${elapsed:-0}" -gt 0 ] && rate=$((execs / elapsed))
    local kinds
    kinds="$(sed -E 's/.* oom\/timeout\/crash: ([0-9\/]+).*/\1/' <<<"$last")"
    printf '%-16s %12s %9s %7s %7s %7s %11s %8s\n' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${kinds:-?}" "$found"
}

printf '%-16s %12s %9s %7s %7s %7s %11s %8s\n' target executions exec/s cov ft corpus oom/to/crash kept
export -f run_target seeds
export here tests seconds nice_level rss_mb timeout_s work bin
status=0
if [ "$jobs" -gt 1 ]; then
    printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target {}'
else
    for target in "${targets[@]}"; do run_target "$target"; done
fi
for target in "${targets[@]}"; do
    if [ "$(cat "$work/logs/$target.found" 2>/dev/null || echo 0)" != 0 ]; then status=1; fi
done
echo "logs: $work/logs; kept inputs: $here/Regressions/<target>/ (replayed by swift test --filter FuzzRegression)" >&2
exit $status
