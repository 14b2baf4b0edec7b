/**
 * `tanh(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method (fdlibm's `s_tanh.c`, Sun Microsystems 1993, "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved"): with t =
 * {@link expm1}(±2|x|), tanh|x| = 1 − 2/(t + 2) for |x| ≥ 1 and −t/(t + 2) (t = expm1(−2|x|)) for
 * |x| < 1, so no cancellation; ±1 for |x| ≥ 22, x for |x| < 2^−28. Error ≤ 2 ulps (measured
 * maximum over the test arguments; NOT the 1-ulp bound of the other functions: on |x| < 1 the
 * < 1-ulp error of expm1 is amplified by 2/(t + 2) ≤ 1.76).
 *
 * @module
 */
import { expm1 } from './expm1';

/**
 * The hyperbolic tangent tanh x, within 2 ulps (not faithfully rounded everywhere: see the module note) and
 * engine-independent.
 *
 * Special cases: tanh(NaN) = NaN, tanh(±0) = ±0, tanh(±∞) = ±1, |x| ≥ 22 returns ±1.
 * Cost: one {@link expm1} and one division, no allocation.
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
  const ax = x < 0 ? -x : x;
  let z: number;
  if (ax < 22) {
    if (ax < 3.725290298461914e-9) return x;
    if (ax >= 1) {
      z = 1 - 2 / (expm1(ax + ax) + 2);
    } else {
      const t = expm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else {
    if (x !== x) return x;
    z = 1;
  }
  return x < 0 ? -z : z;
}
