/**
 * Exact k nearest neighbours of every point of a point set: blocked brute force over Gram entries
 * of the centred points (high dimension), or a k-d tree (low dimension), with optional exclusion of
 * neighbours near in time on the same run.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkNonNegative, checkOneOf, checkOptions, checkVector } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { PointsLike } from '../core/types';
import { type ExclusionRule, bruteForceNeighbors, treeNeighbors } from './neighbor-kernels';
import { type PointMatrix, pointMean, toPointMatrix } from './point-input';

/** Neighbours near in time on the same run, left out (see {@link NearestNeighborsOptions.exclude}). */
export interface NeighborExclusion {
  /** Run id of each point (integers, length n). Default: all points in one run. */
  group?: Int32Array | readonly number[];
  /** Time (or step, or index) of each point (finite, length n). */
  order: Float64Array | readonly number[];
  /** j is no neighbour of i when they share a run and |order[i] − order[j]| ≤ window (≥ 0). */
  window: number;
}

/** Options of {@link nearestNeighbors}. */
export interface NearestNeighborsOptions {
  /** Neighbours per point, an integer in [1, n − 1] (fewer when `exclude` removes some). Required. */
  k: number;
  /**
   * `'brute'` (blocked brute force over the Gram matrix), `'tree'` (k-d tree) or `'auto'` (the
   * default: the tree for d ≤ 12 and n ≥ 256, brute force otherwise). All give the same result.
   */
  method?: 'auto' | 'brute' | 'tree';
  /** Exclude neighbours near in time on the same run: e.g. consecutive SGD iterates. Default none. */
  exclude?: NeighborExclusion;
}

/** Result of {@link nearestNeighbors}. */
export interface NearestNeighborsResult {
  /** n·k indices: row i (entries i·k … i·k + k − 1) lists i's neighbours, nearest first, ties by index; never i itself. */
  indices: Int32Array;
  /** n·k squared Euclidean distances, aligned with `indices`. */
  distances: Float64Array;
  /** Number of points. */
  n: number;
  /** Neighbours per point. */
  k: number;
  /** The method that ran. */
  method: 'brute' | 'tree';
}

/** Up to this dimension `'auto'` uses the k-d tree. */
const TREE_MAX_DIM = 12;
/** From this many points `'auto'` uses the k-d tree. */
const TREE_MIN_POINTS = 256;
/** Largest n·k (entries of the result) accepted: 2²⁸. */
const MAX_RESULT_ENTRIES = 2 ** 28;

function checkGroup(value: unknown, n: number): Int32Array {
  const name = 'options.exclude.group';
  if (!(value instanceof Int32Array) && !Array.isArray(value)) {
    throw new TypeError(`${name}: expected an Int32Array or an array of integers, received ${describeValue(value)}`);
  }
  const arr = value as ArrayLike<unknown>;
  if (arr.length !== n) throw new DimensionError(`${name}: expected length ${n} (one run id per point), received length ${arr.length}`);
  const g = new Int32Array(n);
  for (let i = 0; i < n; i++) g[i] = checkInteger(`${name}[${i}]`, arr[i], -(2 ** 31), 2 ** 31 - 1);
  return g;
}

/** Fewest neighbours any point has left after the exclusions, and which point. */
function fewestNeighbors(rule: ExclusionRule | null, n: number): { count: number; point: number } {
  if (rule === null) return { count: n - 1, point: 0 };
  const idx = Array.from({ length: n }, (_, i) => i);
  const { group, order, window } = rule;
  idx.sort((a, b) => (group[a] as number) - (group[b] as number) || (order[a] as number) - (order[b] as number) || a - b);
  let worst = { count: n, point: 0 };
  let s = 0;
  while (s < n) {
    const gid = group[idx[s] as number] as number;
    let e = s;
    while (e < n && group[idx[e] as number] === gid) e++;
    let lo = s;
    let hi = s;
    for (let p = s; p < e; p++) {
      const o = order[idx[p] as number] as number;
      while (o - (order[idx[lo] as number] as number) > window) lo++;
      if (hi < p) hi = p;
      while (hi + 1 < e && (order[idx[hi + 1] as number] as number) - o <= window) hi++;
      const left = n - (hi - lo + 1);
      if (left < worst.count) worst = { count: left, point: idx[p] as number };
    }
    s = e;
  }
  return worst;
}

