// The two handles of Open MPI that the sum-designs model's shared window needs beyond
// Backprop's COpenMPI shim (C macros that Swift cannot import).
#ifndef BACKPROP_MPI_SUM_DESIGNS_SHIM_H
#define BACKPROP_MPI_SUM_DESIGNS_SHIM_H

#include <mpi.h>

static inline MPI_Info bench_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline int bench_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }

#endif
