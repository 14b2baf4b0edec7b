"""Peer for bench/fokker-planck.bench.ts: scipy.sparse.linalg.spsolve (SuperLU, COLAMD ordering) and
eigs (ARPACK shift-invert at 0) on the same Fokker-Planck generator matrices.

argv: dir holding, per case, <case>_rp.i32, <case>_ci.i32, <case>_v.f64 (CSR, little-endian) and
<case>_b.f64; then the cases as name:kind pairs, kind 'solve' (A x = b), 'solveT' (A^T x = b) or
'eig' (the eigenvalue of A nearest 0). Prints one JSON object: per case, median wall ms and median
CPU ms (process time) over repeats (one run when a run takes over 2 s), and the solution (or the
eigenvalue) for comparison.
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigs, spsolve

folder = sys.argv[1]
out = {}
for spec in sys.argv[2:]:
    name, kind = spec.split(":")
    rp = np.fromfile(f"{folder}/{name}_rp.i32", dtype="<i4")
    ci = np.fromfile(f"{folder}/{name}_ci.i32", dtype="<i4")
    v = np.fromfile(f"{folder}/{name}_v.f64", dtype="<f8")
    n = rp.size - 1
    A = sp.csr_matrix((v, ci, rp), shape=(n, n))
    b = np.fromfile(f"{folder}/{name}_b.f64", dtype="<f8")

    if kind == "solve":
        M = A.tocsc()
        run = lambda: spsolve(M, b)
    elif kind == "solveT":
        M = A.T.tocsc()
        run = lambda: spsolve(M, b)
    else:
        M = A.tocsc()
        run = lambda: eigs(M, k=1, sigma=0, which="LM", v0=np.ones(n), tol=1e-12)[0]

    times = []
    cpu = []
    start = time.perf_counter()
    result = None
    while len(times) < 3 and (time.perf_counter() - start < 2 or not times):
        t = time.perf_counter()
        c = time.process_time()
        result = run()
        cpu.append((time.process_time() - c) * 1000)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    cpu.sort()
    if kind == "eig":
        payload = float(np.real(result[0]))
    else:
        payload = None
        np.asarray(result, dtype="<f8").tofile(f"{folder}/{name}_x.f64")
    out[name] = {"ms": times[len(times) // 2], "cpuMs": cpu[len(cpu) // 2], "result": payload}
print(json.dumps(out))
