/**
 * `exp(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method (fdlibm's `e_exp.c`, Sun Microsystems 1993, "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved"):
 * argument reduction x = k·ln2 + r, k = round(x/ln2), |r| ≤ ln2/2, with ln2 split in a 32-bit head and a tail so
 * that k·ln2_hi is exact; a degree-10 Remez rational form exp(r) = 1 + r + r·c(r)/(2 − c(r)),
 * c(r) = r − r²·(P1 + r²·(P2 + … + r²·P5)) (|error| < 2^−59 of the polynomial); scaling by 2^k
 * from an exact table. The error is below 1 ulp on the whole domain (faithful rounding).
 *
 * @module
 */
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
 * (correctly scaled, one rounding). Cost: O(1), about 20 flops, no allocation.
 *
 * @param x - the exponent (any number).
 * @returns e^x.
 * @example
 * ```ts
 * import { exp } from 'sgd-dynamics/core';
 * exp(1); // 2.7182818284590455: e lies between this and the double below it (faithful, not correctly rounded)
 * ```
 */
export function exp(x: number): number {
  if (!(x < 709.4 && x > -708)) return expLarge(x);
  // Constants as locals: TurboFan folds local literals (module-level consts cost a load and a hole check).
  const invLn2 = 1.442695040888963387;
  const ln2Hi = 6.9314718036912381649e-1;
  const ln2Lo = 1.90821492927058770002e-10;
  const p1 = 1.66666666666666019037e-1;
  const p2 = -2.77777777770155933842e-3;
  const p3 = 6.61375632143793436117e-5;
  const p4 = -1.6533902205465251539e-6;
  const p5 = 4.13813679705723846039e-8;
  // One branch-free path for −708 < x < 709.4 (so −1021 ≤ k ≤ 1023) (fdlibm's separate k = 0, k = ±1 and tiny-x cases
  // compute the same values, but their sign- and size-dependent branches mispredict on mixed
  // arguments): k = round(x/ln2), r = x − k·ln2 in two parts (k·ln2Hi exact).
  const k = Math.round(x * invLn2);
  const hi = x - k * ln2Hi;
  const lo = k * ln2Lo;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return y * pow2(k);
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
