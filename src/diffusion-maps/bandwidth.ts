/**
 * Bandwidth selection for the Gaussian kernel K = exp(−‖x − y‖²/ε): the kernel-sum criterion with
 * its curve T(ε), the median rule and the k-th-neighbour rule, as a diagnostic.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkOneOf, checkOptions } from '../core/checks';
import type { PointsLike } from '../core/types';
import { distanceSample, kernelSumCurve, kthDistances, median, type KernelSumCurve } from './bandwidth-kernels';
import { DENSE_DEFAULT_MAX, DENSE_MAX, DEFAULT_NEIGHBORS, distanceGraph } from './diffusion-map-kernels';
import { nearestNeighbors } from './nearest-neighbors';
import { toPointMatrix } from './point-input';
import ndarray from 'ndarray';

export type { KernelSumCurve } from './bandwidth-kernels';

/** A rule that picks one global ε. */
export type BandwidthRule = 'auto' | 'median' | 'kth-neighbor';

/** Options of {@link bandwidth}. */
export interface BandwidthOptions {
  /** `'auto'` (default): the kernel-sum criterion; `'median'`; `'kth-neighbor'`. See {@link bandwidth}. */
  rule?: BandwidthRule;
  /** k of the `'kth-neighbor'` rule, in [1, n − 1]. Default 7. */
  k?: number;
  /**
   * The pairs that enter T(ε) and the median: `'all'` (from the dense distance matrix, each
   * point's 64 nearest; default up to 4096 points) or a number k (the edges of the symmetrised
   * kNN graph; default 15 above 4096 points).
   */
  neighbors?: number | 'all';
}

/** Result of {@link bandwidth}. */
export interface BandwidthResult {
  /** The bandwidth ε chosen, in squared units of the coordinates (K = exp(−d²/ε)). */
  epsilon: number;
  /** The rule that chose it. */
  rule: BandwidthRule;
  /** T(ε) and its slope on a log grid (computed for every rule: it is the diagnostic). */
  curve: KernelSumCurve;
  /** 2 · max d log T/d log ε: the intrinsic-dimension estimate of the same curve. */
  dimension: number;
}

/**
 * Chooses the bandwidth ε of the Gaussian kernel K = exp(−‖x − y‖²/ε) and returns the kernel-sum
 * curve T(ε) = Σᵢⱼ exp(−‖xᵢ − xⱼ‖²/ε) it is read from.
 *
 * - `'auto'`: the kernel-sum criterion (Coifman et al. 2008; pydiffmap's `'bgh'`): the ε where
 *   d log T/d log ε is largest. For points on a d-dimensional manifold T ≈ n + n²(πε)^{d/2}/vol
 *   between the two flat ends (T → n for ε → 0, T → n² for ε → ∞), so the slope peaks near d/2
 *   where the kernel sees the manifold's dimension; the steepest point is refined by a parabola.
 * - `'median'`: the median squared distance of the pairs considered (below).
 * - `'kth-neighbor'`: the median over points of the squared distance to the k-th nearest
 *   neighbour (default k = 7).
 *
 * The pairs: each point's 64 nearest neighbours (dense path, as pydiffmap's k = 64: over all pairs
 * the global scale of a curved manifold wins, e.g. a Swiss roll's all-pairs curve peaks where the
 * roll looks solid), or the edges of the kNN graph (sparse path); the diagonal counts n. T(ε) is
 * evaluated on a log₂ grid (step ≤ ¼ octave) from 1/16 of the 0.1 % quantile to 64× the largest
 * squared distance; above 2¹⁵ pairs, on a deterministic sample of rows (dense) or every s-th edge,
 * scaled to the full count. Distances are computed from centred points.
 *
 * Cost: dense O(n²·d) for the distances + O(2¹⁵ · grid) for the curve; kNN as `nearestNeighbors`.
 * Throws for bad input (`points`, `options.*` named) and when all points coincide.
 *
 * @example
 * import { bandwidth } from 'sgd-dynamics/diffusion-maps';
 * const circle = Array.from({ length: 200 }, (_, i) => [Math.cos((2 * Math.PI * i) / 200), Math.sin((2 * Math.PI * i) / 200)]);
 * const { epsilon, dimension } = bandwidth(circle); // dimension ≈ 1
 */
export function bandwidth(points: PointsLike, options?: BandwidthOptions): BandwidthResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['rule', 'k', 'neighbors']);
  const rule = checkOneOf('options.rule', opts.rule ?? 'auto', ['auto', 'median', 'kth-neighbor'] as const);
  const pm = toPointMatrix('points', points);
  const n = pm.n;
  if (n < 2) throw new RangeError(`points: expected at least 2 points, received ${n}`);
  const neighbors = readNeighbors('options.neighbors', opts.neighbors, n);
  const k = checkInteger('options.k', opts.k ?? Math.min(7, n - 1), 1, n - 1);
  const g = distanceGraph(pm, neighbors, null);
  const s = distanceSample(g);
  const curve = kernelSumCurve(s.values, s.scale, n);
  if (curve === null) throw new RangeError(`points: expected at least two distinct points, received ${n} identical points`);
  let epsilon = curve.epsilonAtMax;
  if (rule === 'median') epsilon = median(s.values);
  else if (rule === 'kth-neighbor') {
    const nn = nearestNeighbors(ndarray(pm.data, [n, pm.d]), { k });
    epsilon = median(kthDistances(n, nn.k, k, nn.indices, nn.distances));
  }
  if (!(epsilon > 0)) throw new RangeError(`points: expected distinct neighbours for the ${rule} rule, received a squared distance ${epsilon}`);
  return { epsilon, rule, curve, dimension: 2 * curve.maxSlope };
}

/** Reads a `neighbors` option: null for the dense path ('all'), else k in [1, n − 1]. @internal */
export function readNeighbors(name: string, value: unknown, n: number): number | null {
  if (value === 'all') {
    if (n > DENSE_MAX)
      throw new RangeError(
        `${name}: expected a number of neighbours for more than ${DENSE_MAX} points (a dense kernel needs 8·n² bytes), received 'all' with n = ${n}`,
      );
    return null;
  }
  if (value === undefined) return n <= DENSE_DEFAULT_MAX ? null : DEFAULT_NEIGHBORS;
  if (typeof value === 'string') throw new RangeError(`${name}: expected a number of neighbours or 'all', received ${JSON.stringify(value)}`);
  return checkInteger(name, value, 1, n - 1);
}
