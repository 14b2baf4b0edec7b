"""PyTorch + SciPy peer for bench/objectives.bench.ts: the top-k Hessian eigenvalues of an MLP's
mean loss over a data set by scipy.sparse.linalg.eigsh (ARPACK, which='LA') on PyTorch
Hessian-vector products (double backward, float64, CPU).

argv: dir layers_json activation loss bias(0/1) threads k tol
Reads from dir: theta.f64 (the flat parameters in sgd-dynamics' layout: layer by layer, W [out, in]
row-major, then b), x.f64 (the features, N x n0), y.f64 (targets: N x nL for mse, N class
indices for cross-entropy), v0.f64 (eigsh's start vector). Prints one JSON object: the
eigenvalues (descending), the HVPs eigsh took, the time of one full-data HVP (wall: median of 3;
CPU: minimum of 3) and of the whole eigsh call (one run, wall and CPU; seconds), and the versions.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from scipy.sparse.linalg import LinearOperator, eigsh  # noqa: E402


def main():
    d, layers, activation, loss, bias = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == '1'
    threads, k, tol = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
    torch.set_num_threads(threads)
    theta = torch.from_numpy(np.fromfile(f'{d}/theta.f64', dtype='<f8'))
    x = torch.from_numpy(np.fromfile(f'{d}/x.f64', dtype='<f8')).reshape(-1, layers[0])
    y = torch.from_numpy(np.fromfile(f'{d}/y.f64', dtype='<f8'))
    v0 = np.fromfile(f'{d}/v0.f64', dtype='<f8')
    y = y.long() if loss == 'cross-entropy' else y.reshape(x.shape[0], layers[-1])
    params, shapes, off = [], [], 0
    for nin, nout in zip(layers[:-1], layers[1:]):
        params.append(theta[off:off + nout * nin].reshape(nout, nin).clone().requires_grad_(True))
        off += nout * nin
        if bias:
            params.append(theta[off:off + nout].clone().requires_grad_(True))
            off += nout
    n = off
    act = {'tanh': torch.tanh, 'relu': F.relu, 'gelu': lambda z: F.gelu(z, approximate='tanh'), 'linear': lambda z: z}[activation]
    per = 2 if bias else 1
    depth = len(layers) - 1

    def objective():
        a = x
        for l in range(depth):
            z = F.linear(a, params[per * l], params[per * l + 1] if bias else None)
            a = act(z) if l < depth - 1 else z
        if loss == 'cross-entropy':
            return F.cross_entropy(a, y)
        return 0.5 * ((a - y) ** 2).sum(dim=1).mean()

    count = [0]

    def hvp(v):
        count[0] += 1
        vt = torch.from_numpy(np.ascontiguousarray(v, dtype=np.float64))
        vs, o = [], 0
        for p in params:
            vs.append(vt[o:o + p.numel()].reshape(p.shape))
            o += p.numel()
        g = torch.autograd.grad(objective(), params, create_graph=True)
        gv = sum((gi * vi).sum() for gi, vi in zip(g, vs))
        return torch.cat([h.reshape(-1) for h in torch.autograd.grad(gv, params)]).numpy()

    times, cpus = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        hvp(v0)
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    times.sort()
    count[0] = 0
    op = LinearOperator((n, n), matvec=hvp, dtype=np.float64)
    t, c = time.perf_counter(), time.process_time()
    vals = eigsh(op, k=k, which='LA', tol=tol, v0=v0, return_eigenvectors=False)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    print(json.dumps({
        'values': sorted(vals.tolist(), reverse=True),
        'matvecs': count[0],
        'hvpSeconds': times[1],
        'seconds': seconds,
        'hvpCpuSeconds': min(cpus),
        'cpuSeconds': cpu,
        'threads': torch.get_num_threads(),
        'torch': torch.__version__,
        'scipy': scipy.__version__,
    }))


main()
