"""scikit-learn / NumPy peer for bench/diffusion-maps-knn.bench.ts, on one thread.

argv: path (raw little-endian float64, n×d row-major), n, d, k, repeats, then the cases to time:
  brute    sklearn NearestNeighbors(algorithm='brute').fit(X).kneighbors(n_neighbors=k) (self excluded)
  kd_tree  the same with algorithm='kd_tree'
  gram     NumPy's squared distances through the Gram matrix of the centred points:
           C = X − mean, G = C @ C.T (BLAS syrk/gemm), D = diag + diag − 2G, clamped at 0
Prints one JSON object: seconds (median of `repeats`, after no warm-up: each call builds its own
index, as ours does) for each case, and the neighbour indices of the first case (for agreement).
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402

path, n, d, k, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cases = sys.argv[6:]
X = np.fromfile(path, dtype="<f8").reshape(n, d)


def median_s(fn):
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], out


result = {}
for case in cases:
    if case in ("brute", "kd_tree"):
        from sklearn.neighbors import NearestNeighbors

        def knn(algorithm=case):
            # kneighbors() without X leaves each point out of its own neighbours
            return NearestNeighbors(n_neighbors=k, algorithm=algorithm, n_jobs=1).fit(X).kneighbors(return_distance=True)

        s, (dist, idx) = median_s(knn)
        result[case] = s
        result.setdefault("indices", idx[: min(n, 2000)].ravel().tolist())
    elif case == "gram":

        def gram():
            C = X - X.mean(axis=0)
            G = C @ C.T
            g = np.diag(G)
            D = g[:, None] + g[None, :] - 2 * G
            np.maximum(D, 0, out=D)
            np.fill_diagonal(D, 0)
            return D

        s, D = median_s(gram)
        result["gram"] = s
        result["gram_sample"] = D[:3, :5].ravel().tolist()
print(json.dumps(result))
