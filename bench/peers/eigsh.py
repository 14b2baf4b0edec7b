"""Peer for bench/spectral.bench.ts: scipy.sparse.linalg.eigsh (ARPACK) on the same matrices.

stdin: one JSON object
  { "matrices": { name: {"type": "csr", "n", "rowPointers", "columnIndices", "values"}   (paths)
                       | {"type": "dense", "n", "path"} },
    "runs": [ {"matrix": name, "which": "LA" | "SA" | "BE", "k": int, "tol": float,
               "maxiter": int, "repeats": int} ] }
Every path holds little-endian float64 (indices too, converted to int32 here).
Prints one JSON object: { "scipy": version, "threads": ..., "runs": [ {"values", "matvecs",
"seconds" (median over repeats; runs over 2 s are timed once), "converged"} ] }. matvecs counts the LinearOperator's
applications (ARPACK's OP*x), which are the only products eigsh takes in this mode.
BLAS is pinned to one thread (set before numpy is imported), as our code runs on one.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.sparse import csr_matrix  # noqa: E402
from scipy.sparse.linalg import ArpackNoConvergence, LinearOperator, eigsh  # noqa: E402

spec = json.load(sys.stdin)
mats = {}
for name, m in spec["matrices"].items():
    n = int(m["n"])
    if m["type"] == "csr":
        rp = np.fromfile(m["rowPointers"], dtype="<f8").astype(np.int32)
        ci = np.fromfile(m["columnIndices"], dtype="<f8").astype(np.int32)
        va = np.fromfile(m["values"], dtype="<f8")
        mats[name] = csr_matrix((va, ci, rp), shape=(n, n))
    else:
        mats[name] = np.fromfile(m["path"], dtype="<f8").reshape(n, n)

out = []
for run in spec["runs"]:
    A = mats[run["matrix"]]
    n = A.shape[0]
    count = [0]

    def mv(x, A=A, count=count):
        count[0] += 1
        return A @ x

    op = LinearOperator((n, n), matvec=mv, dtype=np.float64)
    times = []
    vals = None
    converged = True
    for _ in range(int(run.get("repeats", 3))):
        count[0] = 0
        rng = np.random.default_rng(int(run.get("seed", 0)))
        v0 = rng.standard_normal(n)
        t = time.perf_counter()
        try:
            vals = eigsh(op, k=int(run["k"]), which=run["which"], tol=float(run["tol"]),
                         maxiter=int(run["maxiter"]), v0=v0, return_eigenvectors=True)[0]
            converged = True
        except ArpackNoConvergence as e:
            vals = e.eigenvalues
            converged = False
        times.append(time.perf_counter() - t)
        if times[0] > 2.0:
            break  # long runs are timed once
    times.sort()
    out.append({"values": sorted(float(v) for v in vals), "matvecs": count[0],
                "seconds": times[len(times) // 2], "converged": converged})

print(json.dumps({"scipy": scipy.__version__, "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "runs": out}))
