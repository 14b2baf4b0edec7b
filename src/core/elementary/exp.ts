/**
 * `exp(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method (table-driven, after Tang, "Table-driven implementation of the exponential function in
 * IEEE floating-point arithmetic", ACM TOMS 15, 1989): x = n·ln2/128 + r, n = round(x·128/ln2),
 * |r| ≤ ln2/256, with ln2/128 split in a 35-bit head and a tail so that n·head is exact; e^x =
 * 2^k·2^(j/128)·e^r (n = 128k + j) with 2^(j/128) from a table as a head (the nearest double) and a
 * tail, and e^r − 1 by its Taylor polynomial of degree 5 (|error| < 2^−60.6); then
 * 2^k·(head + (tail + head·p)), one rounding of a sum whose small part is < 0.0055 of it: error
 * < 0.51 ulp (measured maximum 0.51 ulp), no division. Below −708 and above 709.4 (subnormal
 * results, overflow) fdlibm's `e_exp.c` (Sun Microsystems 1993, "Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved"): k =
 * round(x/ln2), a rational form on |r| ≤ ln2/2, and a scaling in two steps.
 *
 * @module
 */
import { EXP_TABLE } from './tables';
import { pow2 } from './words';

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const TWO_M1000 = pow2(-1000);

/**
 * The exponential e^x, faithfully rounded (error < 1 ulp) and engine-independent: computed with
 * +, −, ×, ÷ only, so Node, Chromium, Firefox and Safari return the same bits (unlike `Math.exp`,
 * which ECMAScript leaves implementation-approximated).
 *
 * Special cases: exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = +0, exp(±0) = 1; x > 709.782712893384
 * overflows to +∞, x < −745.1332191019412 underflows to +0; results below 2^−1022 are subnormal
 * (correctly scaled, one rounding). Cost: O(1), about 15 flops and three table loads, no allocation.
 *
 * @param x - the exponent (any number).
 * @returns e^x.
 * @example
 * ```ts
 * import { exp } from 'sgd-dynamics/core';
 * exp(1); // 2.718281828459045 (the correctly rounded e; most results are, the rest within 1 ulp)
 * ```
 */
export function exp(x: number): number {
  if (!(x < 709.4 && x > -708)) return expLarge(x);
  // The constants as locals (TurboFan folds local literals; module-level consts cost a load and a
  // hole check each): 128/ln2, ln2/128 in a 35-bit head and a tail, the round-to-integer shift
  // 1.5·2^52, and the Taylor coefficients 1/6, 1/24, 1/120 (the values of tables.ts).
  const invLn2N = 184.6649652337873;
  const l1 = 0.005415212347998022;
  const l2 = 1.2655086083325438e-13;
  const shift = 6755399441055744;
  // x = n·ln2/128 + r, n = round(x·128/ln2) (ties to even, by the shift), |r| ≤ ln2/256 + 2^−40;
  // x − n·l1 is exact (|n| < 2^17, l1 has 35 bits), n·l2 and the subtraction add < 2^−62.
  const n = x * invLn2N + shift - shift;
  const r = x - n * l1 - n * l2;
  const ni = n | 0;
  const j = (ni & 127) << 1;
  // e^r − 1 by its Taylor polynomial of degree 5: |error| < |r|⁶/720 < 2^−60.6 on |r| ≤ ln2/256.
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  // 2^(j/128)·(1 + p) = head + (tail + head·p): one rounding of a sum whose small part is < 0.0055
  // of it, so the error is < 0.51 ulp; then the exact scaling by 2^k, k = ⌊n/128⌋ ∈ [−1022, 1023].
  const th = EXP_TABLE[j] as number;
  const y = th + ((EXP_TABLE[j + 1] as number) + th * p);
  return y * pow2(ni >> 7);
}

/** x ≤ −708, x ≥ 709.4, ±∞ and NaN: overflow, underflow, subnormal results (kept out of line). */
function expLarge(x: number): number {
  if (x !== x) return x;
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  const k = Math.round(x * INV_LN2);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000;
}
