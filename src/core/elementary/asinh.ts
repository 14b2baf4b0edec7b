/**
 * `asinh(x)` from IEEE-exact operations and this library's {@link log} / {@link log1p}, the same
 * bits in every JavaScript engine.
 *
 * Method (fdlibm's `s_asinh.c`, Sun Microsystems 1993, "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved"): asinh|x|
 * = ln|x| + ln2 for |x| > 2^28, ln(2|x| + 1/(√(x² + 1) + |x|)) for 2 < |x| ≤ 2^28, and
 * log1p(|x| + x²/(1 + √(1 + x²))) for |x| ≤ 2, so no cancellation; x for |x| < 2^−28; odd.
 * Error < 1 ulp (measured maximum in the tests).
 *
 * @module
 */
import { log, logTable } from './log';
import { log1p } from './log1p';
import { F64, HI, I32 } from './words';

/**
 * The inverse hyperbolic sine asinh x = ln(x + √(x² + 1)), faithfully rounded (error < 1 ulp)
 * and engine-independent.
 *
 * Special cases: asinh(NaN) = NaN, asinh(±0) = ±0, asinh(±∞) = ±∞. Cost: one logarithm and one
 * square root, no allocation.
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
  const LN2 = 6.93147180559945286227e-1;
  const ax = x < 0 ? -x : x;
  if (!(ax < Infinity)) return x + x;
  if (ax < 3.725290298461914e-9) return x;
  let w: number;
  if (ax > 268435456) {
    w = log(ax) + LN2;
  } else if (ax > 2) {
    // The argument lies in (4, 2^29]: positive, normal, far from 1, so log's table kernel directly.
    const v = 2 * ax + 1 / (Math.sqrt(x * x + 1) + ax);
    F64[0] = v;
    w = logTable(v, I32[HI] as number, 0, 0);
  } else {
    const t = x * x;
    w = log1p(ax + t / (1 + Math.sqrt(1 + t)));
  }
  return x < 0 ? -w : w;
}
