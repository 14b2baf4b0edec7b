/**
 * Power iteration with deflation: the simple eigen-solver of PyHessian, kept as a baseline.
 *
 * @module
 */
import { checkInteger, checkOptions, checkPositive, checkSeed, checkKnownOptions } from '../core/checks';
import { dot, norm2, scale } from '../core/blas1';
import { projectOut } from './orthonormalize';
import type { LongRunOptions, Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';
import { longRun } from '../core/long-run';
import { applyFinite, checkOperator } from './operator-checks';

/** What `onProgress` of {@link powerIteration} receives. */
export interface PowerIterationProgress {
  /** Index of the pair being iterated (0-based). */
  pair: number;
  /** Iterations spent on it so far. */
  iterations: number;
  /** Its current residual ‖A v − λ v‖. */
  residual: number;
  /** Operator applications so far, all pairs. */
  matvecs: number;
}

/** Options of {@link powerIteration}. */
export interface PowerIterationOptions extends LongRunOptions<PowerIterationProgress> {
  /** Number of eigenpairs, 1 ≤ k ≤ dim. Default 1. */
  k?: number;
  /**
   * Relative residual tolerance: stop pair j when ‖A v − λ v‖ ≤ tol·|λ₁| and the residual fell
   * at that iteration (never at the first, unless it is exactly 0). Default 1e-6.
   */
  tol?: number;
  /** Iterations (matvecs) allowed per eigenpair. Default 1000. */
  maxIterations?: number;
  /** Seed (a number or a string) of the Gaussian start vectors, drawn in order from `rngFor('power-iteration', seed)`. Default 0. */
  seed?: Seed;
}

/** Result of {@link powerIteration}. */
export interface PowerIterationResult {
  /** Eigenvalue estimates (Rayleigh quotients), in the order found: by decreasing |λ| (k of them; fewer when aborted). */
  values: Float64Array;
  /** Unit eigenvector estimates, mutually orthogonal. */
  vectors: Float64Array[];
  /** ‖A vⱼ − λⱼ vⱼ‖ of each pair at its last iteration. */
  residuals: Float64Array;
  /** Iterations spent on each pair. */
  iterations: Int32Array;
  /** Total operator applications. */
  matvecs: number;
  /** Whether every one of the k pairs met the tolerance. */
  converged: boolean;
  /** Whether each pair returned met the tolerance. */
  convergedEach: boolean[];
  /**
   * `'converged'`: every pair met the tolerance; `'budget'`: some pair used up `maxIterations`
   * (or its deflated iteration stalled) first; `'aborted'`: the signal fired, the result holds the
   * pairs begun (the last one at its latest iterate).
   */
  stopReason: 'converged' | 'budget' | 'aborted';
}

/**
 * The k eigenvalues of largest magnitude of a symmetric A by power iteration with projection
 * deflation, as PyHessian computes its top eigenvalues: for j = 1..k, start from a random vector,
 * and iterate w = A v, λ = vᵀw, v ← (I − VVᵀ) w / ‖(I − VVᵀ) w‖, where V holds the j − 1 vectors
 * already found, until ‖w − λ v‖ ≤ tol·|λ₁| (|λ₁| the first, largest, magnitude found; the
 * current |λ| while j = 1). Each iteration costs one matvec.
 *
 * Convergence of pair j is linear with rate |λⱼ₊₁/λⱼ|, so it is slow where eigenvalues cluster,
 * and it stalls (reports `converged: false`) when λ and −λ are both extreme. Lanczos reaches the
 * same tolerance with far fewer matvecs; this is here as the baseline that papers use.
 * Seed default 0 (`7` and `'7'` the same). Long work: `onProgress` every ~1% of the iteration
 * budget k·maxIterations, `signal` checked after every iteration; a cancelled run returns the
 * pairs begun (`stopReason: 'aborted'`, `converged: false`).
 * Cost per iteration: one matvec + O(n·j).
 *
 * @example
 * const { values } = powerIteration(denseOperator([[3, 0], [0, 1]]), { k: 2 }); // ≈ [3, 1]
 */
export function powerIteration(op: SymmetricOperator, options?: PowerIterationOptions): PowerIterationResult {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['k', 'maxIterations', 'onProgress', 'seed', 'signal', 'tol']);
  const k = checkInteger('options.k', opts.k ?? 1, 1, n);
  const tol = checkPositive('options.tol', opts.tol ?? 1e-6);
  const maxIt = checkInteger('options.maxIterations', opts.maxIterations ?? 1000, 1);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const run = longRun<PowerIterationProgress>(opts);
  const rng = rngFor('power-iteration', seed);
  const convergedEach: boolean[] = [];
  let aborted = false;
  const total = k * maxIt;
  const values = new Float64Array(k);
  const residuals = new Float64Array(k);
  const iterations = new Int32Array(k);
  const vectors: Float64Array[] = [];
  let w: Float64Array = new Float64Array(n);
  let matvecs = 0;
  let converged = true;
  let scaleRef = 0;
  // Two passes of Gram–Schmidt against the vectors found so far ("twice is enough").
  const project = (u: Float64Array): Float64Array => projectOut(vectors, u);
  for (let j = 0; j < k; j++) {
    const v = rng.fillNormal(new Float64Array(n));
    project(v);
    scale(1 / norm2(v), v);
    let lambda = 0;
    let res = Infinity;
    let it = 0;
    let done = false;
    while (it < maxIt) {
      // An operator may return its own array: iterate on what it returns.
      w = applyFinite('op', op, v, w);
      matvecs++;
      it++;
      lambda = dot(v, w);
      // residual ‖w − λv‖ (for unit v), computed directly for accuracy and scaled by max |wᵢ − λvᵢ|
      // so that it neither overflows (an operator near 1e300) nor underflows.
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs((w[i] as number) - lambda * (v[i] as number)));
      let r2 = 0;
      if (dmax > 0 && Number.isFinite(dmax)) {
        for (let i = 0; i < n; i++) {
          const d = ((w[i] as number) - lambda * (v[i] as number)) / dmax;
          r2 += d * d;
        }
      }
      const prevRes = res;
      res = dmax > 0 ? dmax * Math.sqrt(r2) : dmax;
      const ref = j === 0 ? Math.abs(lambda) : scaleRef;
      // Accepted only while the residual falls (from the second iteration on): from a random
      // start on a cluster (diag(1.001, 1, …)) the Rayleigh quotient sits at the bulk with a
      // residual ≈ 0.001·|v₁| that is small but grows as the top component does, and
      // ρ ≤ tol·|λ₁| alone would accept the bulk value.
      // (A residual at the rounding floor of w − λv, ~ε·√n·|λ|, counts as falling.)
      const floor = 8 * 2 ** -52 * Math.sqrt(n) * Math.abs(lambda);
      if (res <= floor || (it >= 2 && res < prevRes && res <= tol * ref)) {
        done = true;
        break;
      }
      const r = res;
      if (run.report(j * maxIt + it, total, () => ({ pair: j, iterations: it, residual: r, matvecs }))) {
        aborted = true;
        break;
      }
      project(w);
      const nw = norm2(w);
      // A v lies in span(V): the deflated iteration cannot continue (reported as not converged).
      if (nw === 0) break;
      scale(1 / nw, w, v);
    }
    if (j === 0) scaleRef = Math.abs(lambda);
    if (!done) converged = false;
    values[j] = lambda;
    residuals[j] = res;
    iterations[j] = it;
    vectors.push(v);
    convergedEach.push(done);
    if (!aborted && j + 1 < k && run.aborted()) aborted = true;
    if (aborted) {
      const m = j + 1;
      return {
        values: values.slice(0, m),
        vectors,
        residuals: residuals.slice(0, m),
        iterations: iterations.slice(0, m),
        matvecs,
        converged: false,
        convergedEach,
        stopReason: 'aborted',
      };
    }
  }
  return { values, vectors, residuals, iterations, matvecs, converged, convergedEach, stopReason: converged ? 'converged' : 'budget' };
}
