"""PyTorch peer for bench/objectives.bench.ts: gradient and Hessian-vector product (double
backward) of an MLP's mean loss on one batch, float64 on the CPU.

argv: dir layers_json activation loss bias(0/1) threads
Reads from dir: theta.f64 (the flat parameters in sgd-dynamics' layout: layer by layer, W [out, in]
row-major, then b), v.f64 (the direction), x.f64 (the batch's features, B x n0), y.f64 (targets:
B x nL for mse, B class indices for cross-entropy). Writes dir/hvp.f64 and prints one JSON object
with the median wall times and the minimum CPU times in ms. The BLAS and OpenMP pools get `threads`
threads before torch is imported (torch.set_num_threads alone leaves OpenBLAS's own pool, which ran a
second thread: CPU time above wall time).
"""
import json
import os
import sys
import time

for var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[var] = sys.argv[6]

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def main():
    d, layers, activation, loss, bias, threads = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == '1', int(sys.argv[6])
    torch.set_num_threads(threads)
    theta = torch.from_numpy(np.fromfile(f'{d}/theta.f64', dtype='<f8'))
    v = torch.from_numpy(np.fromfile(f'{d}/v.f64', dtype='<f8'))
    x = torch.from_numpy(np.fromfile(f'{d}/x.f64', dtype='<f8')).reshape(-1, layers[0])
    y = torch.from_numpy(np.fromfile(f'{d}/y.f64', dtype='<f8'))
    if loss == 'cross-entropy':
        y = y.long()
    else:
        y = y.reshape(x.shape[0], layers[-1])

    params, vs, off = [], [], 0
    for nin, nout in zip(layers[:-1], layers[1:]):
        params.append(theta[off:off + nout * nin].reshape(nout, nin).clone().requires_grad_(True))
        vs.append(v[off:off + nout * nin].reshape(nout, nin))
        off += nout * nin
        if bias:
            params.append(theta[off:off + nout].clone().requires_grad_(True))
            vs.append(v[off:off + nout])
            off += nout
    assert off == theta.numel()

    act = {
        'tanh': torch.tanh,
        'relu': F.relu,
        'leaky-relu': lambda z: F.leaky_relu(z, 0.01),
        'gelu': lambda z: F.gelu(z, approximate='tanh'),
        'linear': lambda z: z,
    }[activation]
    per = 2 if bias else 1
    depth = len(layers) - 1

    def objective():
        a = x
        for l in range(depth):
            w = params[per * l]
            b = params[per * l + 1] if bias else None
            z = F.linear(a, w, b)
            a = act(z) if l < depth - 1 else z
        if loss == 'cross-entropy':
            return F.cross_entropy(a, y)
        return 0.5 * ((a - y) ** 2).sum(dim=1).mean()

    def grad():
        return torch.autograd.grad(objective(), params)

    def hvp():
        g = torch.autograd.grad(objective(), params, create_graph=True)
        gv = sum((gi * vi).sum() for gi, vi in zip(g, vs))
        return torch.autograd.grad(gv, params)

    def median_ms(fn, min_repeats=5, min_ms=300.0):
        fn()
        times, start = [], time.perf_counter()
        while len(times) < min_repeats or (time.perf_counter() - start) * 1e3 < min_ms:
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1e3)
            if len(times) >= 1000:
                break
        times.sort()
        return times[len(times) // 2]

    def min_cpu_ms(fn, repeats=10):
        # CPU time of this process (all its threads): robust to other processes sharing the cores.
        fn()
        best = float('inf')
        for _ in range(repeats):
            t = time.process_time()
            fn()
            best = min(best, (time.process_time() - t) * 1e3)
        return best

    hv = torch.cat([h.reshape(-1) for h in hvp()]).detach().numpy()
    hv.astype('<f8').tofile(f'{d}/hvp.f64')
    out = {
        'gradientMs': median_ms(grad),
        'hvpMs': median_ms(hvp),
        'gradientCpuMs': min_cpu_ms(grad),
        'hvpCpuMs': min_cpu_ms(hvp),
        'threads': torch.get_num_threads(),
        'torch': torch.__version__,
    }
    print(json.dumps(out))


main()
