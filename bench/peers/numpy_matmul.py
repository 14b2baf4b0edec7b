"""NumPy peer for bench/gemm.bench.ts: median wall time of float64 matrix products on given shapes.

argv: shapes_json threads. shapes_json: a list of [layout, M, N, K] with layout 'NN' (A M×K, B K×N),
'TN' (A stored K×M, C = AᵀB) or 'NT' (B stored N×K, C = ABᵀ). Prints one JSON object
{"numpy": version, "ms": [median wall ms per shape], "cpuMs": [minimum CPU ms per call, over batches of 10]}. Threads are set before NumPy is imported.
"""
import json
import os
import sys

shapes, threads = json.loads(sys.argv[1]), sys.argv[2]
for var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ[var] = threads

import time  # noqa: E402

import numpy as np  # noqa: E402


def median_ms(fn, min_repeats=7, min_ms=200.0):
    fn()
    times, start = [], time.perf_counter()
    while len(times) < min_repeats or (time.perf_counter() - start) * 1e3 < min_ms:
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
        if len(times) >= 5000:
            break
    times.sort()
    return times[len(times) // 2]


def min_cpu_ms(fn, batch=10, repeats=15):
    # CPU time of this process per call, the minimum over batches: robust to other processes sharing the cores.
    for _ in range(batch):
        fn()
    best = float('inf')
    for _ in range(repeats):
        t = time.process_time()
        for _ in range(batch):
            fn()
        best = min(best, (time.process_time() - t) * 1e3 / batch)
    return best


rng = np.random.default_rng(0)
out = []
cpu = []
for layout, M, N, K in shapes:
    a = rng.standard_normal((K, M) if layout == 'TN' else (M, K))
    b = rng.standard_normal((N, K) if layout == 'NT' else (K, N))
    c = np.empty((M, N))
    if layout == 'NN':
        fn = lambda: np.matmul(a, b, out=c)  # noqa: E731
    elif layout == 'TN':
        fn = lambda: np.matmul(a.T, b, out=c)  # noqa: E731
    else:
        fn = lambda: np.matmul(a, b.T, out=c)  # noqa: E731
    out.append(median_ms(fn))
    cpu.append(min_cpu_ms(fn))
print(json.dumps({'numpy': np.__version__, 'ms': out, 'cpuMs': cpu}))
