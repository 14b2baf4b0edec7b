/**
 * `expm1(x)` = e^x − 1 from IEEE-exact operations only, accurate near 0 and the same bits in every
 * JavaScript engine.
 *
 * Method: for |x| < 1/8, fdlibm's `s_expm1.c` kernel (Sun Microsystems 1993, "Permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved"): a degree-10 rational approximation in x²/2 (Remez, |error| < 2^−61). For 1/8 ≤ |x| <
 * 56·ln2, the table-driven reduction of {@link exp}, e^x − 1 = (a − 1) + b with a = 2^k·2^(j/128)
 * (head) and b = 2^k·(tail + head·p), a − 1 exact as a sum of two doubles (Knuth's TwoSum), so that
 * only the final sum rounds; |b| < 0.0055·a while |e^x − 1| > 0.11·a, so the error is < 0.56 ulp.
 * Above 56·ln2, e^x − 1 rounds like e^x (exp's error plus < ¼ ulp); below, −1. Error < 1 ulp on
 * the whole domain (measured maximum 0.56 ulp).
 *
 * @module
 */
import { exp } from './exp';
import { EXP_TABLE } from './tables';
import { pow2 } from './words';

/**
 * e^x − 1, faithfully rounded (error < 1 ulp) and engine-independent (only +, −, ×, ÷ and exact
 * scalings by powers of two), accurate for tiny x where `exp(x) − 1` cancels.
 *
 * Special cases: expm1(NaN) = NaN, expm1(±0) = ±0, expm1(+∞) = +∞, expm1(−∞) = −1; x >
 * 709.782712893384 overflows to +∞; x < −56·ln2 returns −1 (the nearest double); |x| < 2^−54
 * returns x. Cost: O(1), about 25 flops (one division for |x| < 1/8), no allocation.
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
  const Q1 = -3.33333333333331316428e-2;
  const Q2 = 1.58730158725481460165e-3;
  const Q3 = -7.93650757867487942473e-5;
  const Q4 = 4.00821782732936239552e-6;
  const Q5 = -2.01099218183624371326e-7;
  const ax = x < 0 ? -x : x;
  if (!(ax < 38.816242111356935)) {
    if (x !== x) return x;
    if (x < 0) return -1;
    return exp(x);
  }
  if (ax < 0.125) {
    if (ax < 5.551115123125783e-17) return x;
    // fdlibm's kernel for |x| ≤ ln2/2 (its k = 0 case): the rational form in x²/2.
    const hfx = 0.5 * x;
    const hxs = x * hfx;
    const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    const t = 3 - r1 * hfx;
    const e = hxs * ((r1 - t) / (6 - x * t));
    return x - (x * e - hxs);
  }
  // Table-driven (as exp): e^x − 1 = (a − 1) + b with a = 2^k·head_j and b = 2^k·(tail_j + head_j·p),
  // a − 1 = s + err exactly (Knuth's TwoSum), so only the final sum rounds: |b| < 0.0055·a and
  // |e^x − 1| > 0.11·a for |x| ≥ 1/8, so the rounding errors of b add < 0.05 ulp: error < 0.56 ulp.
  const n = x * 184.6649652337873 + 6755399441055744 - 6755399441055744;
  const r = x - n * 0.005415212347998022 - n * 1.2655086083325438e-13;
  const ni = n | 0;
  const j = (ni & 127) << 1;
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  const sc = pow2(ni >> 7);
  const th = EXP_TABLE[j] as number;
  const a = th * sc;
  const b = ((EXP_TABLE[j + 1] as number) + th * p) * sc;
  const s = a - 1;
  const bb = s - a;
  const err = a - (s - bb) + (-1 - bb);
  return s + (err + b);
}
