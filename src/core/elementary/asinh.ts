/**
 * `asinh(x)` from IEEE-exact operations and this library's table-driven logarithm kernel, the
 * same bits in every JavaScript engine.
 *
 * Method: odd, asinh(−x) = −asinh x. For |x| < 1/16, the Taylor series x + x³·P(x²) to x^15
 * (truncation < 2^−70·|x|). For 1/16 ≤ |x| < 2^28, asinh|x| = ln v with v = |x| + √(x² + 1), whose
 * rounding error is recovered from the exact identity (v − |x|)² − x² = 1: with w = fl(v) and
 * g + g′ = w − 2|x| exactly (Knuth's TwoSum; g′ = 0 for |x| > 0.36, Sterbenz), w·g = P + P′
 * exactly (Dekker's product), w·(g + g′) − 1 = 2√(x² + 1)·(w − v) + (w − v)², so v = w + d with
 * d = −((P − 1) + P′ + w·g′)/(w + g) to a relative 2^−50 (an absolute 2^−100·v); then ln(w + d)
 * by {@link log}'s table-driven kernel with d folded into its reduced argument (inlined here, its
 * arithmetic unchanged). For |x| ≥ 2^28, ln|x| + ln 2 by the same kernel (1/(4x²) < 2^−58 is
 * below its resolution). Error < 0.6 ulp (measured maximum 0.53 ulp).
 *
 * @module
 */
import { logTable } from './log';
import { LOG_TABLE } from './tables';
import { F64, HI, I32, POW2 } from './words';

// Module-local aliases (see cbrt.ts): a module's own `const` is read directly, an imported binding
// may be a namespace getter (esbuild's CommonJS output), about 1 ns per use in this hot path.
const F = F64;
const W = I32;
const H = HI;
const P2 = POW2;
const LT = LOG_TABLE;

/**
 * The inverse hyperbolic sine asinh x = ln(x + √(x² + 1)), faithfully rounded (error < 1 ulp;
 * measured maximum 0.53 ulp) and engine-independent.
 *
 * Special cases: asinh(NaN) = NaN, asinh(±0) = ±0, asinh(±∞) = ±∞; subnormal x returns x. Cost:
 * one square root, one division and about 55 other flops (a logarithm kernel with five table loads
 * included), no allocation, no branch on the sign.
 *
 * @param x - any number.
 * @returns asinh x.
 * @example
 * ```ts
 * import { asinh } from 'sgd-dynamics/core';
 * asinh(1); // 0.881373587019543
 * ```
 */
export function asinh(x: number): number {
  F[0] = x;
  const hw = W[H] as number;
  const hx = hw & 0x7fffffff;
  // |x| < 1/16 (also ±0, subnormals): the odd Taylor series, Estrin's scheme in t = x².
  if (hx < 0x3fb00000) return asinhSmall(x, hx);
  // |x| ≥ 2^28, ±∞, NaN.
  if (hx >= 0x41b00000) return asinhHuge(x, hx, hw);
  const ax = Math.abs(x);
  const w = ax + Math.sqrt(ax * ax + 1);
  // g + ge = w − 2|x| exactly (TwoSum).
  const a2 = ax + ax;
  const g = w - a2;
  const bv = g - w;
  const ge = w - (g - bv) - (a2 + bv);
  // w·g = pw + pe exactly (Dekker: Veltkamp's splits at 27 bits).
  const cw = w * 134217729;
  const wh = cw - (cw - w);
  const wl = w - wh;
  const cg = g * 134217729;
  const gh = cg - (cg - g);
  const gl = g - gh;
  const pw = w * g;
  const pe = wh * gh - pw + wh * gl + wl * gh + wl * gl;
  // v − w, with 2√(x² + 1) ≈ w + g (pw − 1 exact: pw ∈ (1 − 2^−50, 1 + 2^−50)).
  const d = -(pw - 1 + (pe + w * ge)) / (w + g);
  // ln(w + d): log.ts's logTable(w, hw(w), 0, d), inlined with the module-local tables.
  F[0] = w;
  const tmp = (W[H] as number) - 0x3fe60000;
  const k = tmp >> 20;
  const i = ((tmp >> 13) & 127) * 7;
  const sc = P2[1074 - k] as number;
  const invc = LT[i] as number;
  const r = (w * sc - (LT[i + 1] as number) - (LT[i + 2] as number) + d * sc) * invc;
  const t1 = k * 0.6931471805598903;
  const lch = LT[i + 3] as number;
  const s = t1 + lch;
  const se = t1 - s + lch;
  const hi = s + r;
  const he = s - hi + r;
  const r2 = r * r;
  const p = -0.5 + r * 0.3333333333333333 + r2 * (-0.25 + r * 0.2) + r2 * r2 * (-0.16666666666666666 + r * 0.14285714285714285);
  const y = hi + (he + se + (k * 5.497923018708371e-14 + (LT[i + 4] as number)) + r2 * p);
  return y * ((hw >> 31) | 1);
}

/**
 * |x| < 1/16: x + x·t·P(t), t = x², P the Taylor coefficients −1/6, 3/40, −5/112, 35/1152,
 * −63/2816, 231/13312, −143/10240 (the next term < 2^−70·|x|); |x| < 2^−27 (±0, subnormals) returns x.
 */
function asinhSmall(x: number, hx: number): number {
  // |x| < 2^−27 (±0 and subnormals included, whose sign x + x·t·P would lose): x·t/6 < ulp(x)/4.
  if (hx < 0x3e400000) return x;
  const t = x * x;
  const t2 = t * t;
  const p =
    -0.16666666666666666 +
    t * 0.075 +
    t2 * (-0.044642857142857144 + t * 0.030381944444444444) +
    t2 * t2 * (-0.022372159090909092 + t * 0.017352764423076924 + t2 * -0.01396484375);
  return x + x * (t * p);
}

/** |x| ≥ 2^28: ln|x| + ln 2 (logTable's k0 = 1); ±∞ and NaN return x + x. */
function asinhHuge(x: number, hx: number, hw: number): number {
  if (hx >= 0x7ff00000) return x + x;
  return logTable(Math.abs(x), hx, 1, 0) * ((hw >> 31) | 1);
}
