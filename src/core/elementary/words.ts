/**
 * Bit access to IEEE-754 binary64 values for the elementary functions: one shared 8-byte buffer
 * seen as a `Float64Array` and an `Int32Array` (high and low 32-bit words, in the platform's byte
 * order), and the table of exact powers of two 2^k, k = −1074 … 1023, built by repeated exact
 * doubling and halving.
 *
 * @internal
 * @module
 */

/** @internal The shared scratch value. */
export const F64 = new Float64Array(1);
/** @internal The same 8 bytes as two 32-bit words. */
export const I32 = new Int32Array(F64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** @internal Index of the high word (sign, exponent, top 20 mantissa bits) in {@link I32}. */
export const HI = littleEndian ? 1 : 0;
/** @internal Index of the low word in {@link I32}. */
export const LO = littleEndian ? 0 : 1;

/** @internal The double with words `hi`, `lo`. */
export function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  I32[LO] = lo;
  return F64[0] as number;
}

/** @internal POW2[k + 1074] = 2^k exactly, k = −1074 … 1023. */
export const POW2 = ((): Float64Array => {
  const t = new Float64Array(2098);
  let v = 1;
  for (let k = 0; k <= 1023; k++, v *= 2) t[k + 1074] = v;
  v = 1;
  for (let k = 0; k >= -1074; k--, v *= 0.5) t[k + 1074] = v;
  return t;
})();

/** @internal 2^k for an integer k in [−1074, 1023] (unchecked). */
export function pow2(k: number): number {
  return POW2[k + 1074] as number;
}

/**
 * @internal 2^−k for an integer k in [−1023, 1074] (unchecked): `POW2[1074 − k]`, not `pow2(−k)`,
 * whose integer negation of k = 0 yields −0, which TurboFan's Signed32 feedback does not cover (a
 * "minus zero" deoptimisation, then slower float arithmetic for the index).
 */
export function pow2neg(k: number): number {
  return POW2[1074 - k] as number;
}
