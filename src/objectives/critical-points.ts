/**
 * Critical points of an objective: their description (value, Hessian, Morse index) and a damped
 * Newton solve of ∇L(x) = 0 that finds minima, saddles and maxima alike.
 *
 * @module
 */
import {
  checkAllocation,
  checkFiniteNumber,
  checkKnownOptions,
  checkNonNegative,
  checkObjective,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkVector,
} from '../core/checks';
import { DimensionError } from '../core/errors';
import { norm2 } from '../core/blas1';
import { symmetricEigen } from '../core/symmetric-eigen';
import type { Objective } from '../core/types';
import { checkSymmetricMatrix, matrixFromProducts, symmetrizeInPlace, toSquareMatrix } from '../core/dense';

/**
 * What a critical point is, read from the signs of its Hessian's eigenvalues: `'minimum'` (all
 * positive), `'maximum'` (all negative), `'saddle'` (both signs, none zero) or `'degenerate'` (an
 * eigenvalue zero within the tolerance, where the second-order test says nothing).
 */
export type CriticalPointKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate';

/** A critical point x* (∇L(x*) = 0) with what an escape study needs to read off it. */
export interface CriticalPoint {
  /** The point x*. */
  point: Float64Array;
  /** L(x*). */
  value: number;
  /** ∇²L(x*), d×d row-major. */
  hessian: Float64Array;
  /** The Hessian's eigenvalues, ascending. */
  eigenvalues: Float64Array;
  /** The Morse index: the number of negative eigenvalues (0 at a minimum, 1 at an escape saddle). */
  index: number;
  /** Minimum, saddle, maximum, or degenerate (a zero eigenvalue). */
  kind: CriticalPointKind;
}

/**
 * The Morse index and kind for Hessian eigenvalues λ: an eigenvalue with
 * |λ| ≤ `zeroTol`·max(1, maxᵢ |λᵢ|) counts as zero (kind `'degenerate'`); the index counts
 * λ < −that threshold. O(d).
 *
 * @example
 * classifyEigenvalues(new Float64Array([-1, 2])); // { index: 1, kind: 'saddle' }
 */
export function classifyEigenvalues(eigenvalues: Float64Array, zeroTol = 1e-10): { index: number; kind: CriticalPointKind } {
  checkVector('eigenvalues', eigenvalues);
  if (eigenvalues.length === 0) throw new DimensionError('eigenvalues: expected at least one eigenvalue, received none');
  checkNonNegative('zeroTol', zeroTol);
  return classifyUnchecked(eigenvalues, zeroTol);
}

/** {@link classifyEigenvalues} of checked eigenvalues and tolerance. @internal */
function classifyUnchecked(eigenvalues: Float64Array, zeroTol: number): { index: number; kind: CriticalPointKind } {
  let amax = 1;
  for (let i = 0; i < eigenvalues.length; i++) amax = Math.max(amax, Math.abs(eigenvalues[i] as number));
  const thr = zeroTol * amax;
  let neg = 0;
  let zero = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = eigenvalues[i] as number;
    if (l < -thr) neg++;
    else if (!(l > thr)) zero++;
  }
  const d = eigenvalues.length;
  const kind: CriticalPointKind = zero > 0 ? 'degenerate' : neg === 0 ? 'minimum' : neg === d ? 'maximum' : 'saddle';
  return { index: neg, kind };
}

/**
 * A {@link CriticalPoint} record from a known point, its value and its Hessian (row-major, d×d,
 * symmetric): eigenvalues by the dense symmetric eigen-solver, then {@link classifyEigenvalues}.
 * O(d³). Used by the landscapes for their closed-form critical points.
 *
 * @example
 * criticalPointFromHessian(Float64Array.of(0, 0), 0, Float64Array.of(1, 2, 2, 1)).kind; // 'saddle'
 */
