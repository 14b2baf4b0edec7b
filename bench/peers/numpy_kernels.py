"""NumPy/SciPy peer for bench/kernels.bench.ts: the same kernels on one BLAS thread, ns per multiply-add.

argv: n_dense, n_basis, m_basis, grid. Prints one JSON object:
{ "dense": ns per multiply-add of A @ x (n_dense²),
  "csr": ns per stored entry of a CSR product (the grid Laplacian, 5-point, grid²),
  "cgs": ns per multiply-add of one Gram–Schmidt pass h = V @ w, w -= V.T @ h (2·m·n) }
Timings do not depend on the values: random data, median of repeats.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

n_dense, n_basis, m_basis, grid = (int(a) for a in sys.argv[1:5])
g = np.random.default_rng(1)


def median_s(fn, repeats=15):
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


A = g.standard_normal((n_dense, n_dense))
x = g.standard_normal(n_dense)
y = np.empty(n_dense)
dense = median_s(lambda: np.dot(A, x, out=y)) * 1e9 / n_dense**2

one = sp.diags([-np.ones(grid - 1), 2 * np.ones(grid), -np.ones(grid - 1)], [-1, 0, 1])
lap = (sp.kron(one, sp.eye(grid)) + sp.kron(sp.eye(grid), one)).tocsr()
xl = g.standard_normal(grid * grid)
csr = median_s(lambda: lap @ xl) * 1e9 / lap.nnz

V = g.standard_normal((m_basis, n_basis))
w = g.standard_normal(n_basis)


def cgs():
    h = V @ w
    w[:] -= V.T @ h * 1e-9


cgs_ns = median_s(cgs) * 1e9 / (2 * m_basis * n_basis)
print(json.dumps({"dense": dense, "csr": csr, "cgs": cgs_ns}))
