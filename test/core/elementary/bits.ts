/**
 * Bit-level helpers shared by the elementary-function tests: doubles from their hex patterns, and
 * the bit pattern as a monotone integer so that the distance of two doubles in ulps is a difference.
 *
 * @module
 */

const F = new Float64Array(1);
const B = new BigInt64Array(F.buffer);
const U = new BigUint64Array(F.buffer);

/** The double whose IEEE 754 bit pattern is the hex string `h` (16 digits). */
export function fromHex(h: string): number {
  U[0] = BigInt('0x' + h);
  return F[0] as number;
}

/** The bit pattern as a monotone integer: adjacent doubles differ by 1, −0 ≡ +0. */
export function ordered(x: number): bigint {
  F[0] = x;
  const b = B[0] as bigint;
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/** 2^e for a normal exponent e ∈ [−1022, 1023], built from its bit pattern. */
export function pow2(e: number): number {
  U[0] = BigInt(e + 1023) << 52n;
  return F[0] as number;
}
