// OpenBLAS's CBLAS (including openblas_set_num_threads) and the LAPACKE C interface.
#include <cblas.h>
#include <lapacke.h>
