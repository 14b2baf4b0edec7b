/**
 * Internal kernels of bandwidth selection: a deterministic sample of the squared distances of a
 * kernel graph, the kernel-sum curve T(ε) = Σᵢⱼ exp(−d²ᵢⱼ/ε) on a log grid with its log-log slope,
 * the ε of steepest slope, medians and k-th-neighbour distances.
 *
 * @internal
 * @module
 */
import type { DistanceGraph } from './diffusion-map-kernels';
import { exp, log, log2, pow } from '../core/elementary/index';

/** The kernel-sum curve T(ε) and its log-log slope (see {@link kernelSumCurve}). */
export interface KernelSumCurve {
  /** Bandwidths ε on a log₂ grid (step ≤ ¼ octave), ascending. */
  epsilons: Float64Array;
  /** T(ε) = Σ exp(−d²ᵢⱼ/ε) over the pairs considered (each point's nearest neighbours, both orders) plus the diagonal n (estimated from a sample above 2¹⁵ pairs). */
  sums: Float64Array;
  /** d log T / d log ε at each ε (central differences; one-sided at the ends). */
  slopes: Float64Array;
  /** The largest slope (refined by a parabola through the three grid slopes around the maximum). */
  maxSlope: number;
  /** The ε of the largest slope (refined likewise): the kernel-sum criterion's bandwidth. */
  epsilonAtMax: number;
}

/** At most this many off-diagonal squared distances (2¹⁵) enter T(ε). @internal */
export const CURVE_SAMPLE = 1 << 15;

/** Pairs per point that enter T(ε) on a dense graph: each point's 64 nearest neighbours (pydiffmap's k). @internal */
export const CURVE_NEIGHBORS = 64;

/**
 * Off-diagonal squared distances of the pairs that enter T(ε), a deterministic sample of at most
 * {@link CURVE_SAMPLE}, with the factor that scales a sample sum to the whole sum. A dense graph
 * contributes, for every row of a stride, its {@link CURVE_NEIGHBORS} smallest (unmasked) squared
 * distances — the local pairs, as in pydiffmap: over all pairs the global scale of a curved
 * manifold wins (a Swiss roll's all-pairs curve peaks where the roll looks solid). A sparse graph
 * contributes every s-th kept edge.
 * @internal
 */
export function distanceSample(g: DistanceGraph): { values: Float64Array; scale: number; total: number } {
  const n = g.n;
  if (g.dense) {
    const scratch = new Float64Array(n);
    const kc = Math.min(CURVE_NEIGHBORS, n - 1);
    const stride = Math.max(1, Math.ceil((n * kc) / CURVE_SAMPLE));
    const values = new Float64Array(Math.ceil(n / stride) * kc);
    let w = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let j = 0; j < n; j++) {
        const p = i * n + j;
        if (j === i || (g.mask !== null && g.mask[p] === 1)) continue;
        scratch[c++] = g.sq[p] as number;
      }
      const take = Math.min(kc, c);
      total += take;
      if (i % stride !== 0) continue;
      if (take < c) selectSmallest(scratch, c, take);
      for (let r = 0; r < take; r++) values[w++] = scratch[r] as number;
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
 * T(ε) on a log₂ grid spanning the sample (from 1/16 of its 0.1 % quantile of positive values to 64× its
 * largest, at most 161 nodes, step ≤ ¼ octave), with slopes and the refined steepest point.
 * `diagonal` is the number of self-pairs (n). Returns null when no sample value is positive.
 * @internal
 */
export function kernelSumCurve(values: Float64Array, scale: number, diagonal: number): KernelSumCurve | null {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  const hi = count > 0 ? (sorted[count - 1] as number) : 0;
  if (!(hi > 0)) return null;
  // the grid starts at 1/16 of the 0.1 % quantile of the positive values (below it T is flat)
  let first = 0;
  while ((sorted[first] as number) <= 0) first++;
  const lo = sorted[first + Math.floor((count - first) * 0.001)] as number;
  // anchored at the data (no rounding to whole octaves), so that scaling the points scales ε exactly
  const a = log2(lo) - 4;
  const b = log2(hi) + 6;
  const step = Math.max(0.25, (b - a) / 160);
  const m = Math.ceil((b - a) / step) + 1;
  const epsilons = new Float64Array(m);
  const sums = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const eps = pow(2, a + k * step);
    const inv = 1 / eps;
    // terms beyond 37ε are below e⁻³⁷ ≈ 1e-16 each, negligible against the diagonal n
    const cutoff = 37 * eps;
    let s = 0;
    for (let i = 0; i < count; i++) {
      const v = sorted[i] as number;
      if (v > cutoff) break;
      s += exp(-v * inv);
    }
    epsilons[k] = eps;
    sums[k] = diagonal + scale * s;
  }
  const slopes = new Float64Array(m);
  const ln = (k: number): number => log(sums[k] as number);
  const h = step * Math.LN2;
  for (let k = 0; k < m; k++) {
    if (k === 0) slopes[k] = (ln(1) - ln(0)) / h;
    else if (k === m - 1) slopes[k] = (ln(m - 1) - ln(m - 2)) / h;
    else slopes[k] = (ln(k + 1) - ln(k - 1)) / (2 * h);
  }
  let km = 0;
  for (let k = 1; k < m; k++) if ((slopes[k] as number) > (slopes[km] as number)) km = k;
  let maxSlope = slopes[km] as number;
  let logEps = log2(epsilons[km] as number);
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
  return { epsilons, sums, slopes, maxSlope, epsilonAtMax: pow(2, logEps) };
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

/** Reorders a[0..len) so that its `k` smallest values come first (quickselect, median of three). */
function selectSmallest(a: Float64Array, len: number, k: number): void {
  let lo = 0;
  let hi = len - 1;
  const target = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}
