"""Peer for bench/analysis.bench.ts: scipy.linalg.solve_continuous_lyapunov / solve_discrete_lyapunov
on the same matrices.

stdin: one JSON object { "runs": [ {"n", "a": path, "q": path, "discrete": bool, "repeats": int} ] },
each path little-endian float64, row-major n×n.
Prints { "scipy": version, "runs": [ {"seconds" (median over repeats), "relativeResidual"} ] } with
the same relative residual as ours: ‖R‖_F / (‖Q‖_F + 2‖A‖_F‖X‖_F) (continuous) or
‖R‖_F / (‖Q‖_F + (1 + ‖A‖_F²)‖X‖_F) (discrete). BLAS pinned to one thread before numpy is imported.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.linalg import solve_continuous_lyapunov, solve_discrete_lyapunov  # noqa: E402

spec = json.load(sys.stdin)
out = []
for run in spec["runs"]:
    n = int(run["n"])
    a = np.fromfile(run["a"], dtype="<f8").reshape(n, n)
    q = np.fromfile(run["q"], dtype="<f8").reshape(n, n)
    times = []
    x = None
    for _ in range(int(run["repeats"])):
        t = time.perf_counter()
        x = solve_discrete_lyapunov(a, q) if run["discrete"] else solve_continuous_lyapunov(a, q)
        times.append(time.perf_counter() - t)
    na = np.linalg.norm(a)
    nx = np.linalg.norm(x)
    if run["discrete"]:
        r = a @ x @ a.T + q - x
        den = np.linalg.norm(q) + (1 + na * na) * nx
    else:
        r = a @ x + x @ a.T - q
        den = np.linalg.norm(q) + 2 * na * nx
    out.append({"seconds": float(np.median(times)), "relativeResidual": float(np.linalg.norm(r) / den)})
print(json.dumps({"scipy": scipy.__version__, "runs": out}))
