#!/usr/bin/python3
"""Correctly rounded reference values for test/core/elementary (run: /usr/bin/python3 scripts/elementary-fixtures.py,
then npx prettier --write test/core/elementary/fixtures).

Needs mpmath (Debian python3-mpmath). For every function: 20,000 arguments drawn by a splitmix64
stream from the segments below (the test regenerates the same arguments with the same integer and
IEEE operations), their correctly rounded results (mpmath at 320 bits, then one round-to-nearest-
even to binary64, subnormals included) stored as the low 16 bits of the result's ordered bit pattern
(<fn>.low16.bin, little-endian uint16), and a list of edge cases stored in full (<fn>.json).
"""
import json, math, os, struct, sys
import mpmath
from mpmath import mp, mpf

mp.prec = 320
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'core', 'elementary', 'fixtures')
M64 = (1 << 64) - 1

def splitmix(seed):
    s = seed & M64
    while True:
        s = (s + 0x9E3779B97F4A7C15) & M64
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        yield z ^ (z >> 31)

def draw(gen, seg):
    kind = seg[0]
    if kind == 'uniform':  # a + (b - a)·u
        a, b = seg[1], seg[2]
        u = (next(gen) >> 11) * 2.0 ** -53
        return a + (b - a) * u
    if kind == 'logu':  # ±(1 + u)·2^e, e uniform in [ea, eb] (ea ≥ −1022), sign if signed
        ea, eb, signed = seg[1], seg[2], seg[3]
        w = next(gen)
        u = (next(gen) >> 11) * 2.0 ** -53
        e = ea + w % (eb - ea + 1)
        x = math.ldexp(1.0 + u, e)
        return -x if signed and (w >> 63) else x
    if kind == 'subnormal':  # m·2^−1074, m in [1, 2^52)
        m = 1 + next(gen) % ((1 << 52) - 1)
        return math.ldexp(float(m), -1074)
    raise ValueError(kind)

def bits(x):
    return struct.unpack('<q', struct.pack('<d', x))[0]

def ordered(x):
    b = bits(x)
    return -(b & 0x7FFFFFFFFFFFFFFF) if b < 0 else b

def to_double(v):
    """Round an mpf to the nearest binary64, ties to even, with subnormals and overflow."""
    if mpmath.isnan(v):
        return math.nan
    if mpmath.isinf(v):
        return math.inf if v > 0 else -math.inf
    if v == 0:
        return 0.0
    sign = -1.0 if v < 0 else 1.0
    man, exp = mpmath.frexp(abs(v))  # v = man·2^exp, man in [0.5, 1)
    e = int(exp) - 1  # leading bit weight 2^e
    q = max(e - 52, -1074)  # weight of the last kept bit
    scaled = abs(v) * mpf(2) ** (-q)
    n = int(mpmath.floor(scaled))
    rem = scaled - n
    if rem > 0.5 or (rem == 0.5 and n % 2 == 1):
        n += 1
    if n >= 1 << 53 and q == 971:
        return sign * math.inf
    try:
        return sign * math.ldexp(float(n), q)
    except OverflowError:
        return sign * math.inf

def ref(name, x, y=None):
    X = mpf(x)
    if name == 'exp': return mpmath.exp(X)
    if name == 'expm1': return mpmath.expm1(X)
    if name == 'log': return mpmath.log(X)
    if name == 'log1p': return mpmath.log1p(X)
    if name == 'log2': return mpmath.log(X) / mpmath.log(2)
    if name == 'tanh': return mpmath.tanh(X)
    if name == 'sin': return mpmath.sin(X)
    if name == 'cos': return mpmath.cos(X)
    if name == 'cbrt': return mpmath.cbrt(X) if X >= 0 else -mpmath.cbrt(-X)
    if name == 'asinh': return mpmath.asinh(X)
    if name == 'acos': return mpmath.acos(X)
    if name == 'hypot': return mpmath.sqrt(X * X + mpf(y) * mpf(y))
    raise ValueError(name)

