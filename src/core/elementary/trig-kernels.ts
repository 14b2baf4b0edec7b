/**
 * Kernels of {@link sin} and {@link cos}: the polynomial kernels on [−π/4, π/4] and the argument
 * reduction x = n·π/2 + (y0 + y1) with a double-double remainder.
 *
 * Method (fdlibm `k_sin.c`, `k_cos.c`, `e_rem_pio2.c`, Sun Microsystems 1993, "Permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved"): sin r ≈ r + r³·S(r²) (degree 13, |error| < 2^−58), cos r ≈ 1 − r²/2 + r⁴·C(r²)
 * (degree 14, |error| < 2^−58), each with the tail y1 of the reduced argument folded in. The
 * reduction for |x| < 2^20·π/2 is Cody–Waite with π/2 in three 33-bit pieces (fdlibm's, up to
 * 151 bits of π/2 used when cancellation demands). For larger |x| (Payne–Hanek) this library
 * multiplies the exact integer mantissa of x by 2/π as a 1,280-bit BigInt fixed-point number
 * (computed once, lazily, by Machin's formula) and keeps 192 bits of the fraction, so the
 * remainder is exact to far beyond double-double (the closest a double comes to a multiple of π/2
 * is ~2^−61 relative).
 *
 * @internal
 * @module
 */
import { F64 as F64_, HI as HI_, I32 as I32_, pow2 as pow2_ } from './words';

// Module-local aliases: a CommonJS build (and tsx) reads an imported binding through a getter on
// every use, about 1 ns each in these hot paths; a local const is read directly. Same bits.
const F64 = F64_;
const HI = HI_;
const I32 = I32_;
const pow2 = pow2_;

/** @internal sin(x + y) for |x| ≤ π/4, |y| ≤ ulp(x)/2 (iy = 0: y taken as 0). */
export function kernelSin(x: number, y: number, iy: number): number {
  const S1 = -1.66666666666666324348e-1;
  const S2 = 8.33333333332248946124e-3;
  const S3 = -1.98412698298579493134e-4;
  const S4 = 2.75573137070700676789e-6;
  const S5 = -2.50507602534068634195e-8;
  const S6 = 1.58969099521155010221e-10;
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** @internal cos(x + y) for |x| ≤ π/4, |y| ≤ ulp(x)/2. */
export function kernelCos(x: number, y: number): number {
  const C1 = 4.16666666666666019037e-2;
  const C2 = -1.38888888888741095749e-3;
  const C3 = 2.48015872894767294178e-5;
  const C4 = -2.75573143513906633035e-7;
  const C5 = 2.0875723212981748279e-9;
  const C6 = -1.13596475577881948265e-11;
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

/** @internal The remainder of the last {@link remPio2}: y0 + y1, |y0| ≤ π/4. */
export const REM = new Float64Array(2);

function exponentOf(x: number): number {
  F64[0] = x;
  return ((I32[HI] as number) >> 20) & 0x7ff;
}

/**
 * @internal Reduce finite x: returns n (mod 4 is what matters) and leaves x − n·π/2 in REM[0] +
 * REM[1].
 */
export function remPio2(x: number): number {
  const INV_PIO2 = 6.36619772367581382433e-1;
  const PIO2_1 = 1.57079632673412561417;
  const PIO2_1T = 6.07710050650619224932e-11;
  const PIO2_2 = 6.0771005063039659766e-11;
  const PIO2_2T = 2.02226624879595063154e-21;
  const PIO2_3 = 2.0222662487111664558e-21;
  const PIO2_3T = 8.47842766036889956997e-32;
  const ax = x < 0 ? -x : x;
  if (ax < 1647099.3291652855) {
    const fn = Math.round(ax * INV_PIO2);
    let r = ax - fn * PIO2_1;
    let w = fn * PIO2_1T;
    let y0 = r - w;
    // fdlibm tests "exponent(x) − exponent(y0) > 16 (then > 49)"; |y0| < |x|·2^−15 (2^−48) covers
    // every such case (and a few more, which only get the extra precision), without bit access.
    if (Math.abs(y0) < ax * 3.0517578125e-5) {
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      if (Math.abs(y0) < ax * 3.552713678800501e-15) {
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    const y1 = r - y0 - w;
    if (x < 0) {
      REM[0] = -y0;
      REM[1] = -y1;
      return -fn;
    }
    REM[0] = y0;
    REM[1] = y1;
    return fn;
  }
  return remPio2Large(x);
}

let twoOverPi: bigint | null = null;
let pio2Frac: bigint | null = null;

/** arctan(1/m) · 2^bits, truncated, by the alternating Taylor series in BigInt fixed point. */
function atanInv(m: bigint, bits: bigint): bigint {
  const m2 = m * m;
  let term = (1n << bits) / m;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= m2;
    const t = term / (2n * k + 1n);
    sum += k % 2n === 1n ? -t : t;
  }
  return sum;
}

function constants(): [bigint, bigint] {
  const P_BITS = 1280;
  const FRAC_BITS = 192;
  if (twoOverPi === null || pio2Frac === null) {
    const guard = 64n;
    const bits = BigInt(P_BITS) + guard;
    // Machin: π/4 = 4·arctan(1/5) − arctan(1/239).
    const pi = 16n * atanInv(5n, bits) - 4n * atanInv(239n, bits);
    twoOverPi = ((2n << (2n * bits)) / pi) >> guard;
    pio2Frac = pi >> (bits - BigInt(FRAC_BITS) + 1n);
  }
  return [twoOverPi, pio2Frac];
}

function remPio2Large(x: number): number {
  const P_BITS = 1280;
  const FRAC_BITS = 192;
  const [tpi, pio2] = constants();
  const ax = x < 0 ? -x : x;
  // ax = m · 2^e with m a 53-bit integer, e ≥ −32 here.
  const e = exponentOf(ax) - 1075;
  const m = BigInt(ax * pow2(-e));
  // ax·2/π = m·tpi·2^(e − P_BITS): integer part n, fraction in FRAC_BITS bits.
  const prod = m * tpi;
  const shift = BigInt(P_BITS - e);
  let n = (prod >> shift) & 3n;
  let frac = (prod >> (shift - BigInt(FRAC_BITS))) & ((1n << BigInt(FRAC_BITS)) - 1n);
  if (frac >= 1n << BigInt(FRAC_BITS - 1)) {
    frac -= 1n << BigInt(FRAC_BITS);
    n = (n + 1n) & 3n;
  }
  // r = frac · 2^−FRAC_BITS · π/2, pio2 = π/2 · 2^FRAC_BITS.
  const R = frac * pio2;
  const hiBig = Number(R);
  const lo = Number(R - BigInt(hiBig));
  const s1 = pow2(-FRAC_BITS);
  let y0 = hiBig * s1 * s1;
  let y1 = lo * s1 * s1;
  let nn = Number(n);
  if (x < 0) {
    y0 = -y0;
    y1 = -y1;
    nn = -nn;
  }
  REM[0] = y0;
  REM[1] = y1;
  return nn;
}
