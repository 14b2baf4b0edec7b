/**
 * `log(x)` (natural logarithm) from IEEE-exact operations only, the same bits in every JavaScript
 * engine.
 *
 * Method (table-driven, after Tang, "Table-driven implementation of the logarithm function in IEEE
 * floating-point arithmetic", ACM TOMS 16, 1990): x = 2^k·z with z ∈ [0.6875, 1.375) read from the
 * bits, z in one of 128 subintervals with a point c = 1/invc near its middle; ln x = k·ln2 + ln c +
 * log1p(r), r = z·invc − 1 formed as (z − 1/invc)·invc with 1/invc a double-double (z − chi exact),
 * log1p(r) − r by its Taylor polynomial of degree 7 on |r| < 2^−8, ln c from the table in head and
 * tail parts, ln2 in a 42-bit head (k·head exact) and a tail; the large parts summed by Fast2Sum,
 * the small ones added last. Error < 0.57 ulp (measured maximum 0.54 ulp), no division. For
 * |x − 1| < 1/16, where ln x is small, fdlibm's `e_log.c` (Sun Microsystems 1993, "Permission to
 * use, copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved"): x = 1 + f, log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2 + f), R a degree-14
 * Remez polynomial (|error| < 2^−58.45). Error < 1 ulp on the whole domain.
 *
 * @module
 */
import { LOG_TABLE as LOG_TABLE_ } from './tables';
import { F64 as F64_, HI as HI_, I32 as I32_, pow2 as pow2_, pow2neg as pow2neg_ } from './words';

// Module-local aliases: a CommonJS build (and tsx) reads an imported binding through a getter on
// every use, about 1 ns each in these hot paths; a local const is read directly. Same bits.
const LOG_TABLE = LOG_TABLE_;
const F64 = F64_;
const HI = HI_;
const I32 = I32_;
const pow2 = pow2_;
const pow2neg = pow2neg_;

/** @internal fdlibm's ln2 head (exact in 32 bits) and tail, and its log polynomial. */
export const LN2_HI = 6.9314718036912381649e-1;
/** @internal */
export const LN2_LO = 1.90821492927058770002e-10;
/** @internal */
export const LG1 = 6.66666666666673513e-1;
/** @internal */
export const LG2 = 3.999999999940941908e-1;
/** @internal */
export const LG3 = 2.857142874366239149e-1;
/** @internal */
export const LG4 = 2.222219843214978396e-1;
/** @internal */
export const LG5 = 1.818357216161805012e-1;
/** @internal */
export const LG6 = 1.531383769920937332e-1;
/** @internal */
export const LG7 = 1.479819860511658591e-1;
const TWO54 = pow2(54);

/**
 * The natural logarithm ln x, faithfully rounded (error < 1 ulp) and engine-independent (only +,
 * −, ×, ÷ and bit access through typed-array views; `Math.log` is implementation-approximated).
 *
 * Special cases: log(NaN) = NaN, log(x < 0) = NaN, log(±0) = −∞, log(+∞) = +∞, log(1) = +0;
 * subnormal x handled exactly (scaled by 2^54 first). Cost: O(1), about 25 flops and five table
 * loads (a division only for |x − 1| < 1/16), no allocation.
 *
 * @param x - any number.
 * @returns ln x.
 * @example
 * ```ts
 * import { log } from 'sgd-dynamics/core';
 * log(10); // 2.302585092994046
 * ```
 */
export function log(x: number): number {
  F64[0] = x;
  const hx = I32[HI] as number;
  // One unsigned comparison each: hx outside [2^−1022, ∞) (zero, negative, subnormal, ∞, NaN), and
  // x in [0.9375, 1.0625) (near 1, where |ln x| < 2^−4 would magnify the table's absolute errors).
  if ((hx - 0x00100000) >>> 0 >= 0x7fe00000) return logRare(x, hx);
  if ((hx - 0x3fee0000) >>> 0 < 0x00030000) return logKernel(x, hx, 0);
  return logTable(x, hx, 0, 0);
}

