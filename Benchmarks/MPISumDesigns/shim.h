// Open MPI's handles for the sum-designs benchmark (Benchmarks/mpi-sum-designs.sh): C macros
// that Swift cannot import, returned by inline functions.
#ifndef BACKPROP_MPI_SUM_DESIGNS_SHIM_H
#define BACKPROP_MPI_SUM_DESIGNS_SHIM_H

#include <mpi.h>

static inline MPI_Comm bench_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype bench_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Op bench_mpi_sum(void) { return MPI_SUM; }
static inline void *bench_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Info bench_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline int bench_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }

#endif
