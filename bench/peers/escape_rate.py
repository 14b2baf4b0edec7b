"""SciPy/NumPy peer for bench/kramers.bench.ts: the censored exponential rate with the Garwood
chi-square interval (scipy.stats.chi2.ppf), the Kaplan-Meier curve with Greenwood errors (NumPy,
as lifelines computes it) and the Weibull likelihood-ratio test of exponentiality (the scale
profiled out, the shape by scipy.optimize.minimize_scalar on log k), on the same censored times.
Prints the median wall time of `repeats` runs (ms) and the figures, as JSON. One thread."""
import json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from scipy import optimize, stats

times_path, flags_path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = np.fromfile(times_path, dtype="<f8")
e = np.fromfile(flags_path, dtype="u1").astype(bool)


def estimate():
    k = int(e.sum())
    E = float(t.sum())
    rate = k / E
    lo = stats.chi2.ppf(0.025, 2 * k) / (2 * E) if k > 0 else 0.0
    hi = stats.chi2.ppf(0.975, 2 * k + 2) / (2 * E)
    # Kaplan-Meier: distinct event times, at-risk counts, Greenwood
    order = np.lexsort((~e, t))
    ts, es = t[order], e[order]
    uniq, first = np.unique(ts, return_index=True)
    n = len(t)
    at_risk = n - first
    d = np.add.reduceat(es.astype(np.int64), first)
    m = d > 0
    ut, nr, dd = uniq[m], at_risk[m], d[m]
    surv = np.cumprod(1 - dd / nr)
    with np.errstate(divide="ignore", invalid="ignore"):
        gw = np.cumsum(dd / (nr * (nr - dd)))
    se = surv * np.sqrt(gw)
    # Weibull profile likelihood in u = log k
    lt = np.log(t[e])
    slog = lt.sum()
    scale = np.exp(slog / k)
    ts_ = t / scale

    def negprof(u):
        b = np.exp(u)
        s = np.sum(ts_ ** b)
        return -(k * np.log(b) + (b - 1) * (slog - k * np.log(scale)) - k * np.log(s / k) - k)

    r = optimize.minimize_scalar(negprof, bounds=(-5, 5), method="bounded", options={"xatol": 1e-10})
    stat = max(0.0, 2 * (negprof(0.0) - r.fun))
    p = stats.chi2.sf(stat, 1)
    return rate, lo, hi, float(np.exp(r.x)), stat, p, len(ut), float(surv[-1]), float(se[-1])


res = estimate()
ts = []
for _ in range(repeats):
    a = time.perf_counter()
    estimate()
    ts.append((time.perf_counter() - a) * 1e3)
ts.sort()
print(json.dumps({"ms": ts[len(ts) // 2], "rate": res[0], "ci95": [res[1], res[2]], "weibullShape": res[3], "statistic": res[4], "pValue": res[5], "kmSteps": res[6], "kmLast": res[7]}))