/**
 * The exact k nearest neighbours of every point, by squared Euclidean distance
 * ‖xᵢ − xⱼ‖² = Σₘ (xᵢₘ − xⱼₘ)² (direct differences of the input coordinates, summed in coordinate
 * order), nearest first, ties broken by the smaller index; a point is never its own neighbour
 * (duplicates of it are, at distance 0).
 *
 * `'brute'`: rows are processed in blocks; for each block the Gram entries cᵢ·cⱼ of the centred
 * points give ‖cᵢ‖² + ‖cⱼ‖² − 2cᵢ·cⱼ, a bound on its rounding error selects every candidate that
 * could be among the k nearest, and the candidates are re-checked by direct differences, so
 * cancellation (points far from the origin, near-ties) cannot reorder them. Time O(n²·d), memory
 * O(n·k + block·n) besides the points (never n×n beyond 2²² entries). `'tree'`: a k-d tree over the
 * input points, exact with the same tie rule; about O(n log n · d) for d ≤ ~12, degrading towards
 * brute force in high dimension. Both methods return identical results.
 *
 * With `exclude`, j is not a neighbour of i when `group[i] === group[j]` (no `group`: one run) and
 * |order[i] − order[j]| ≤ window (for iterates of one SGD run, its neighbours in time). Throws a
 * `RangeError` naming `options.k` when k exceeds the neighbours some point has left (n − 1 without
 * exclusions).
 *
 * @param points - an ndarray [n, d] (e.g. a `Trajectory`'s `points`), `number[][]` or `Float64Array[]`.
 * @example
 * import { nearestNeighbors } from 'sgd-dynamics/diffusion-maps';
 * const { indices, distances } = nearestNeighbors([[0], [1], [3], [7]], { k: 2 });
 * // indices = [1, 2,  0, 2,  1, 0,  2, 1], distances = [1, 9,  1, 4,  4, 9,  16, 36]
 */
export function nearestNeighbors(points: PointsLike, options: NearestNeighborsOptions): NearestNeighborsResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, KNOWN);
  return nearestNeighborsOfMatrix(toPointMatrix('points', points), opts);
}

const KNOWN = ['k', 'method', 'exclude'];

/**
 * {@link nearestNeighbors} of a point matrix already read and checked by `toPointMatrix` (finite
 * coordinates; `maxAbs` is used when present): for callers inside the module that hold one, so the
 * points are not swept again to check them. The options are checked as by `nearestNeighbors`.
 * @internal
 */
export function nearestNeighborsOfMatrix(P: PointMatrix, options: NearestNeighborsOptions): NearestNeighborsResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, KNOWN);
  const { n, d } = P;
  const k = checkInteger('options.k', opts.k, 1);
  const requested = checkOneOf('options.method', opts.method ?? 'auto', ['auto', 'brute', 'tree'] as const);
  let rule: ExclusionRule | null = null;
  if (opts.exclude !== undefined) {
    const ex = checkOptions('options.exclude', opts.exclude);
    checkKnownOptions('options.exclude', ex, ['group', 'order', 'window']);
    const order = checkVector('options.exclude.order', ex.order, n);
    const window = checkNonNegative('options.exclude.window', ex.window);
    const group = ex.group === undefined ? new Int32Array(n) : checkGroup(ex.group, n);
    rule = { group, order, window };
  }
  const fewest = fewestNeighbors(rule, n);
  if (k > fewest.count) {
    const why = rule === null ? `the other points, n − 1` : `the neighbours point ${fewest.point} has after options.exclude`;
    throw new RangeError(`options.k: expected an integer in [1, ${fewest.count}] (${why}), received ${k}`);
  }
  if (n * k > MAX_RESULT_ENTRIES) {
    throw new RangeError(`options.k: expected n·k ≤ 2^28 entries in the result, received n = ${n}, k = ${k}`);
  }
  const method = requested === 'auto' ? (d <= TREE_MAX_DIM && n >= TREE_MIN_POINTS ? 'tree' : 'brute') : requested;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  if (method === 'tree') treeNeighbors(P.data, n, d, k, rule, indices, distances);
  else bruteForceNeighbors(P.data, pointMean(P), n, d, k, rule, indices, distances, P.maxAbs);
  return { indices, distances, n, k, method };
}
