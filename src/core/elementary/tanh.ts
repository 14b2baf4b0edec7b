/**
 * `tanh(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method (table-driven, after Tang's exp): for |x| < 0.55, tanh x = x + x³·P(x²) with P of degree
 * 10 (a Chebyshev fit at 256 bits, scripts/elementary-tables.py; it adds < 2^−58 relative), whose
 * correction term is < 0.1·|x|, so its rounding errors enter damped. For 0.55 ≤ |x| < 22, tanh|x|
 * = 1 − q with q = 2/(E + 1), E = e^{2|x|} as a head and tail from the 2^(j/128) table of
 * {@link exp} (relative error < 2^−60), E + 1 formed exactly (Fast2Sum), q = 2/(E + 1) from one
 * division with the tail folded in to first order, and 1 − q by Fast2Sum, so the only errors
 * that count are the division's (≤ ½ ulp of q ≤ ¼ ulp of the result, since q ≤ ½ ≤ tanh|x|) and
 * the final rounding (½ ulp): < 0.76 ulp. ±1 for |x| ≥ 22 (1 − tanh 22 < 2^−62); odd.
 *
 * @module
 */
import { EXP_TABLE } from './tables';
import { pow2 } from './words';

/**
 * The hyperbolic tangent tanh x, faithfully rounded (error < 1 ulp; see the module note for the
 * bound) and engine-independent.
 *
 * Special cases: tanh(NaN) = NaN, tanh(±0) = ±0, tanh(±∞) = ±1, |x| ≥ 22 returns ±1, tiny and
 * subnormal x return x. Cost: O(1), about 25 flops (|x| < 0.55) or one table-driven exponential
 * and one division (above), no allocation.
 *
 * @param x - any number.
 * @returns tanh x.
 * @example
 * ```ts
 * import { tanh } from 'sgd-dynamics/core';
 * tanh(0.5); // 0.46211715726000974
 * ```
 */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  if (a < 0.55) {
    // |x| < 2^−28 (also ±0, whose sign the sum below would lose): x²/3 < 2^−57, tanh x rounds to x.
    if (a < 3.725290298461914e-9) return x;
    // P(s), s = x², by Estrin's scheme (the coefficients of tables.ts's TANH_POLY).
    const s = x * x;
    const s2 = s * s;
    const s4 = s2 * s2;
    const p03 = -0.3333333333333333 + s * 0.13333333333332714 + s2 * (-0.053968253967434016 + s * 0.021869488493666944);
    const p47 = -0.008863234397814355 + s * 0.003592110378689024 + s2 * (-0.001455661830100716 + s * 0.0005889360520074057);
    const p810 = -0.0002346347410887237 + s * 8.511313685577672e-5 + s2 * -2.060276537636634e-5;
    return x + x * s * (p03 + s4 * (p47 + s4 * p810));
  }
  if (!(a < 22)) {
    if (x !== x) return x;
    return x < 0 ? -1 : 1;
  }
  // E = e^{2a} = 2^k·2^(j/128)·(1 + p) as in exp (2a = n·ln2/128 + r).
  const z = a + a;
  const n = z * 184.6649652337873 + 6755399441055744 - 6755399441055744;
  const r = z - n * 0.005415212347998022 - n * 1.2655086083325438e-13;
  const ni = n | 0;
  const j = (ni & 127) << 1;
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  const sc = pow2(ni >> 7);
  const th = EXP_TABLE[j] as number;
  const hi = th * sc;
  const lo = ((EXP_TABLE[j + 1] as number) + th * p) * sc;
  // E = eh + el and E + 1 = uh + ul, each by Fast2Sum (|hi| > |lo|, eh ≥ 2 > 1), so that |ul| ≤ ulp(uh).
  const eh = hi + lo;
  const el = hi - eh + lo;
  const uh = eh + 1;
  const ul = 1 - (uh - eh) + el;
  // q = 2/(uh + ul) = qh − c, qh = 2/uh rounded, c = qh·ul/uh = ½·qh²·ul to first order (|ul/uh| ≤ 2^−52).
  const qh = 2 / uh;
  const c = 0.5 * qh * qh * ul;
  // 1 − q = s + e + c, with s + e = 1 − qh exactly (Fast2Sum, 1 ≥ qh).
  const s = 1 - qh;
  const e = 1 - s - qh;
  const t = s + (e + c);
  return x < 0 ? -t : t;
}
