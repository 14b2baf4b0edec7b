/**
 * Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, the
 * layer index, sign and a 52-bit abscissa taken from two independent 32-bit words (the layout
 * NumPy's legacy generator uses, which avoids the correlation between layer and abscissa of the
 * original 32-bit version). Exact up to the resolution of the uniforms: 99.3% of draws cost two
 * words, a multiply and a compare; the rest evaluate one exponential (wedges) or two logarithms
 * (the tail beyond R).
 *
 * @module
 */
import { exp, log } from '../core/elementary/index';

/** Right edge of the base layer for 256 layers. @internal */
export const ZIGGURAT_R = 3.6541528853610088;
const R = ZIGGURAT_R;
/** Area of each layer (including the tail for the base layer). */
const V = 0.00492867323399;
const M1 = 4503599627370496; // 2^52

/** The 256-layer tables: kn (acceptance thresholds), wn (abscissa scales), fn (densities). @internal */
export interface ZigguratTables {
  kn: Float64Array;
  wn: Float64Array;
  fn: Float64Array;
}

let tables: ZigguratTables | undefined;

/**
 * The layer tables, built once on first use (so that importing the module computes nothing);
 * shared by every normal generator of the library. @internal
 */
export function zigguratTables(): ZigguratTables {
  if (tables) return tables;
  const kn = new Float64Array(256);
  const wn = new Float64Array(256);
  const fn = new Float64Array(256);
  let dn = R;
  let tn = dn;
  const q = V / exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M1);
  kn[1] = 0;
  wn[0] = q / M1;
  wn[255] = dn / M1;
  fn[0] = 1;
  fn[255] = exp(-0.5 * dn * dn);
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(V / dn + exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M1);
    tn = dn;
    fn[i] = exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
  tables = { kn, wn, fn };
  return tables;
}

/**
 * One standard normal variate from a source of uniform 32-bit words (`uint32`) and uniform
 * doubles in [0, 1) (`uniform`).
 */
export function zigguratNormal(uint32: () => number, uniform: () => number): number {
  const { kn, wn, fn } = zigguratTables();
  for (;;) {
    const u1 = uint32();
    const u2 = uint32();
    const idx = u1 & 255;
    const negative = (u1 & 256) !== 0;
    const rabs = (u1 >>> 9) * 536870912 + (u2 >>> 3); // 23 + 29 = 52 bits
    const x = rabs * (wn[idx] as number);
    if (rabs < (kn[idx] as number)) return negative ? -x : x;
    if (idx === 0) {
      // Tail beyond R (Marsaglia 1964): x = R + E₁/R accepted when 2E₂ > (E₁/R)².
      for (;;) {
        const xx = -log(1 - uniform()) / R;
        const yy = -log(1 - uniform());
        if (yy + yy > xx * xx) return negative ? -(R + xx) : R + xx;
      }
    }
    const f0 = fn[idx] as number;
    if (f0 + uniform() * ((fn[idx - 1] as number) - f0) < exp(-0.5 * x * x)) return negative ? -x : x;
  }
}