def special_ref(name, x, y=None):
    """IEEE special cases (NaN, ±∞, ±0 results with sign) where mpmath has no say."""
    nan, inf = math.nan, math.inf
    if name == 'hypot':
        if math.isinf(x) or math.isinf(y): return inf
        if math.isnan(x) or math.isnan(y): return nan
        return None
    if math.isnan(x): return nan
    if name in ('exp',):
        if x == inf: return inf
        if x == -inf: return 0.0
    if name == 'expm1':
        if x == inf: return inf
        if x == -inf: return -1.0
        if x == 0: return x
    if name in ('log', 'log2'):
        if x == 0: return -inf
        if x < 0: return nan
        if x == inf: return inf
    if name == 'log1p':
        if x == -1: return -inf
        if x < -1: return nan
        if x == inf: return inf
        if x == 0: return x
    if name == 'tanh':
        if math.isinf(x): return math.copysign(1.0, x)
        if x == 0: return x
    if name in ('sin', 'cos'):
        if math.isinf(x): return nan
        if x == 0: return x if name == 'sin' else 1.0
    if name == 'cbrt':
        if math.isinf(x) or x == 0: return x
    if name == 'asinh':
        if math.isinf(x) or x == 0: return x
    if name == 'acos':
        if abs(x) > 1: return nan
    return None

def value(name, x, y=None):
    s = special_ref(name, x, y)
    if s is not None:
        return s
    r = to_double(ref(name, x, y))
    if r == 0 and name in ('sin', 'tanh', 'asinh', 'expm1', 'log1p', 'cbrt'):
        r = math.copysign(0.0, x)
    return r

H = lambda s: struct.unpack('<d', struct.pack('<Q', int(s, 16)))[0]
TINY = [5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 2.225073858507201e-308, 1e-310, -1e-310]
BASE = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, 1.7976931348623157e308, -1.7976931348623157e308] + TINY
PIO2_MULT = [1.5707963267948966, 3.141592653589793, 4.71238898038469, 6.283185307179586, 1e22, 2.0 ** 1023, 1647099.3291652855, 1647099.3291652857,
             H('6a9d79a56e3cd5a3'), 0.7853981633974483, 0.7853981633974484, 1.4901161193847656e-8, 1.0536712127723509e-8, 355.0, 103993.0, 8.0e15]
SPECIAL = {
    'exp': BASE + [709.782712893384, 709.7827128933841, 709.78, -745.1332191019411, -745.1332191019412, -708.3964185322641, -708.4, 0.34657359027997264,
                   1.0397207708399179, 3.725290298461914e-9, 1e-20, -1e-20, 700.0, -740.0],
    'expm1': BASE + [709.782712893384, 709.7827128933841, 38.816242111356935, -38.816242111356935, -40.0, 5.551115123125783e-17, 1e-17, -1e-17, 0.34657359027997264,
                     -0.34657359027997264, 1.0397207708399179, 1e-5, -1e-5, 20.0, 56.0, 57.0 * 0.6931471805599453],
    'log': BASE + [1.0000000000000002, 0.9999999999999999, 1.0000009536743164, 0.9999990463256836, 0.7071067811865476, 1.4142135623730951, 3.0, 10.0],
    'log1p': BASE + [-0.9999999999999999, -1.0000000000000002, -2.0, 5.551115123125783e-17, 1e-17, -1e-17, 1.862645149230957e-9, 0.41421356237309503,
                     -0.2928932188134524, 9007199254740992.0, 1e300],
    'log2': BASE + [1024.0, 0.0009765625, 1.0000000000000002, 0.9999999999999999, 3.0, 10.0, 2.0 ** -1074, 2.0 ** 1023],
    'tanh': BASE + [22.0, -22.0, 21.999999999999996, 1.0000000000000002, 0.9999999999999999, 3.725290298461914e-9, 1e-10, -1e-10, 19.0, 0.55],
    'sin': BASE + PIO2_MULT + [-x for x in PIO2_MULT],
    'cos': BASE + PIO2_MULT + [-x for x in PIO2_MULT],
    'cbrt': BASE + [27.0, -27.0, 8.0, 2.0 ** -52, 1e-320, 3.0],
    'asinh': BASE + [3.725290298461914e-9, 268435456.0, 268435456.00000006, 2.0000000000000004, 1e-10, 1e300, -1e300],
    'acos': BASE + [0.9999999999999999, -0.9999999999999999, 6.938893903907228e-18, 0.49999999999999994, -0.49999999999999994, 1.0000000000000002, 1e-300],
    'hypot': [],
}
HYPOT_SPECIAL = [(3.0, 4.0), (0.0, 0.0), (-0.0, -0.0), (math.inf, math.nan), (math.nan, -math.inf), (math.nan, 1.0), (1e308, 1e308), (1e-320, 1e-320),
                 (5e-324, 5e-324), (1.0, 7.450580596923828e-9), (1.0, 7.450580596923827e-9), (1e300, 1e-300), (1.7976931348623157e308, 1.0),
                 (2.0 ** 500, 2.0 ** 500), (2.0 ** -500, 2.0 ** -501), (-5.0, 12.0)]
