/**
 * Internal kernels of bandwidth selection: a deterministic sample of the squared distances of a
 * kernel graph, the kernel-sum curve T(ε) = Σᵢⱼ exp(−d²ᵢⱼ/ε) on a log grid with its log-log slope,
 * the ε of steepest slope, medians and k-th-neighbour distances.
 *
 * @internal
 * @module
 */
import type { DistanceGraph } from './diffusion-map-kernels';

/** The kernel-sum curve T(ε) and its log-log slope (see {@link kernelSumCurve}). */
export interface KernelSumCurve {
  /** Bandwidths ε on a log₂ grid (step ≤ ¼ octave), ascending. */
  epsilons: Float64Array;
  /** T(ε) = Σᵢⱼ exp(−d²ᵢⱼ/ε) over every ordered pair, the diagonal included (estimated from a row sample above 2¹⁷ pairs). */
  sums: Float64Array;
  /** d log T / d log ε at each ε (central differences; one-sided at the ends). */
  slopes: Float64Array;
  /** The largest slope (refined by a parabola through the three grid slopes around the maximum). */
  maxSlope: number;
  /** The ε of the largest slope (refined likewise): the kernel-sum criterion's bandwidth. */
  epsilonAtMax: number;
}

/** At most this many off-diagonal squared distances enter T(ε). @internal */
export const CURVE_SAMPLE = 1 << 17;

/**
 * Off-diagonal squared distances of the kept (unmasked) pairs, a deterministic sample of at most
 * {@link CURVE_SAMPLE} (whole rows at a stride for a dense graph, every s-th entry for a sparse
 * one), with the factor that scales a sample sum to the whole sum.
 * @internal
 */
export function distanceSample(g: DistanceGraph): { values: Float64Array; scale: number; total: number } {
  const n = g.n;
  if (g.dense) {
    const stride = Math.max(1, Math.ceil((n * (n - 1)) / CURVE_SAMPLE));
    const rows = Math.ceil(n / stride);
    const values = new Float64Array(rows * (n - 1));
    let w = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const p = i * n + j;
        if (j === i || (g.mask !== null && g.mask[p] === 1)) continue;
        total++;
        if (i % stride === 0) values[w++] = g.sq[p] as number;
      }
    }
    return { values: values.slice(0, w), scale: w > 0 ? total / w : 0, total };
  }
  let total = 0;
  for (let i = 0; i < n; i++) for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) if (g.columnIndices[p] !== i) total++;
  const stride = Math.max(1, Math.ceil(total / CURVE_SAMPLE));
  const values = new Float64Array(Math.ceil(total / stride));
  let w = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) {
      if (g.columnIndices[p] === i) continue;
      if (c++ % stride === 0) values[w++] = g.sq[p] as number;
    }
  }
  return { values: values.slice(0, w), scale: w > 0 ? total / w : 0, total };
}

/**
 * T(ε) on a log₂ grid spanning the sample (from ¼ of its smallest positive value to 4× its
 * largest, at most 161 nodes, step ≤ ¼ octave), with slopes and the refined steepest point.
 * `diagonal` is the number of self-pairs (n). Returns null when no sample value is positive.
 * @internal
 */
export function kernelSumCurve(values: Float64Array, scale: number, diagonal: number): KernelSumCurve | null {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > 0)) return null;
  const a = Math.floor(Math.log2(lo)) - 2;
  const b = Math.ceil(Math.log2(hi)) + 2;
  const step = Math.max(0.25, (b - a) / 160);
  const m = Math.floor((b - a) / step) + 1;
  const epsilons = new Float64Array(m);
  const sums = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const eps = Math.pow(2, a + k * step);
    const inv = 1 / eps;
    let s = 0;
    for (const v of values) s += Math.exp(-v * inv);
    epsilons[k] = eps;
    sums[k] = diagonal + scale * s;
  }
  const slopes = new Float64Array(m);
  const ln = (k: number): number => Math.log(sums[k] as number);
  const h = step * Math.LN2;
  for (let k = 0; k < m; k++) {
    if (k === 0) slopes[k] = (ln(1) - ln(0)) / h;
    else if (k === m - 1) slopes[k] = (ln(m - 1) - ln(m - 2)) / h;
    else slopes[k] = (ln(k + 1) - ln(k - 1)) / (2 * h);
  }
  let km = 0;
  for (let k = 1; k < m; k++) if ((slopes[k] as number) > (slopes[km] as number)) km = k;
  let maxSlope = slopes[km] as number;
  let logEps = Math.log2(epsilons[km] as number);
  if (km > 0 && km < m - 1) {
    const y0 = slopes[km - 1] as number;
    const y1 = slopes[km] as number;
    const y2 = slopes[km + 1] as number;
    const den = y0 - 2 * y1 + y2;
    if (den < 0) {
      const off = (0.5 * (y0 - y2)) / den;
      if (Math.abs(off) <= 1) {
        logEps += off * step;
        maxSlope = y1 - 0.25 * (y0 - y2) * off;
      }
    }
  }
  return { epsilons, sums, slopes, maxSlope, epsilonAtMax: Math.pow(2, logEps) };
}

/** The median of a sample (copied; the mean of the two middle values for an even count). @internal */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? (s[(n - 1) >> 1] as number) : 0.5 * ((s[n / 2 - 1] as number) + (s[n / 2] as number));
}

/**
 * The squared distance of each point to its k-th nearest neighbour (1-based k), from
 * nearest-first neighbour lists of width `width` ≥ k (-1 entries: fewer neighbours; the last one
 * found is used).
 * @internal
 */
export function kthDistances(n: number, width: number, k: number, indices: Int32Array, distances: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = k - 1;
    while (r > 0 && (indices[i * width + r] as number) < 0) r--;
    out[i] = (indices[i * width + r] as number) < 0 ? 0 : (distances[i * width + r] as number);
  }
  return out;
}
