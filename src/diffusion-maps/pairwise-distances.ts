/**
 * All pairwise squared Euclidean distances of a point set, from the Gram matrix of the centred
 * points.
 *
 * @module
 */
import { checkKnownOptions, checkLength, checkOptions } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { PointsLike } from '../core/types';
import { gramMatrix, gramToSquaredDistances } from './distance-kernels';
import { pointMean, toPointMatrix } from './point-input';

/** Largest n×n matrix (entries) that {@link pairwiseSquaredDistances} allocates: 2²⁷ (1 GiB). */
export const MAX_DENSE_ENTRIES = 2 ** 27;

/** Options of {@link pairwiseSquaredDistances}. */
export interface PairwiseDistancesOptions {
  /** Where to write the n×n result (length n²); allocated when absent. */
  out?: Float64Array;
}

/**
 * The n×n matrix of squared Euclidean distances Dᵢⱼ = ‖xᵢ − xⱼ‖², row-major.
 *
 * Computed as Dᵢⱼ = Gᵢᵢ + Gⱼⱼ − 2Gᵢⱼ from the Gram matrix G = C Cᵀ of the centred points
 * cᵢ = xᵢ − x̄ (subtracting the mean first keeps the digits of points far from the origin: the
 * rounding error of an entry is about d·2⁻⁵³·(‖cᵢ‖² + ‖cⱼ‖²), relative to the spread of the cloud,
 * not to its distance from the origin). The diagonal is exactly 0, the matrix exactly symmetric,
 * and entries are clamped at 0. Only the upper triangle of G is computed, so the cost is
 * n(n + 1)/2·d multiply-adds whatever d is: for d ≫ n (snapshots of a network's parameters) this
 * is the n×n Gram route, never a d×d matrix.
 *
 * Time O(n²·d) (WebAssembly SIMD where available), memory n² doubles (the result) plus a panel of
 * n×128 centred coordinates at a time. Refuses n² >
 * 2²⁷ ({@link MAX_DENSE_ENTRIES}); use `nearestNeighbors` for large n.
 *
 * @param points - an ndarray [n, d] (e.g. a `Trajectory`'s `points`), `number[][]` or `Float64Array[]`.
 * @returns the n×n squared distances, row-major (`options.out` when given).
 * @example
 * import { pairwiseSquaredDistances } from 'sgd-dynamics/diffusion-maps';
 * const D = pairwiseSquaredDistances([[0, 0], [3, 4], [0, 1]]);
 * // D = [0, 25, 1,  25, 0, 18,  1, 18, 0]
 */
export function pairwiseSquaredDistances(points: PointsLike, options?: PairwiseDistancesOptions): Float64Array {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['out']);
  const P = toPointMatrix('points', points);
  const { n, d } = P;
  if (n * n > MAX_DENSE_ENTRIES) {
    throw new DimensionError(
      `points: expected at most ${Math.floor(Math.sqrt(MAX_DENSE_ENTRIES))} points for a dense n×n distance matrix, received ${n} (use nearestNeighbors)`,
    );
  }
  let out: Float64Array;
  if (opts.out === undefined) out = new Float64Array(n * n);
  else {
    if (!(opts.out instanceof Float64Array)) throw new TypeError(`options.out: expected a Float64Array, received ${describeValue(opts.out)}`);
    checkLength('options.out', opts.out.length, n * n);
    out = opts.out;
  }
  gramMatrix(P.data, pointMean(P), n, d, out);
  gramToSquaredDistances(out, n);
  return out;
}
