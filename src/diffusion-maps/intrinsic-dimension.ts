/**
 * Intrinsic dimension of a point cloud from the kernel sums T(ε) = Σᵢⱼ exp(−‖xᵢ − xⱼ‖²/ε).
 *
 * @module
 */
import { checkKnownOptions, checkOptions, checkPositive } from '../core/checks';
import type { PointsLike } from '../core/types';
import { distanceSample, kernelSumCurve, type KernelSumCurve } from './bandwidth-kernels';
import { readNeighbors } from './bandwidth';
import { distanceGraph } from './diffusion-map-kernels';
import { toPointMatrix } from './point-input';
import { log } from '../core/elementary/index';

/** Options of {@link intrinsicDimension}. */
export interface IntrinsicDimensionOptions {
  /**
   * Read the slope at this ε (squared coordinate units) instead of at its maximum. Default: the
   * maximum of the slope (the kernel-sum criterion's ε).
   *
   * The sums count local pairs only (each point's 64 nearest neighbours on a dense kernel, the
   * graph's edges with `neighbors`), as the bandwidth criterion does. At an ε whose kernel reaches
   * past those pairs (ε beyond about the squared distance to the 64th neighbour) T(ε) flattens and
   * the reading falls towards 0 whatever the dimension: check `curve`, or pass `neighbors: n − 1`
   * to count every pair.
   */
  epsilon?: number;
  /** Pairs considered: `'all'` (default up to 4096 points) or k nearest neighbours (default 15 above). */
  neighbors?: number | 'all';
}

/** Result of {@link intrinsicDimension}. */
export interface IntrinsicDimensionResult {
  /** d ≈ 2 · d log T/d log ε at `epsilon`. */
  dimension: number;
  /** The ε it was read at. */
  epsilon: number;
  /** The kernel-sum curve T(ε) with its slopes. */
  curve: KernelSumCurve;
}

/**
 * Estimates the intrinsic dimension d of the manifold the points sample from the kernel sums:
 * between its flat ends T(ε) ≈ n²(πε)^{d/2}/vol, so d ≈ 2 · d log T/d log ε, read where the slope
 * is largest (or, with `epsilon`, at that ε, interpolated linearly in log ε on the grid).
 *
 * The estimate is biased low by curvature and boundaries at large ε and by the discreteness of the
 * sample at small ε; the curve is returned so that the plateau can be checked. Same sampling and
 * cost as {@link bandwidth}.
 *
 * @example
 * import { intrinsicDimension } from 'sgd-dynamics/diffusion-maps';
 * const torus = Array.from({ length: 400 }, (_, i) => {
 *   const u = (2 * Math.PI * (i % 20)) / 20, v = (2 * Math.PI * Math.floor(i / 20)) / 20;
 *   return [Math.cos(u), Math.sin(u), Math.cos(v), Math.sin(v)];
 * });
 * intrinsicDimension(torus).dimension; // ≈ 2
 */
export function intrinsicDimension(points: PointsLike, options?: IntrinsicDimensionOptions): IntrinsicDimensionResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['epsilon', 'neighbors']);
  const eps = opts.epsilon === undefined ? null : checkPositive('options.epsilon', opts.epsilon);
  const pm = toPointMatrix('points', points);
  if (pm.n < 2) throw new RangeError(`points: expected at least 2 points, received ${pm.n}`);
  const g = distanceGraph(pm, readNeighbors('options.neighbors', opts.neighbors, pm.n), null);
  const s = distanceSample(g);
  const curve = kernelSumCurve(s.values, s.scale, pm.n);
  if (curve === null) throw new RangeError(`points: expected at least two distinct points, received ${pm.n} identical points`);
  if (eps === null) return { dimension: 2 * curve.maxSlope, epsilon: curve.epsilonAtMax, curve };
  return { dimension: 2 * slopeAt(curve, eps), epsilon: eps, curve };
}

function slopeAt(c: KernelSumCurve, eps: number): number {
  const m = c.epsilons.length;
  const x = log(eps);
  if (x <= log(c.epsilons[0] as number)) return c.slopes[0] as number;
  for (let k = 1; k < m; k++) {
    const x1 = log(c.epsilons[k] as number);
    if (x <= x1) {
      const x0 = log(c.epsilons[k - 1] as number);
      const w = (x - x0) / (x1 - x0);
      return (1 - w) * (c.slopes[k - 1] as number) + w * (c.slopes[k] as number);
    }
  }
  return c.slopes[m - 1] as number;
}
