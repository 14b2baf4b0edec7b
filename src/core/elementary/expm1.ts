/**
 * `expm1(x)` = e^x − 1 from IEEE-exact operations only, accurate near 0 and the same bits in every
 * JavaScript engine.
 *
 * Method (fdlibm's `s_expm1.c`, Sun Microsystems 1993, "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved"): x = k·ln2
 * + r, |r| ≤ ln2/2, with the rounding error c of the reduction carried; on [−ln2/2, ln2/2] a
 * degree-10 rational approximation in r²/2 (Remez, |error| < 2^−61); then 2^k·(expm1(r) + 1 − 2^−k)
 * arranged per range of k so that no cancellation loses bits. Error < 1 ulp on the whole domain.
 *
 * @module
 */
import { pow2 } from './words';

/**
 * e^x − 1, faithfully rounded (error < 1 ulp) and engine-independent (only +, −, ×, ÷ and exact
 * scalings by powers of two), accurate for tiny x where `exp(x) − 1` cancels.
 *
 * Special cases: expm1(NaN) = NaN, expm1(±0) = ±0, expm1(+∞) = +∞, expm1(−∞) = −1; x >
 * 709.782712893384 overflows to +∞; x < −56·ln2 returns −1 (the nearest double); |x| < 2^−54
 * returns x. Cost: O(1), about 25 flops, no allocation.
 *
 * @param x - any number.
 * @returns e^x − 1.
 * @example
 * ```ts
 * import { expm1 } from 'sgd-dynamics/core';
 * expm1(1e-10); // 1.00000000005e-10
 * ```
 */
export function expm1(x: number): number {
  const O_THRESHOLD = 7.09782712893383973096e2;
  const LN2_HI = 6.9314718036912381649e-1;
  const LN2_LO = 1.90821492927058770002e-10;
  const INV_LN2 = 1.442695040888963387;
  const Q1 = -3.33333333333331316428e-2;
  const Q2 = 1.58730158725481460165e-3;
  const Q3 = -7.93650757867487942473e-5;
  const Q4 = 4.00821782732936239552e-6;
  const Q5 = -2.01099218183624371326e-7;
  const ax = x < 0 ? -x : x;
  if (!(ax < 38.816242111356935)) {
    if (x !== x) return x;
    if (x < 0) return -1;
    if (x > O_THRESHOLD) return Infinity;
  }
  let k: number;
  let c = 0;
  if (ax > 0.3465735902799726) {
    let hi: number;
    let lo: number;
    if (ax < 1.0397207708399179) {
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < 5.551115123125783e-17) {
    return x;
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * pow2(1023) : y * pow2(k)) - 1;
  }
  if (k < 20) return (1 - pow2(-k) - (e - x)) * pow2(k);
  return (x - (e + pow2(-k)) + 1) * pow2(k);
}
