/**
 * `hypot(x, y)` = √(x² + y²) from IEEE-exact operations only, without overflow or underflow in
 * the intermediate squares, the same bits in every JavaScript engine.
 *
 * Method: sort |x| ≥ |y|; return |x| when |y| < 2^−27·|x| (then √(x² + y²) = |x|·(1 + δ), δ <
 * 2^−55); scale both by a power of two into [2^−500, 2^500]; form x² + y² exactly as a
 * double-double (Dekker's two-product with Veltkamp's split, no FMA needed); r = √(head), then
 * one Newton correction r + (x² + y² − r²)/(2r) with r² also exact. Error ≤ 0.5 ulp + 2^−100
 * relative before the final exact unscaling (one more rounding when the result is subnormal):
 * faithful (< 1 ulp) everywhere.
 *
 * @module
 */
import { pow2 } from './words';

const BIG = pow2(500);
const SMALL = pow2(-500);
const DOWN = pow2(-600);
const UP = pow2(600);

/**
 * The Euclidean norm √(x² + y²) of two numbers, faithfully rounded (error < 1 ulp),
 * engine-independent (`Math.hypot` is implementation-approximated), with no spurious overflow
 * or underflow.
 *
 * Special cases: hypot(±∞, anything) = +∞ (even NaN), else NaN if either is NaN; hypot(x, ±0) =
 * |x|. Cost: O(1), about 40 flops, no allocation.
 *
 * @param x - first leg.
 * @param y - second leg.
 * @returns √(x² + y²).
 * @example
 * ```ts
 * import { hypot } from 'sgd-dynamics/core';
 * hypot(3, 4); // 5
 * ```
 */
export function hypot(x: number, y: number): number {
  const SPLIT = 134217729;
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (b === 0 || b < a * 7.450580596923828e-9) return a;
  let s = 1;
  let inv = 1;
  if (a > BIG) {
    s = DOWN;
    inv = UP;
  } else if (b < SMALL) {
    s = UP;
    inv = DOWN;
  }
  a *= s;
  b *= s;
  // a² = pa + ea, b² = pb + eb exactly.
  let c = SPLIT * a;
  let h = c - (c - a);
  let l = a - h;
  const pa = a * a;
  const ea = h * h - pa + 2 * h * l + l * l;
  c = SPLIT * b;
  h = c - (c - b);
  l = b - h;
  const pb = b * b;
  const eb = h * h - pb + 2 * h * l + l * l;
  const sh = pa + pb;
  const sl = pa - sh + pb + (ea + eb);
  const r = Math.sqrt(sh);
  c = SPLIT * r;
  h = c - (c - r);
  l = r - h;
  const rr = r * r;
  const er = h * h - rr + 2 * h * l + l * l;
  const d = sh - rr - er + sl;
  return (r + d / (2 * r)) * inv;
}
