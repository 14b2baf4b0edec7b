/**
 * `log1p(x)` = ln(1 + x) from IEEE-exact operations only, accurate near 0 and the same bits in
 * every JavaScript engine.
 *
 * Method: for |x| ≥ 1/16, u = 1 + x with its rounding error d (exact, Knuth's TwoSum), and ln(u +
 * d) by {@link log}'s table-driven kernel with d folded into its reduced argument (|ln(1 + x)| >
 * 0.06 there, error < 0.57 ulp). For |x| < 1/16, fdlibm's `s_log1p.c` (Sun Microsystems 1993,
 * "Permission to use, copy, modify, and distribute this software is freely granted, provided that
 * this notice is preserved"): log(1 + f) as in fdlibm's log (Remez polynomial, |error| < 2^−58.45).
 * Error < 1 ulp on the whole domain (measured maximum 0.54 ulp).
 *
 * @module
 */
import { logTable as logTable_ } from './log';
import { F64 as F64_, HI as HI_, I32 as I32_, pow2neg as pow2neg_ } from './words';

// Module-local aliases: a CommonJS build (and tsx) reads an imported binding through a getter on
// every use, about 1 ns each in these hot paths; a local const is read directly. Same bits.
const logTable = logTable_;
const F64 = F64_;
const HI = HI_;
const I32 = I32_;
const pow2neg = pow2neg_;

/**
 * ln(1 + x), faithfully rounded (error < 1 ulp) and engine-independent, accurate for tiny x where
 * `log(1 + x)` loses the digits of x.
 *
 * Special cases: log1p(NaN) = NaN, log1p(x < −1) = NaN, log1p(−1) = −∞, log1p(±0) = ±0,
 * log1p(+∞) = +∞; |x| < 2^−54 returns x. Cost: O(1), about 30 flops, no allocation.
 *
 * @param x - any number ≥ −1.
 * @returns ln(1 + x).
 * @example
 * ```ts
 * import { log1p } from 'sgd-dynamics/core';
 * log1p(1e-10); // 9.999999999500001e-11
 * ```
 */
export function log1p(x: number): number {
  // |x| ≥ 1/16 (|ln(1 + x)| > 0.06), finite, x > −1: the table-driven logarithm of u = 1 + x, with
  // the rounding error of 1 + x (exact, Knuth's TwoSum) folded into its reduced argument.
  if (x >= 0.0625 ? x < Infinity : x <= -0.0625 && x > -1) {
    const u = 1 + x;
    const bb = u - 1;
    const dx = 1 - (u - bb) + (x - bb);
    F64[0] = u;
    return logTable(u, I32[HI] as number, 0, dx);
  }
  return log1pSmall(x);
}

/** fdlibm's log1p for |x| < 1/16 and the special arguments (x ≤ −1, ±∞, NaN). */
function log1pSmall(x: number): number {
  const LG1 = 6.66666666666673513e-1;
  const LG2 = 3.999999999940941908e-1;
  const LG3 = 2.857142874366239149e-1;
  const LG4 = 2.222219843214978396e-1;
  const LG5 = 1.818357216161805012e-1;
  const LG6 = 1.531383769920937332e-1;
  const LG7 = 1.479819860511658591e-1;
  const LN2_HI = 6.9314718036912381649e-1;
  const LN2_LO = 1.90821492927058770002e-10;
  F64[0] = x;
  const hx = I32[HI] as number;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN;
    if (ax < 0x3e200000) {
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      F64[0] = u;
      hu = I32[HI] as number;
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      u = x;
      hu = hx;
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu >= 0x6a09e) {
      k += 1;
      hu = (0x00100000 - hu) >> 2;
    }
    // u·2^−k is fdlibm's "set the high word of u" (to 1 ≤ u < √2 or √2/2 ≤ u < 1): the same exact
    // value, without a half-word store that stalls store forwarding.
    f = u * pow2neg(k) - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}
