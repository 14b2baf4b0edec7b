/**
 * `acos(x)` from IEEE-exact operations only (+, −, ×, ÷, √), the same bits in every
 * JavaScript engine.
 *
 * Method (fdlibm's `e_acos.c`, Sun Microsystems 1993, "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice is preserved"): for |x| <
 * 1/2, acos x = π/2 − (x + x·R(x²)) with R a Remez rational function (|error| < 2^−58.75); for
 * x > 1/2, acos x = 2·asin(√((1 − x)/2)) with √ split into a 32-bit head and a corrected tail; for
 * x < −1/2, π − 2·asin(√((1 + x)/2)); π/2 and π in head and tail parts. Error < 1 ulp.
 *
 * @module
 */

function rational(z: number): number {
  const PS0 = 1.66666666666666657415e-1;
  const PS1 = -3.25565818622400915405e-1;
  const PS2 = 2.01212532134862925881e-1;
  const PS3 = -4.00555345006794114027e-2;
  const PS4 = 7.91534994289814532176e-4;
  const PS5 = 3.4793310759602116757e-5;
  const QS1 = -2.40339491173441421878;
  const QS2 = 2.02094576023350569471;
  const QS3 = -6.8828397160545329303e-1;
  const QS4 = 7.70381505559019352791e-2;
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/**
 * The inverse cosine acos x ∈ [0, π], faithfully rounded (error < 1 ulp) and engine-independent.
 *
 * Special cases: acos(NaN) = NaN, acos(x) = NaN for |x| > 1, acos(1) = +0, acos(−1) = π (the
 * double nearest). Cost: O(1), about 30 flops and at most one square root, no allocation.
 *
 * @param x - a number in [−1, 1].
 * @returns acos x in radians.
 * @example
 * ```ts
 * import { acos } from 'sgd-dynamics/core';
 * acos(0.5); // 1.0471975511965979
 * ```
 */
export function acos(x: number): number {
  const PI = 3.141592653589793116;
  const PIO2_HI = 1.570796326794896558;
  const PIO2_LO = 6.12323399573676603587e-17;
  const ax = x < 0 ? -x : x;
  if (!(ax < 1)) {
    if (x === 1) return 0;
    if (x === -1) return PI + 2 * PIO2_LO;
    return NaN;
  }
  if (ax < 0.5) {
    if (ax < 6.938893903907228e-18) return PIO2_HI + PIO2_LO;
    const r = rational(x * x);
    return PIO2_HI - (x - (PIO2_LO - x * r));
  }
  if (x < 0) {
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = rational(z) * s - PIO2_LO;
    return PI - 2 * (s + w);
  }
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  // df: s rounded to 21 significant bits (Veltkamp split; fdlibm clears the low word), so df² is exact.
  const cs = 4294967297 * s;
  const df = cs - (cs - s);
  const c = (z - df * df) / (s + df);
  const w = rational(z) * s + c;
  return 2 * (df + w);
}
