#!/usr/bin/env bash
# Data-parallel scaling over Open MPI (issue 16): W3 ([784, 1024, 1024, 10], SGD, batch 256)
# and W2 ([784, 128, 64, 10], SGD, batch 64), one epoch of 60,000 random float32 examples
# (../shared/bench's workloads), on 1 process and on 2 processes (mpirun -np 2), one thread
# each (--threads 1, processes bound to cores), float32. One process runs twice: as
# `backprop train` runs by default (the file loaded) and with --stream (read a few blocks at a
# time, as each of several ranks reads its share). Prints the median of RUNS runs of
# iterations per second, the speed-ups against both, the time rank 0 spends in MPI_Allreduce
# per step and the bytes summed per step; the ceiling (two independent one-process runs at
# once, each on half the batch and streamed as ranks are: 2 ranks whose sum took no time); then
# a ring-allreduce model of 8, 64 and 512 ranks on 25 Gb/s links. The four kinds of run take
# turns.
#
#   Benchmarks/mpi-scaling.sh [RUNS]      (default 3; needs Open MPI and Python with NumPy)
#
# The data file (188 MB) is written to a temporary folder and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
swift build -c release --traits MPI --product backprop 2>&1 | tail -n 1
bin="$(swift build -c release --traits MPI --show-bin-path)/backprop"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -c "
import numpy as np
r = np.random.default_rng(0)
np.save('$work/w_x.npy', r.random((60000, 784), dtype=np.float32))
np.save('$work/w_y.npy', r.integers(0, 10, 60000).astype(np.int64))"

# One run: "<iterations/s> <allreduce ms per step> <MB per step>".
measure() {
  local ranks="$1"; shift
  local out
  if [ "$ranks" = 1 ]; then out=$("$bin" train "$@"); elif [ "$ranks" = 1s ]; then out=$("$bin" train "$@" --stream); else
    out=$(mpirun --allow-run-as-root --oversubscribe --bind-to core -np "$ranks" "$bin" train "$@"); fi
  local rate ms mb
  rate=$(echo "$out" | sed -nE 's/^Trained .* \(([0-9.]+) iterations\/s\)/\1/p')
  ms=$(echo "$out" | sed -nE 's/.* spent ([0-9.]+) ms per step.*/\1/p')
  mb=$(echo "$out" | sed -nE 's/.*\(([0-9.]+) MB summed per step\).*/\1/p')
  echo "$rate ${ms:-0} ${mb:-0}"
}
# The ceiling: two independent one-process runs at once, each with half the batch, one per core,
# reading their examples as ranks do (--stream): what 2 ranks would reach if summing the
# gradients took no time. The slower one's iterations/s.
ceiling() {
  local batch="$1"; shift
  taskset -c 0 "$bin" train "$@" --batch-size $((batch / 2)) --stream >"$work/c0.out" &
  taskset -c 1 "$bin" train "$@" --batch-size $((batch / 2)) --stream >"$work/c1.out"
  wait
  sed -nE 's/^Trained .* \(([0-9.]+) iterations\/s\)/\1/p' "$work/c0.out" "$work/c1.out" | sort -g | head -n 1
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf "%-4s %-9s %-8s %-12s %-9s %-22s %-12s\n" run ranks threads precision "steps/s" "allreduce ms/step" "MB/step"
results=""
for workload in W3 W2; do
  case "$workload" in
    W3) layers=784,1024,1024,10; batch=256 ;;
    W2) layers=784,128,64,10; batch=64 ;;
  esac
  args=(--data "$work/w_x.npy" --y "$work/w_y.npy" --layers "$layers" --optimizer gd --learning-rate 0.1 --epochs 1 --threads 1
        --dtype float32 --no-plot --no-save --print-every 1000000)
  declare -A rates=() mss=()
  mb=0
  # The four kinds of run take turns, so that the machine's slow and fast spells fall on all of them.
  for _ in $(seq "$runs"); do
    for ranks in 1 1s 2; do
      read -r rate ms mb2 < <(measure "$ranks" "${args[@]}" --batch-size "$batch")
      rates[$ranks]+="$rate"$'\n'; mss[$ranks]+="$ms"$'\n'
      [ "$ranks" = 2 ] && mb=$mb2
    done
    rates[ceiling]+="$(ceiling "$batch" "${args[@]}")"$'\n'
  done
  for ranks in 1 1s 2 ceiling; do
    rate=$(printf "%s" "${rates[$ranks]}" | median)
    ms=$( [ "$ranks" = 2 ] && printf "%s" "${mss[2]}" | median || echo 0)
    printf "%-4s %-9s %-8s %-12s %-9s %-22s %-12s\n" "$workload" "${ranks/1s/1 stream}" 1 float32 "$rate" "$ms" "$( [ "$ranks" = 2 ] && echo "$mb" || echo 0)"
    results+="$workload $ranks $rate $ms $mb"$'\n'
  done
  unset rates mss
done

python3 - "$results" <<'PY'
import sys
rows = {}
for line in sys.argv[1].strip().splitlines():
    workload, ranks, rate, ms, mb = line.split()
    rows[(workload, int(ranks) if ranks.isdigit() else ranks)] = (float(rate), float(ms), float(mb))
print()
for workload in ("W3", "W2"):
    one, streamed, two, top = (rows[(workload, k)] for k in (1, "1s", 2, "ceiling"))
    print(f"{workload}: 2 ranks / 1 process = {two[0] / one[0]:.2f}x the steps per second (median of the runs; the same global batch),"
          f" {two[0] / streamed[0]:.2f}x against 1 process streamed;"
          f" ceiling {top[0] / one[0]:.2f}x / {top[0] / streamed[0]:.2f}x (two independent half-batch runs at once: summing in no time)")
# Ring allreduce of S bytes over N ranks: 2(N-1) messages of S/N bytes per rank, so a step costs
# 2(N-1)*alpha + 2(N-1)/N * S / beta with latency alpha and link bandwidth beta, not overlapped
# with computing. Weak scaling: every rank keeps W3's batch of 256, so a step's compute is the
# measured one-rank step and the global batch is 256 N.
step = 1 / rows[("W3", 1)][0]
size = rows[("W3", 2)][2] * 1e6
beta, alpha = 25e9 / 8, 10e-6
print(f"\nModel (W3, {size / 1e6:.2f} MB of gradients per step, measured step {step * 1e3:.1f} ms on one rank,"
      f" 25 Gb/s links, {alpha * 1e6:.0f} us per message, no overlap):")
print(f"{'ranks':>6} {'MB sent per rank':>17} {'allreduce ms':>13} {'step ms':>8} {'speed-up':>9} {'efficiency':>11}")
for n in (8, 64, 512):
    sent = 2 * (n - 1) / n * size
    reduce = 2 * (n - 1) * alpha + sent / beta
    speedup = n * step / (step + reduce)
    print(f"{n:>6} {sent / 1e6:>17.2f} {reduce * 1e3:>13.2f} {(step + reduce) * 1e3:>8.1f} {speedup:>9.1f} {speedup / n:>11.0%}")
PY
