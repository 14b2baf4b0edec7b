#!/usr/bin/python3
"""Reference values near the branch points of the table-driven elementary functions, for
test/core/elementary/branch-points.test.ts (run: /usr/bin/python3 scripts/elementary-branch-fixtures.py,
then npx prettier --write test/core/elementary/fixtures/branch-points.json).

Needs mpmath (Debian python3-mpmath). For each function, arguments at and around every point where
the implementation switches method or table entry (and the domain's ends), each perturbed by
0, ±1 … ±8 ulps and by random relative offsets up to ±2^-10, both signs where the function is
odd; for each: the argument, the correctly rounded result (mpmath at 320 bits, one rounding to
binary64), both as hex bit patterns, and (exact − correctly rounded)/ulp to 6 digits, so the test
can measure the error against the exact value (faithful: < 1 ulp), not only against the rounded one.
"""
import json, math, os, random, struct
import mpmath
from mpmath import mp, mpf

mp.prec = 320
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'core', 'elementary', 'fixtures', 'branch-points.json')


def hx(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]


def ulp_of(v):
    """The ulp of the binade of the exact value v (not of its rounding)."""
    e = int(mpmath.floor(mpmath.log(abs(v), 2)))
    return mpf(2) ** max(e - 52, -1074)


def nudge(x, k):
    b = struct.unpack('<q', struct.pack('<d', x))[0]
    return struct.unpack('<d', struct.pack('<q', b + k))[0] if x > 0 else -struct.unpack('<d', struct.pack('<q', struct.unpack('<q', struct.pack('<d', -x))[0] + k))[0]


L = math.log(2) / 128
POINTS = {
    'exp': [-745.1, -708.39, -708.0, -1.0, 0.5 * L, 1.5 * L, 63.5 * L, 64.5 * L, 127.5 * L, 128.5 * L, 0.25, 1.0, 10.0, 700.0, 709.4, 709.78],
    'expm1': [-38.8, -10.0, -1.04, -0.3466, -0.125, -0.01, -5.6e-17, 5.6e-17, 0.01, 0.125, 0.3466, 1.04, 10.0, 38.8, 40.0, 709.0],
    'tanh': [3.7e-9, 1e-5, 0.1, 0.5, 0.5493, 0.55, 0.6, 1.0, 2.0, 5.0, 19.0, 21.9],
    'log': [2.3e-308, 1e-300, 1e-5, 0.5, 0.6875, 0.9375, 0.99609375, 1.0, 1.0078125, 1.0625, 1.375, 2.0, 1e5, 1e300],
    'log1p': [-0.9999, -0.5, -0.3125, -0.0625, -1e-5, 1e-5, 0.0625, 0.375, 1.0, 1e3, 9.0e15, 1e300],
    'log2': [2.3e-308, 1e-300, 0.5, 0.6875, 0.9375, 1.0, 1.0625, 1.375, 2.0, 3.0, 1024.0, 1e300],
    'cbrt': [2.3e-308, 1e-300, 0.001, 0.5, 1.0, 2.0, 3.0, 8.0, 1e5, 1e300],
    'sin': [1e-8, 0.5, 0.7853981633974483, 1.5707963267948966, 3.141592653589793, 4.71238898038469, 10.0, 100.0, 1647099.0, 1e7],
    'cos': [1e-8, 0.5, 0.7853981633974483, 1.5707963267948966, 3.141592653589793, 4.71238898038469, 10.0, 100.0, 1647099.0, 1e7],
}
ODD = {'expm1': False, 'exp': False, 'tanh': True, 'log': False, 'log1p': False, 'log2': False, 'cbrt': True, 'sin': True, 'cos': True}
F = {
    'exp': mpmath.exp, 'expm1': mpmath.expm1, 'tanh': mpmath.tanh, 'log': mpmath.log, 'log1p': mpmath.log1p,
    'log2': lambda x: mpmath.log(x, 2), 'cbrt': lambda x: mpmath.cbrt(x) if x >= 0 else -mpmath.cbrt(-x), 'sin': mpmath.sin, 'cos': mpmath.cos,
    'asinh': mpmath.asinh,
}


