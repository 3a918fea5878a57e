#!/usr/bin/env bash
# What the end of a W3 step (summing 7.45 MB of float32 gradients, then the SGD update) costs on
# N processes of this host, three ways: as `backprop train` does it under mpirun (one
# MPI_Allreduce per gradient buffer, then every rank's update of all of W); sharded
# (MPI_Reduce_scatter, each rank updating 1/N of W, MPI_Allgatherv); and with W and the gradients
# in one MPI-3 shared window (each rank updating 1/N of the one W from every rank's gradients).
# A model of the step's end, outside training: see MPISumDesigns/main.swift. Exits 1 when the
# three designs do not end with the same W.
#
#   Benchmarks/mpi-sum-designs.sh [RANKS] [REPETITIONS]     (default 2 and 300; needs Open MPI)
set -euo pipefail
cd "$(dirname "$0")"
ranks="${1:-2}"
repetitions="${2:-300}"
for value in "$ranks" "$repetitions"; do
  [[ "$value" =~ ^[1-9][0-9]{0,5}$ ]] || { echo "error: RANKS and REPETITIONS are whole numbers from 1 (got '$value')" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
include=()
for flag in $(pkg-config --cflags-only-I ompi-c); do include+=(-Xcc "$flag"); done
swiftc -O -I ../Sources/COpenMPI -I MPISumDesigns "${include[@]}" $(pkg-config --libs-only-L ompi-c) MPISumDesigns/main.swift -o "$work/sum-designs"
# One process per core where there are enough cores (as Benchmarks/mpi-scaling.sh runs).
binding=core
[ "$ranks" -le "$(getconf _NPROCESSORS_ONLN)" ] || binding=none
mpirun --allow-run-as-root --oversubscribe --bind-to "$binding" -np "$ranks" "$work/sum-designs" "$repetitions"
