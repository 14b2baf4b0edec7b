#!/usr/bin/python3
"""Data of the table-driven elementary functions in src/core/elementary (run:
/usr/bin/python3 scripts/elementary-tables.py > src/core/elementary/tables.ts, then
npx prettier --write src/core/elementary/tables.ts).

Needs mpmath (Debian python3-mpmath). Everything is computed at 256 bits and rounded once (to binary64
for heads, to binary32 for tails, which need only ~24 bits), so the file is reproducible bit for bit.
Shipped as base64 (little-endian) to keep the bundles small; tables.ts decodes it once and derives the
rest with IEEE-exact operations:
- EXP: 2^(j/128), j = 0 … 127: the nearest double (head) and the nearest float to the remainder (tail);
- LOG: for the 128 subintervals i of z ∈ [0.6875, 1.375) (the high word of z minus 0x3fe60000,
  shifted right by 13), −ln(invc) as the nearest double and the nearest float to the remainder, with
  invc = 2/(z_lo + z_hi) (one IEEE division, as tables.ts computes it) and invc = 1 for the two
  subintervals around 1 (i = 79, 80).
Also printed (as comments, for the constants the kernels inline): 128/ln2, ln2/128 in a 35-bit head
and a tail, ln2 in a 42-bit head and a tail, 1/ln2 and its tail, and the tanh polynomial (degree 10
in x², a Chebyshev fit on [0, 0.55²] with |P − (tanh x − x)/x³| < 8e-18).
"""
import base64, struct

TAIL = r'''/** The bytes of a base64 string (RFC 4648 alphabet, with padding), read as little-endian numbers. */
function decode(b64: string): DataView {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = b64.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = ((acc << 6) | alphabet.indexOf(clean.charAt(i))) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return new DataView(bytes.buffer);
}

/** a·b − fl(a·b) exactly (Dekker's two-product with Veltkamp's split; no FMA). */
function productError(a: number, b: number, p: number): number {
  const SPLIT = 134217729;
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** @internal 2^(j/128), j = 0 … 127, as [head_j, tail_j] pairs (head the nearest double). */
export const EXP_TABLE = /* @__PURE__ */ ((): Float64Array => {
  const d = decode(EXP_DATA);
  const t = new Float64Array(256);
  for (let j = 0; j < 128; j++) {
    t[2 * j] = d.getFloat64(8 * j, true);
    t[2 * j + 1] = d.getFloat32(1024 + 4 * j, true);
  }
  return t;
})();

/**
 * @internal Per subinterval i of z ∈ [0.6875, 1.375) (i = ((high word of z) − 0x3fe60000) >> 13),
 * seven columns [invc, chi, clo, logcHi, logcLo, log2cHi, log2cLo]: invc = 2/(z_lo + z_hi) (1 for
 * i = 79, 80), chi + clo = 1/invc (chi the rounded quotient, clo the rest from the exact residual),
 * logc = −ln(invc) (generated), log2c = logc·(1/ln2) in double-double (two-product).
 */
export const LOG_TABLE = /* @__PURE__ */ ((): Float64Array => {
  const d = decode(LOG_DATA);
  const t = new Float64Array(7 * 128);
  const invLn2 = 1.4426950408889634;
  const invLn2Lo = 2.0355273740931033e-17;
  for (let i = 0; i < 128; i++) {
    // z_lo and z_hi: the doubles with high words 0x3fe60000 + i·0x2000 (and the next), low word 0.
    const h0 = 0x3fe60000 + i * 0x2000;
    const h1 = h0 + 0x2000;
    const zlo = (0.5 * (1 + (h0 & 0xfffff) * 9.5367431640625e-7)) * ((h0 >> 20) === 0x3ff ? 2 : 1);
    const zhi = (0.5 * (1 + (h1 & 0xfffff) * 9.5367431640625e-7)) * ((h1 >> 20) === 0x3ff ? 2 : 1);
    const invc = i === 79 || i === 80 ? 1 : 2 / (zlo + zhi);
    const chi = 1 / invc;
    const p = chi * invc;
    const clo = (1 - p - productError(chi, invc, p)) / invc;
    const lch = d.getFloat64(8 * i, true);
    const lcl = d.getFloat32(1024 + 4 * i, true);
    const q = lch * invLn2;
    const ql = productError(lch, invLn2, q) + lch * invLn2Lo + lcl * invLn2;
    const l2h = q + ql;
    t.set([invc, chi, clo, lch, lcl, l2h, q - l2h + ql], 7 * i);
  }
  return t;
})();
'''
import mpmath
from mpmath import mp, mpf

mp.prec = 256


def trunc_bits(v, bits):
    e = int(mpmath.floor(mpmath.log(abs(v), 2)))
    scale = mpf(2) ** (bits - 1 - e)
    return mpmath.floor(v * scale) / scale


def f32(v):
    return struct.unpack('<f', struct.pack('<f', float(v)))[0]


ln2 = mpmath.log(2)
L = ln2 / 128
L1 = trunc_bits(L, 35)
th, tl = [], []
for j in range(128):
    t = mpf(2) ** (mpf(j) / 128)
    hi = float(t)
    th.append(hi)
    tl.append(float(t - mpf(hi)))  # struct packs it as the nearest float below
lch, lcl = [], []
for i in range(128):
    def z_of(h):
        return struct.unpack('<d', struct.pack('<Q', h << 32))[0]
    zlo, zhi = z_of(0x3fe60000 + i * 0x2000), z_of(0x3fe60000 + (i + 1) * 0x2000)
    invc = 1.0 if i in (79, 80) else 2 / (zlo + zhi)  # zlo + zhi exact, one rounded division
    lc = -mpmath.log(mpf(invc))
    lch.append(float(lc))
    lcl.append(float(lc - mpf(float(lc))))


def g(s):
    if s == 0:
        return mpf(-1) / 3
    x = mpmath.sqrt(s)
    return (mpmath.tanh(x) - x) / (x**3)


poly, err = mpmath.chebyfit(g, [0, mpf('0.55') ** 2], 11, error=True)
assert err < mpf('8e-18'), err
exp_b64 = base64.b64encode(struct.pack('<128d', *th) + struct.pack('<128f', *tl)).decode()
log_b64 = base64.b64encode(struct.pack('<128d', *lch) + struct.pack('<128f', *lcl)).decode()
print(f'''/**
 * Data of the table-driven elementary functions, generated by scripts/elementary-tables.py (mpmath
 * at 256 bits, each value rounded once; do not edit by hand), decoded once at load, with the derived
 * columns computed here by IEEE-exact operations (the same bits in every engine).
 *
 * Constants the kernels inline as literals (TurboFan folds local literals; a test checks them):
 * 128/ln2 = {float(128 / ln2)!r}, ln2/128 = {float(L1)!r} + {float(L - L1)!r} (35-bit head),
 * ln2 = {float(trunc_bits(ln2, 42))!r} + {float(ln2 - trunc_bits(ln2, 42))!r} (42-bit head),
 * 1/ln2 = {float(1 / ln2)!r} + {float(1 / ln2 - mpf(float(1 / ln2)))!r},
 * tanh x = x + x³·P(x²) on |x| < 0.55, P = [{', '.join(repr(float(c)) for c in reversed(poly))}].
 *
 * @internal
 * @module
 */

const EXP_DATA =
  '{exp_b64}';
const LOG_DATA =
  '{log_b64}';
''')
print(TAIL, end='')