def to_double(v):
    """Round an mpf to the nearest binary64 (ties to even), subnormals included."""
    if v == 0:
        return 0.0
    s = -1 if v < 0 else 1
    a = abs(v)
    e = int(mpmath.floor(mpmath.log(a, 2)))
    q = max(e - 52, -1074)
    m = a / mpf(2) ** q
    n = int(mpmath.floor(m))
    frac = m - n
    if frac > 0.5 or (frac == 0.5 and n % 2 == 1):
        n += 1
    try:
        return s * math.ldexp(float(n), q)
    except OverflowError:
        return s * math.inf


rng = random.Random(20261201)
out = {}
for name, pts in POINTS.items():
    xs = []
    for p in pts:
        for k in range(-8, 9):
            xs.append(nudge(p, k))
        for _ in range(12):
            xs.append(p * (1 + rng.uniform(-2**-10, 2**-10)))
    if ODD[name]:
        xs += [-x for x in xs]
    rows = []
    for x in xs:
        v = F[name](mpf(x))
        if not isinstance(v, mpf):
            continue
        cr = to_double(v)
        if cr == 0 or math.isinf(cr):
            continue
        off = float((v - mpf(cr)) / ulp_of(v))
        rows.append([hx(x), hx(cr), round(off, 6)])
    out[name] = rows
# Added after the others so that their rows (and the random stream they draw) stay as they were:
# cbrt's table subintervals (the 96 of 2^j·[1, 2) by 5 mantissa bits, j = the exponent mod 3),
# its rounding of t to 17 bits near t = 1 and 2, and exponents of every residue mod 3; asinh's
# method switches (2^-27, 1/16, the Sterbenz bound of w − 2|x| near 0.354, 2^28) and its log
# kernel's table entries near v = |x| + √(x² + 1) = 1.0625 … 4 (|x| = (v − 1/v)/2).
EXTRA = {
    'cbrt': [2.0 ** j * (1 + b / 32) for j in range(3) for b in (1, 2, 7, 16, 31)] + [7.99999, 1.00001, 2.0 ** -1022, 2.0 ** -1021, 2.0 ** -1020, 2.0 ** 1021, 2.0 ** 1022, 2.0 ** 1023, 1e-310, 4e-320, 1e-200, 1e200],
    'asinh': [2.0 ** -27, 1e-5, 0.03125, 0.0625, 0.1, 0.25, 0.3535, 0.3536, 0.36, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0, 100.0, 1e4, 1e8, 2.0 ** 28, 1e10, 1e300]
    + [(v - 1 / v) / 2 for v in (1.0625, 1.09375, 1.375, 1.5, 2.0, 2.75, 3.0, 4.0)],
}
for name, pts in EXTRA.items():
    ODD[name] = True
    xs = []
    for p in pts:
        for k in range(-8, 9):
            xs.append(nudge(p, k))
        for _ in range(12):
            xs.append(p * (1 + rng.uniform(-2**-10, 2**-10)))
    # and random arguments over the whole range (uniform significand, uniform exponent)
    for _ in range(400):
        xs.append(math.ldexp(1 + rng.random(), rng.randint(-1022, 1023)))
    for _ in range(400):
        xs.append(rng.uniform(0, 8))
    xs += [-x for x in xs]
    rows = []
    for x in xs:
        v = F[name](mpf(x))
        cr = to_double(v)
        if cr == 0 or math.isinf(cr):
            continue
        off = float((v - mpf(cr)) / ulp_of(v))
        rows.append([hx(x), hx(cr), round(off, 6)])
    out[name] = out.get(name, []) + rows
with open(OUT, 'w') as f:
    json.dump(out, f)
print({k: len(v) for k, v in out.items()})
