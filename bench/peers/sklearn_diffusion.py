"""Peer for bench/diffusion-maps.bench.ts: scikit-learn on the same points, one thread.

argv: path n d k components epsilon [skip_spectral]
  path: little-endian float64, n × d row-major.
Runs, each timed once after loading the data (wall time, seconds):
  - "pipeline": NearestNeighbors(n_neighbors=k).kneighbors (brute force for d > 15, else a tree:
    sklearn's 'auto'), the same kernel as ours: the union of the kNN graph and its transpose,
    K = exp(-d^2/epsilon) plus the diagonal, alpha = 1 (K <- K / (q_i q_j)), S = D^-1/2 K D^-1/2,
    and scipy eigsh(S, components + 1, which='LA', tol=1e-10);
  - "spectral_embedding": sklearn.manifold.SpectralEmbedding(n_components=components,
    affinity='nearest_neighbors', n_neighbors=k, eigen_solver='arpack', random_state=0)
    (alpha = 0, a 0/1 kNN affinity, its own normalised Laplacian; skipped with skip_spectral).
Peak memory: ru_maxrss growth over the run (KiB -> bytes), after the data is loaded; each step is
run in order, so the second figure is a lower bound when the first peaked higher.
After the timed pipeline, eigsh runs once more, untimed, on a LinearOperator wrapper of S that
counts its applications ("eig_matvecs").
Prints JSON: {"sklearn", "pipeline": {"seconds", "knn_seconds", "eig_seconds", "values", "rss_bytes", "eig_matvecs"},
"spectral_embedding": {"seconds", "rss_bytes"} | null}.
"""
import json
import os
import resource
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
from scipy.sparse.linalg import LinearOperator, eigsh  # noqa: E402
from sklearn.manifold import SpectralEmbedding  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402

path, n, d, k, c, eps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
skip_spectral = len(sys.argv) > 7 and sys.argv[7] == "1"
X = np.fromfile(path, dtype="<f8").reshape(n, d)


def maxrss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


base = maxrss()
t0 = time.perf_counter()
nn = NearestNeighbors(n_neighbors=k, n_jobs=1).fit(X)
dist, ind = nn.kneighbors(X, n_neighbors=k + 1)  # includes the point itself first
t1 = time.perf_counter()
rows = np.repeat(np.arange(n), k)
cols = ind[:, 1:].reshape(-1)
d2 = (dist[:, 1:].reshape(-1)) ** 2
A = sp.csr_matrix((d2, (rows, cols)), shape=(n, n))
A = A.maximum(A.T)  # symmetric pattern; the same d^2 from both sides
K = A.copy()
K.data = np.exp(-K.data / eps)
K = K + sp.identity(n, format="csr")
q = np.asarray(K.sum(axis=1)).ravel()
Qi = sp.diags(1.0 / q)
K = Qi @ K @ Qi
dd = np.asarray(K.sum(axis=1)).ravel()
Di = sp.diags(1.0 / np.sqrt(dd))
S = (Di @ K @ Di).tocsr()
t2 = time.perf_counter()
vals = eigsh(S, k=c + 1, which="LA", tol=1e-10)[0]
t3 = time.perf_counter()
pipeline = {
    "seconds": t3 - t0,
    "knn_seconds": t1 - t0,
    "kernel_seconds": t2 - t1,
    "eig_seconds": t3 - t2,
    "values": sorted(vals.tolist(), reverse=True),
    "rss_bytes": maxrss() - base,
}
# untimed: eigsh's operator applications on the same problem, counted through a LinearOperator
applications = [0]


def counted(x):
    applications[0] += 1
    return S @ x


eigsh(LinearOperator(S.shape, matvec=counted, dtype=S.dtype), k=c + 1, which="LA", tol=1e-10)
pipeline["eig_matvecs"] = applications[0]
spectral = None
if not skip_spectral:
    base = maxrss()
    t0 = time.perf_counter()
    SpectralEmbedding(n_components=c, affinity="nearest_neighbors", n_neighbors=k, eigen_solver="arpack", random_state=0, n_jobs=1).fit_transform(X)
    spectral = {"seconds": time.perf_counter() - t0, "rss_bytes": maxrss() - base}
print(json.dumps({"sklearn": sklearn.__version__, "pipeline": pipeline, "spectral_embedding": spectral}))