export function criticalPointFromHessian(point: Float64Array, value: number, hessian: Float64Array, zeroTol = 1e-10): CriticalPoint {
  const x = checkVector('point', point);
  if (x.length === 0) throw new DimensionError('point: expected a non-empty vector, received length 0');
  checkFiniteNumber('value', value);
  const { data } = toSquareMatrix('hessian', hessian, x.length);
  checkSymmetricMatrix('hessian', data, x.length);
  checkNonNegative('zeroTol', zeroTol);
  const eigenvalues = symmetricEigen(hessian).values;
  const { index, kind } = classifyUnchecked(eigenvalues, zeroTol);
  return { point, value, hessian, eigenvalues, index, kind };
}

/**
 * The dense Hessian of `objective` at x: `objective.hessian(x)` when it exists, else the d columns
 * ∇²L·eⱼ from `objective.hvp`, symmetrised as ½(A + Aᵀ) (so a finite-difference HVP gives a
 * symmetric matrix). O(d) HVPs. Throws `TypeError` when the objective has neither.
 *
 * @example
 * denseHessian(quadratic({ hessian: [[2, 0], [0, 1]] }), new Float64Array(2)); // [2, 0, 0, 1]
 */
export function denseHessian(objective: Objective, x: Float64Array): Float64Array {
  const d = checkObjective(objective).dim;
  checkVector('x', x, d);
  checkAllocation('objective.dim', d * d, 'the dense d×d Hessian');
  if (typeof objective.hessian === 'function') return symmetrizeInPlace(Float64Array.from(objective.hessian(x)), d);
  const hvp = objective.hvp?.bind(objective);
  if (hvp === undefined) throw new TypeError('objective: expected an objective with a hessian or an hvp method, received one with neither');
  return matrixFromProducts(d, (v, out) => hvp(x, v, out));
}

/** Options of {@link newtonCriticalPoint}. */
export interface NewtonCriticalPointOptions {
  /** Converged when ‖∇L(x)‖₂ ≤ `gradientTol`. Default 1e-9. */
  gradientTol?: number;
  /** Most Newton iterations. Default 50. */
  maxIterations?: number;
  /** Longest Newton step ‖Δx‖₂ allowed (a longer one is shortened). Default Infinity. */
  maxStep?: number;
  /** Relative threshold below which an eigenvalue counts as zero (pseudo-inverse, classification). Default 1e-10. */
  zeroTol?: number;
}

/** Result of {@link newtonCriticalPoint}: the point reached, classified, and whether it converged. */
export interface NewtonCriticalPointResult extends CriticalPoint {
  /** True when ‖∇L(point)‖₂ ≤ gradientTol. When false, the record describes the last iterate, which is not a critical point. */
  converged: boolean;
  /** Newton iterations taken. */
  iterations: number;
  /** ‖∇L(point)‖₂ at the returned point. */
  gradientNorm: number;
}

/**
 * Solves ∇L(x) = 0 by Newton's method from x0, and classifies the point it reaches.
 *
 * Each step solves ∇²L(x) Δ = −∇L(x) through the eigen-decomposition of the (symmetrised) Hessian,
 * Δ = −Σᵢ (qᵢ·g/λᵢ) qᵢ over the eigenpairs with |λᵢ| above `zeroTol`·max|λ| (a pseudo-inverse, so
 * a singular Hessian does not produce NaN). Because Newton's direction satisfies
 * d/dα ½‖∇L(x + αΔ)‖² = −‖∇L(x)‖² at α = 0, the step is halved (up to 30 times) until ‖∇L‖
 * falls below the largest of its last 10 values (a non-monotone line search, which lets full
 * Newton steps through curved valleys such as Rosenbrock's): the method is drawn to critical
 * points of every kind (minimum, saddle, maximum), namely to the one whose basin of attraction for
 * Newton contains x0. It stops when the gradient norm reaches `gradientTol` (after at most two
 * further polishing steps that are kept only if they lower ‖∇L‖), when no step is accepted, or
 * after `maxIterations`. It never throws for non-convergence: check `converged`.
 *
 * Cost per iteration: one dense Hessian (or d HVPs) and an O(d³) eigen-decomposition; meant for
 * landscapes of small dimension. Needs `objective.hessian` or `objective.hvp` (TypeError otherwise).
 *
 * @example
 * const r = newtonCriticalPoint(mullerBrown(), new Float64Array([-0.8, 0.6]));
 * r.converged; // true
 * r.kind;      // 'saddle'
 */
