"""NumPy peer for bench/langevin.bench.ts: a vectorised Euler-Maruyama over all walkers at once
(one thread), on the 1-D double well L = x^4/4 - x^2/2 and on 2-D Muller-Brown. Prints walker-steps
per second as JSON."""
import json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

case, walkers, steps, dt, temp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
g = np.random.default_rng(1)
s = np.sqrt(2 * temp * dt)

A = np.array([-200.0, -100.0, -170.0, 15.0])
a = np.array([-1.0, -1.0, -6.5, 0.7])
b = np.array([0.0, 0.0, 11.0, 0.6])
c = np.array([-10.0, -10.0, -6.5, 0.7])
X0 = np.array([1.0, 0.0, -0.5, -1.0])
Y0 = np.array([0.0, 0.5, 1.5, 1.0])


def double_well():
    x = np.full(walkers, -1.0)
    z = np.empty(walkers)
    t = np.empty(walkers)
    for _ in range(steps):
        g.standard_normal(out=z)
        np.multiply(x, x, out=t)
        t -= 1.0
        t *= x  # x^3 - x
        t *= -dt
        z *= s
        x += t
        x += z
    return x


def muller_brown():
    x = np.full(walkers, -0.558)
    y = np.full(walkers, 1.442)
    z = np.empty((2, walkers))
    for _ in range(steps):
        gx = np.zeros(walkers)
        gy = np.zeros(walkers)
        for k in range(4):
            dx = x - X0[k]
            dy = y - Y0[k]
            e = A[k] * np.exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy)
            gx += e * (2 * a[k] * dx + b[k] * dy)
            gy += e * (b[k] * dx + 2 * c[k] * dy)
        g.standard_normal(out=z)
        x += -dt * gx + s * z[0]
        y += -dt * gy + s * z[1]
    return x


fn = double_well if case == "double-well" else muller_brown
t0 = time.perf_counter()
fn()
sec = time.perf_counter() - t0
print(json.dumps({"walker_steps_per_s": walkers * steps / sec, "seconds": sec}))
