/**
 * A symmetric operator from a plain closure x ↦ A x.
 *
 * @module
 */
import { checkAllFinite, checkBoolean, checkFunction, checkInteger, checkOptions, checkPositive, checkSeed, checkKnownOptions } from '../core/checks';
import { dot, norm2 } from '../core/blas1';
import { SymmetryError } from '../core/errors';
import type { Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';

/** Options of {@link operatorFromFunction}. */
export interface FunctionOperatorOptions {
  /**
   * Probe symmetry once, at construction, with two random Gaussian vectors u, v (2 calls of
   * `apply`): reject when |uᵀAv − vᵀAu| > `symmetryTol` · (‖u‖‖Av‖ + ‖v‖‖Au‖). Default `false`
   * (the closure is trusted, and not called before the first use).
   */
  checkSymmetry?: boolean;
  /** Relative tolerance of the symmetry probe. Default 1e-10. */
  symmetryTol?: number;
  /** Seed (a number or a string) of the symmetry probe's vectors u, v, drawn in order from `rngFor('symmetry-probe', seed)`. Default 0. */
  seed?: Seed;
}

/**
 * Wraps a closure `apply(x, out)` that writes A x into `out` as a {@link SymmetricOperator} of
 * dimension `dim`. The closure may write into `out` (and return it, or nothing) or return a new
 * array (copied into `out`); the operator's `apply` always returns `out` and adds no allocation or
 * check of its own (the spectral routines check the
 * output for NaN themselves).
 *
 * A must be symmetric: Lanczos, SLQ and Hutchinson assume it. With `checkSymmetry: true` that is
 * probed once (a random bilinear test, which catches any asymmetry that is not orthogonal to two
 * random vectors: almost surely all of it).
 *
 * @example
 * // A = diag(1, 2, 3)
 * const op = operatorFromFunction(3, (x, out) => { for (let i = 0; i < 3; i++) out[i] = (i + 1) * x[i]; });
 */
export function operatorFromFunction(
  dim: number,
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- a closure may write into out and return nothing, or return its own array
  apply: (x: Float64Array, out: Float64Array) => Float64Array | void,
  options?: FunctionOperatorOptions,
): SymmetricOperator {
  checkInteger('dim', dim, 1);
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- as above
  const f = checkFunction<(x: Float64Array, out: Float64Array) => Float64Array | void>('apply', apply);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['checkSymmetry', 'seed', 'symmetryTol']);
  const check = checkBoolean('options.checkSymmetry', opts.checkSymmetry ?? false);
  const tol = checkPositive('options.symmetryTol', opts.symmetryTol ?? 1e-10);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const op: SymmetricOperator = {
    dim,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      const y = f(x, out);
      // A closure that returns its own array instead of writing into out: copy it into out.
      if (y instanceof Float64Array && y !== out) out.set(y);
      return out;
    },
  };
  if (check) probeSymmetry('apply', op, tol, seed);
  return op;
}

/**
 * Throws `SymmetryError` unless |uᵀAv − vᵀAu| ≤ tol·(‖u‖‖Av‖ + ‖v‖‖Au‖) for two seeded Gaussian
 * vectors u, v. Costs two applications of `op`. (Internal.)
 */
function probeSymmetry(name: string, op: SymmetricOperator, tol: number, seed: Seed): void {
  const n = op.dim;
  const rng = rngFor('symmetry-probe', seed);
  const u = rng.fillNormal(new Float64Array(n));
  const v = rng.fillNormal(new Float64Array(n));
  const au = op.apply(u, new Float64Array(n));
  checkAllFinite(name, au);
  const av = op.apply(v, new Float64Array(n));
  checkAllFinite(name, av);
  const gap = Math.abs(dot(u, av) - dot(v, au));
  const scale = norm2(u) * norm2(av) + norm2(v) * norm2(au);
  if (gap > tol * scale) {
    throw new SymmetryError(
      `${name}: expected a symmetric operator (|uᵀAv − vᵀAu| ≤ ${tol}·(‖u‖‖Av‖ + ‖v‖‖Au‖) for random u, v), received relative asymmetry ${(gap / scale).toExponential(3)}`,
    );
  }
}
