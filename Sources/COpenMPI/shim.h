// Open MPI for Swift (the MPI package trait only). MPI's handles are C macros
// (MPI_COMM_WORLD is `(MPI_Comm)&ompi_mpi_comm_world`) that Swift cannot import; these inline
// functions return them.
#ifndef BACKPROP_COPENMPI_SHIM_H
#define BACKPROP_COPENMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm backprop_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype backprop_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype backprop_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Op backprop_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Errhandler backprop_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline void *backprop_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline int backprop_mpi_success(void) { return MPI_SUCCESS; }
static inline int backprop_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int backprop_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }

#endif
