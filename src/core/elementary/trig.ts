/**
 * `sin(x)` and `cos(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method (fdlibm's `s_sin.c`, `s_cos.c`, Sun Microsystems 1993, "Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved"): reduce
 * x = n·π/2 + r with r = y0 + y1 a double-double, |r| ≤ π/4 (Cody–Waite below 2^20·π/2, an exact
 * BigInt Payne–Hanek reduction above; see the trig kernels), then by n mod 4 one of ±sin r, ±cos r
 * from the fdlibm degree-13/14 kernels (|polynomial error| < 2^−58), both evaluated and the quadrant
 * selected without a branch (the same bits as fdlibm's switch). Error < 1 ulp on the whole
 * domain, including |x| up to 1.8·10^308.
 *
 * @module
 */
import { REM as REM_, kernelCos as kernelCos_, kernelSin as kernelSin_, remPio2 as remPio2_ } from './trig-kernels';

// Module-local aliases: a CommonJS build (and tsx) reads an imported binding through a getter on
// every use, about 1 ns each in these hot paths; a local const is read directly. Same bits.
const REM = REM_;
const kernelCos = kernelCos_;
const kernelSin = kernelSin_;
const remPio2 = remPio2_;

const PIO4 = 0.7853981633974483;
/** Scratch for the branch-free quadrant selection: [the even-quadrant value, the odd-quadrant value]. */
const SC = new Float64Array(2);

/**
 * The sine sin x (x in radians), faithfully rounded (error < 1 ulp) and engine-independent.
 *
 * Special cases: sin(NaN) = sin(±∞) = NaN, sin(±0) = ±0, |x| < 2^−26 returns x. Arguments of any
 * size are reduced exactly (sin(1e300) is the correctly reduced value, not noise). Cost: O(1),
 * about 30 flops for |x| < 1.6·10^6, a few microseconds (BigInt reduction) above.
 *
 * @param x - the angle in radians.
 * @returns sin x.
 * @example
 * ```ts
 * import { sin } from 'sgd-dynamics/core';
 * sin(Math.PI / 6); // 0.49999999999999994
 * ```
 */
export function sin(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax <= PIO4) {
    if (ax < 1.4901161193847656e-8) return x;
    return kernelSin(x, 0, 0);
  }
  if (!(ax < Infinity)) return NaN;
  // Both kernels, then the quadrant n mod 4 picked without a branch (a four-way branch on n
  // mispredicts on mixed arguments): n odd takes cos, n & 2 the minus sign (an exact factor −1).
  const n = remPio2(x);
  const y0 = REM[0] as number;
  const y1 = REM[1] as number;
  SC[0] = kernelSin(y0, y1, 1);
  SC[1] = kernelCos(y0, y1);
  return (SC[n & 1] as number) * (1 - (n & 2));
}

/**
 * The cosine cos x (x in radians), faithfully rounded (error < 1 ulp) and engine-independent.
 *
 * Special cases: cos(NaN) = cos(±∞) = NaN, cos(±0) = 1, |x| < 2^−27·√2 returns 1. Arguments of
 * any size are reduced exactly. Cost: O(1), about 30 flops for |x| < 1.6·10^6, a few
 * microseconds (BigInt reduction) above.
 *
 * @param x - the angle in radians.
 * @returns cos x.
 * @example
 * ```ts
 * import { cos } from 'sgd-dynamics/core';
 * cos(Math.PI); // -1
 * ```
 */
export function cos(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax <= PIO4) {
    if (ax < 1.0536712127723509e-8) return 1;
    return kernelCos(x, 0);
  }
  if (!(ax < Infinity)) return NaN;
  // As in sin: cos(r + nπ/2) is cos r, −sin r, −cos r, sin r for n mod 4 = 0 … 3.
  const n = remPio2(x);
  const y0 = REM[0] as number;
  const y1 = REM[1] as number;
  SC[0] = kernelCos(y0, y1);
  SC[1] = kernelSin(y0, y1, 1);
  return (SC[n & 1] as number) * (1 - ((n + 1) & 2));
}