N = 20000
SEGMENTS = {
    'exp': [('uniform', -745.2, 709.8, 8000), ('uniform', -1.0, 1.0, 6000), ('logu', -1022, -1, True, 6000)],
    'expm1': [('uniform', -40.0, 709.8, 6000), ('uniform', -2.0, 2.0, 6000), ('logu', -1022, -1, True, 8000)],
    'log': [('logu', -1022, 1023, False, 10000), ('uniform', 0.5, 2.0, 7000), ('subnormal', 3000)],
    'log1p': [('uniform', -1.0, 1.0, 6000), ('logu', -1022, 1023, False, 6000), ('logu', -1022, -1, True, 6000), ('subnormal', 2000)],
    'log2': [('logu', -1022, 1023, False, 10000), ('uniform', 0.5, 2.0, 7000), ('subnormal', 3000)],
    'tanh': [('uniform', -23.0, 23.0, 8000), ('uniform', -1.5, 1.5, 6000), ('logu', -1022, 4, True, 6000)],
    'sin': [('uniform', -10.0, 10.0, 8000), ('logu', -1022, 1023, True, 8000), ('uniform', -1.7e6, 1.7e6, 4000)],
    'cos': [('uniform', -10.0, 10.0, 8000), ('logu', -1022, 1023, True, 8000), ('uniform', -1.7e6, 1.7e6, 4000)],
    'cbrt': [('logu', -1022, 1023, True, 14000), ('subnormal', 3000), ('uniform', -10.0, 10.0, 3000)],
    'asinh': [('uniform', -5.0, 5.0, 8000), ('logu', -1022, 1023, True, 12000)],
    'acos': [('uniform', -1.0, 1.0, 12000), ('logu', -1022, -1, True, 8000)],
    'hypot': [('logu', -1022, 1023, True, 10000), ('uniform', -10.0, 10.0, 6000), ('subnormal', 4000)],
}

def main(names):
    os.makedirs(OUT, exist_ok=True)
    for idx, name in enumerate(names):
        seed = 0x5EED0000 + idx
        gen = splitmix(seed)
        low = bytearray()
        count = 0
        for seg in SEGMENTS[name]:
            n = seg[-1]
            for _ in range(n):
                if name == 'hypot':
                    x = draw(gen, seg[:-1]); y = draw(gen, seg[:-1]); r = value(name, x, y)
                else:
                    x = draw(gen, seg[:-1]); r = value(name, x)
                low += struct.pack('<H', ordered(r) & 0xFFFF)
                count += 1
        assert count == N, (name, count)
        if name == 'hypot':
            special = [[format(bits(x) & M64, '016x'), format(bits(y) & M64, '016x'), format(bits(value(name, x, y)) & M64, '016x')] for x, y in HYPOT_SPECIAL]
        else:
            special = [[format(bits(x) & M64, '016x'), format(bits(value(name, x)) & M64, '016x')] for x in SPECIAL[name]]
        with open(os.path.join(OUT, name + '.low16.bin'), 'wb') as f:
            f.write(low)
        spec = {'function': name, 'seed': seed, 'count': N, 'segments': [list(s) for s in SEGMENTS[name]], 'special': special}
        with open(os.path.join(OUT, name + '.json'), 'w') as f:
            json.dump(spec, f, indent=1)
            f.write('\n')
        print(name, 'done', file=sys.stderr)

if __name__ == '__main__':
    main(sys.argv[1:] or list(SEGMENTS))