export function newtonCriticalPoint(
  objective: Objective,
  x0: Float64Array | readonly number[],
  options?: NewtonCriticalPointOptions,
): NewtonCriticalPointResult {
  if (objective === null || typeof objective !== 'object' || typeof objective.gradient !== 'function') {
    throw new TypeError('objective: expected an Objective with value, gradient and hessian or hvp');
  }
  if (typeof objective.hessian !== 'function' && typeof objective.hvp !== 'function') {
    throw new TypeError('objective: expected an objective with a hessian or an hvp method, received one with neither');
  }
  const d = objective.dim;
  const x = Float64Array.from(checkVector('x0', x0, d));
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['gradientTol', 'maxIterations', 'maxStep', 'zeroTol']);
  const gradientTol = checkPositive('options.gradientTol', opts.gradientTol ?? 1e-9);
  const maxIterations = checkPositiveInteger('options.maxIterations', opts.maxIterations ?? 50);
  const maxStep = opts.maxStep === undefined || opts.maxStep === Infinity ? Infinity : checkPositive('options.maxStep', opts.maxStep);
  const zeroTol = checkNonNegative('options.zeroTol', opts.zeroTol ?? 1e-10);

  const g = objective.gradient(x, new Float64Array(d));
  let gnorm = norm2(g);
  const step = new Float64Array(d);
  const trial = new Float64Array(d);
  const gTrial = new Float64Array(d);
  let iterations = 0;
  let polish = 0;
  const history: number[] = [];
  while (iterations < maxIterations && Number.isFinite(gnorm)) {
    if (gnorm <= gradientTol) {
      if (polish >= 2 || gnorm === 0) break;
      polish++;
    }
    const H = denseHessian(objective, x);
    if (!H.every(Number.isFinite)) break;
    const { values, vectors } = symmetricEigen(H);
    let lmax = 0;
    for (let i = 0; i < d; i++) lmax = Math.max(lmax, Math.abs(values[i] as number));
    step.fill(0);
    for (let i = 0; i < d; i++) {
      const l = values[i] as number;
      if (!(Math.abs(l) > zeroTol * lmax)) continue;
      const q = vectors[i] as Float64Array;
      let c = 0;
      for (let k = 0; k < d; k++) c += (q[k] as number) * (g[k] as number);
      c = -c / l;
      for (let k = 0; k < d; k++) step[k] = (step[k] as number) + c * (q[k] as number);
    }
    const sn = norm2(step);
    let alpha = sn > maxStep ? maxStep / sn : 1;
    let accepted = false;
    const polishing = gnorm <= gradientTol;
    const halvings = polishing ? 0 : 30;
    // Non-monotone acceptance (Grippo et al. 1986): below the largest of the last 10 gradient
    // norms, so that full Newton steps along curved valleys are not cut to a crawl.
    let reference = gnorm;
    if (!polishing) for (const r of history) reference = Math.max(reference, r);
    for (let h = 0; h <= halvings; h++) {
      for (let k = 0; k < d; k++) trial[k] = (x[k] as number) + alpha * (step[k] as number);
      objective.gradient(trial, gTrial);
      const tn = norm2(gTrial);
      if (tn < reference) {
        history.push(gnorm);
        if (history.length > 10) history.shift();
        x.set(trial);
        g.set(gTrial);
        gnorm = tn;
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    iterations++;
    if (!accepted) break;
  }
  const hessian = denseHessian(objective, x);
  const value = objective.value(x);
  const finite = hessian.every(Number.isFinite);
  const eigenvalues = finite ? symmetricEigen(hessian).values : new Float64Array(d).fill(NaN);
  const { index, kind } = classifyEigenvalues(eigenvalues, zeroTol);
  return {
    point: x,
    value,
    hessian,
    eigenvalues,
    index,
    kind,
    converged: gnorm <= gradientTol && finite && Number.isFinite(value),
    iterations,
    gradientNorm: gnorm,
  };
}
