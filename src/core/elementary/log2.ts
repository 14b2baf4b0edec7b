/**
 * `log2(x)` from IEEE-exact operations only, the same bits in every JavaScript engine.
 *
 * Method: outside |x − 1| < 1/16, {@link log}'s table-driven reduction, log2 x = k + log2 c +
 * log1p(r)/ln2 with log2 c from the table (head and tail) and 1/ln2 as a double and a tail, k + log2
 * c + r/ln2 summed by Fast2Sums, so log2(2^k) = k exactly and the error is < 0.56 ulp (no division).
 * Near 1, subnormal and special arguments: FreeBSD msun `e_log2.c` (after fdlibm, Sun Microsystems
 * 1993, "Permission to use, copy, modify, and distribute this software is freely granted, provided
 * that this notice is preserved"): log(1 + f) split into a head with 32 low bits cleared and a
 * tail, each multiplied by a head/tail split of 1/ln2. Error < 1 ulp on the whole domain.
 *
 * @module
 */
import { LOG_TABLE as LOG_TABLE_ } from './tables';
import { F64 as F64_, HI as HI_, I32 as I32_, pow2, pow2neg as pow2neg_ } from './words';

// Module-local aliases: a CommonJS build (and tsx) reads an imported binding through a getter on
// every use, about 1 ns each in this hot path; a local const is read directly. Same bits.
const LOG_TABLE = LOG_TABLE_;
const F64 = F64_;
const HI = HI_;
const I32 = I32_;
const pow2neg = pow2neg_;

const TWO54 = pow2(54);

/**
 * The base-2 logarithm log₂ x, faithfully rounded (error < 1 ulp), exact at powers of two and
 * engine-independent.
 *
 * Special cases: log2(NaN) = NaN, log2(x < 0) = NaN, log2(±0) = −∞, log2(+∞) = +∞, log2(2^k) = k.
 * Cost: O(1), about 35 flops, no allocation.
 *
 * @param x - any number.
 * @returns log₂ x.
 * @example
 * ```ts
 * import { log2 } from 'sgd-dynamics/core';
 * log2(1024); // 10
 * ```
 */
export function log2(x: number): number {
  F64[0] = x;
  const hx = I32[HI] as number;
  // Zero, negative, subnormal, infinite, NaN (hx outside [2^−1022, ∞)), and x in [0.9375, 1.0625):
  // the fdlibm form below (one unsigned comparison each).
  if ((hx - 0x00100000) >>> 0 >= 0x7fe00000 || (hx - 0x3fee0000) >>> 0 < 0x00030000) return log2Rare(x);
  // Table-driven, as log's logTable (same reduction and table): log2 x = k − log2(invc) + log1p(r)/ln2,
  // |log2 x| > 0.087, k + log2 c and the r/ln2 term summed by Fast2Sums (k exact, so log2(2^k) = k),
  // the rounding of r/ln2 (< 2^−60.5) and the small parts added last. Error < 0.56 ulp.
  const tmp = hx - 0x3fe60000;
  const k = tmp >> 20;
  const i = ((tmp >> 13) & 127) * 7;
  const z = x * pow2neg(k);
  const r = (z - (LOG_TABLE[i + 1] as number) - (LOG_TABLE[i + 2] as number)) * (LOG_TABLE[i] as number);
  const l2c = LOG_TABLE[i + 5] as number;
  const w = k + l2c;
  const we = k - w + l2c;
  // 1/ln2 as a double and its tail (tables.ts's INV_LN2, INV_LN2_LO).
  const s = r * 1.4426950408889634;
  const hi = w + s;
  const he = w - hi + s;
  const r2 = r * r;
  const p = -0.5 + r * 0.3333333333333333 + r2 * (-0.25 + r * 0.2) + r2 * r2 * (-0.16666666666666666 + r * 0.14285714285714285);
  return hi + (he + we + (LOG_TABLE[i + 6] as number) + r * 2.0355273740931033e-17 + r2 * p * 1.4426950408889634);
}

/** FreeBSD's log2 (after fdlibm) for the arguments the table path leaves out. */
function log2Rare(x: number): number {
  const IVLN2_HI = 1.44269504072144627571;
  const IVLN2_LO = 1.67517131648865118353e-10;
  const SPLIT32 = 4294967297;
  const LG1 = 6.66666666666673513e-1;
  const LG2 = 3.999999999940941908e-1;
  const LG3 = 2.857142874366239149e-1;
  const LG4 = 2.222219843214978396e-1;
  const LG5 = 1.818357216161805012e-1;
  const LG6 = 1.531383769920937332e-1;
  const LG7 = 1.479819860511658591e-1;
  F64[0] = x;
  let hx = I32[HI] as number;
  let k = 0;
  if (hx < 0x00100000) {
    if (x === 0) return -Infinity;
    if (hx < 0 || x !== x) return NaN;
    k -= 54;
    x *= TWO54;
    F64[0] = x;
    hx = I32[HI] as number;
  }
  if (hx >= 0x7ff00000) return x + x;
  if (x === 1) return 0;
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // x·2^−e′: fdlibm's high-word store, as an exact multiplication (see log).
  const ke = e + (i >> 20);
  x *= pow2neg(ke);
  k += ke;
  const f = x - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const r = s * (hfsq + (z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6))));
  // hi: f − hfsq rounded to 21 significant bits (Veltkamp split; fdlibm clears the low word), so
  // that hi·IVLN2_HI is exact.
  const g = f - hfsq;
  const cs = SPLIT32 * g;
  const hi = cs - (cs - g);
  const lo = f - hi - hfsq + r;
  const valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  const sum = k + valHi;
  valLo += k - sum + valHi;
  return valLo + sum;
}
