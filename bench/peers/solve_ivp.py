"""Peer for bench/optim.bench.ts: scipy.integrate.solve_ivp (RK45, DOP853) on a gradient flow.

argv: problem ('quadratic' | 'styblinski'), dir (holding H.f64, c.f64, x0.f64 as little-endian
float64), t1, comma-separated rtols, atol/rtol ratio.
Prints one JSON object: the reference y(t1) (DOP853, rtol 1e-13, atol 1e-15) and, per method and
rtol, nfev, median wall ms and y(t1).
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

problem, folder, t1, rtols, ratio = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], float(sys.argv[5])
x0 = np.fromfile(f"{folder}/x0.f64", dtype="<f8")
d = x0.size
if problem == "quadratic":
    H = np.fromfile(f"{folder}/H.f64", dtype="<f8").reshape(d, d)
    c = np.fromfile(f"{folder}/c.f64", dtype="<f8")

    def f(_t, y):
        return -(H @ (y - c))
else:
    # L = ½ Σ (x⁴ − 16x² + 5x): −∇L = −(2x³ − 16x + 2.5)
    def f(_t, y):
        return -(2.0 * y**3 - 16.0 * y + 2.5)


def solve(method, rtol, atol):
    return solve_ivp(f, (0.0, t1), x0, method=method, rtol=rtol, atol=atol, t_eval=[t1])


def timed(method, rtol, atol):
    sol = solve(method, rtol, atol)
    times = []
    start = time.perf_counter()
    while len(times) < 3 or time.perf_counter() - start < 0.3:
        t = time.perf_counter()
        solve(method, rtol, atol)
        times.append((time.perf_counter() - t) * 1000)
        if len(times) >= 200:
            break
    times.sort()
    return sol, times[len(times) // 2]


ref = solve("DOP853", 1e-13, 1e-15)
runs = []
for method in ("RK45", "DOP853"):
    for rtol in [float(r) for r in rtols.split(",")]:
        sol, ms = timed(method, rtol, rtol * ratio)
        runs.append({"method": method, "rtol": rtol, "nfev": int(sol.nfev), "ms": ms, "success": bool(sol.success), "y": sol.y[:, -1].tolist()})
print(json.dumps({"ref": ref.y[:, -1].tolist(), "refNfev": int(ref.nfev), "runs": runs}))