/** Zero, negative, subnormal, infinite and NaN arguments (kept out of the hot path so log inlines). */
function logRare(x: number, hx: number): number {
  if (x === 0) return -Infinity;
  if (hx < 0 || x !== x) return NaN;
  if (hx >= 0x7ff00000) return x + x;
  x *= TWO54;
  F64[0] = x;
  return logTable(x, I32[HI] as number, -54, 0);
}

/**
 * @internal ln(x + d) + k0·ln2 for a positive normal x with high word hx, |d| ≤ ulp(x), the
 * result ≥ 2^−4 in magnitude (table-driven; d carries log1p's rounding error of 1 + x): x = 2^k·z, z ∈ [0.6875, 1.375), z in subinterval i of width 2^−8 (z < 1) or 2^−7;
 * ln x = k·ln2 − ln(invc) + log1p(r), r = (z + d·2^−k)·invc − 1 = (z − chi − clo + d·2^−k)·invc (z − chi exact by
 * Sterbenz; |r| < 2^−8, error ≤ 2^−52·|r|), log1p(r) − r by its Taylor polynomial of degree 7
 * (|error| < 2^−67); k·ln2 + ln c + r summed by two Fast2Sums, the small parts added last. Error
 * < 0.5 ulp + 2^−59/|ln x| ≤ 0.57 ulp.
 */
export function logTable(x: number, hx: number, k0: number, d: number): number {
  const tmp = hx - 0x3fe60000;
  const k = tmp >> 20;
  const i = ((tmp >> 13) & 127) * 7;
  const sc = pow2neg(k);
  const z = x * sc;
  const invc = LOG_TABLE[i] as number;
  const r = (z - (LOG_TABLE[i + 1] as number) - (LOG_TABLE[i + 2] as number) + d * sc) * invc;
  const kd = k + k0;
  // ln2 as a 42-bit head and a tail (the values of tables.ts; locals fold, see exp).
  const t1 = kd * 0.6931471805598903;
  const lch = LOG_TABLE[i + 3] as number;
  const w = t1 + lch;
  const we = t1 - w + lch;
  const hi = w + r;
  const he = w - hi + r;
  const r2 = r * r;
  const p = -0.5 + r * 0.3333333333333333 + r2 * (-0.25 + r * 0.2) + r2 * r2 * (-0.16666666666666666 + r * 0.14285714285714285);
  return hi + (he + we + (kd * 5.497923018708371e-14 + (LOG_TABLE[i + 4] as number)) + r2 * p);
}

/**
 * @internal ln x + k0·ln2 for a positive normal x with high word hx. x·2^−k is fdlibm's "set the
 * high word to hx | (i ^ 0x3ff00000)": the same exact value, by an exact multiplication instead of
 * a store into half of the value (which stalls store forwarding).
 */
export function logKernel(x: number, hx: number, k0: number): number {
  // The constants again as locals: TurboFan folds local literals, while each module-level const
  // costs a context load and a hole check (measured: 25 → 16 ns per call).
  const ln2Hi = 6.9314718036912381649e-1;
  const ln2Lo = 1.90821492927058770002e-10;
  const lg1 = 6.66666666666673513e-1;
  const lg2 = 3.999999999940941908e-1;
  const lg3 = 2.857142874366239149e-1;
  const lg4 = 2.222219843214978396e-1;
  const lg5 = 1.818357216161805012e-1;
  const lg6 = 1.531383769920937332e-1;
  const lg7 = 1.479819860511658591e-1;
  const m = hx & 0x000fffff;
  const i = (m + 0x95f64) & 0x100000;
  const ke = (hx >> 20) - 1023 + (i >> 20);
  const f = x * pow2neg(ke) - 1;
  const k = ke + k0;
  if (((2 + m) & 0x000fffff) < 3) return logNearOne(f, k);
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7))) + w * (lg2 + w * (lg4 + w * lg6));
  // fdlibm switches to the cheaper f − s·(f − R) for some mantissas; the f²/2 form is as accurate
  // everywhere, and one form avoids a branch that mispredicts on mixed arguments.
  const hfsq = 0.5 * f * f;
  return k * ln2Hi - (hfsq - (s * (hfsq + R) + k * ln2Lo) - f);
}

/** |f| < 2^−20: a short series (fdlibm's). */
function logNearOne(f: number, k: number): number {
  if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
  const R = f * f * (0.5 - 0.3333333333333333 * f);
  return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
}
