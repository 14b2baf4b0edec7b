"""NumPy peer for bench/random.bench.ts: ns per variate, median of repeats."""
import json, sys, time
import numpy as np

n = int(sys.argv[1])
g = np.random.default_rng(1)


def median_ns(fn, per, repeats=7):
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2] * 1e9 / per


out = np.empty(n)
res = {
    "uniform": median_ns(lambda: g.random(out=out), n),
    "normal": median_ns(lambda: g.standard_normal(out=out), n),
    "rademacher": median_ns(lambda: g.integers(0, 2, n) * 2.0 - 1.0, n),
    "batch_us": median_ns(lambda: [g.choice(50000, 256, replace=False) for _ in range(1000)], 1000) / 1000,
}
print(json.dumps(res))
