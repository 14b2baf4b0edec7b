/**
 * The SGD noise models of the continuous-time theory: D(θ) = (η/2B)·|H(θ)| (Xie et al.) or the
 * minibatch gradient covariance, dense or low-rank-plus-isotropic.
 *
 * @module
 */
import {
  checkInteger,
  checkNonNegative,
  checkObjective,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkVector,
  outVector,
  checkBoolean,
  checkKnownOptions,
} from '../core/checks';
import { matrixFromProducts } from '../core/dense';
import { describeValue } from '../core/errors';
import type { Objective, SymmetricOperator } from '../core/types';
import { gradientCovariance, type SampleGradientSource } from '../objectives/gradient-covariance';
import { hessianOperator } from '../spectral/hessian-operator';
import { lanczos } from '../spectral/lanczos';
import { jacobiEigen } from './diffusion-kernels';
import type { DiffusionField, LowRankDiffusion } from './types';

/** Options of {@link sgdNoise}. */
export interface SgdNoiseOptions {
  /** Learning rate η > 0. */
  lr: number;
  /** Minibatch size B ≥ 1. */
  batchSize: number;
  /**
   * `'hessian'` (default): D = (η/2B)·|H(θ)|, needs `hessian` or `hvp`; `'gradient'`: D = (η/2)·Cov[ĝ_B](θ),
   * the minibatch gradient covariance (needs a finite-sum model with `sampleGradient`).
   */
  covariance?: 'hessian' | 'gradient';
  /** `'dense'` (O(d³) a step in a run), `'low-rank'` (top `rank` eigenpairs by Lanczos, O(d r) a step), `'auto'` (default): dense when d ≤ 64. */
  form?: 'dense' | 'low-rank' | 'auto';
  /** Low-rank form: r, the number of eigenpairs kept (default min(d, 8)). */
  rank?: number;
  /** Low-rank form: D's value c ≥ 0 on the complement of the kept eigenvectors (default 0). */
  isotropic?: number;
  /** `'gradient'`: batches drawn with replacement (default true); without, Cov carries (N − B)/(N − 1). */
  replacement?: boolean;
}

/** The SGD diffusion field: a {@link DiffusionField} plus its parameters. */
export interface SgdNoise extends DiffusionField {
  readonly lr: number;
  readonly batchSize: number;
  readonly covariance: 'hessian' | 'gradient';
  /** η/2B ('hessian') or η/2 ('gradient'): D = scale·|H| or scale·Cov[ĝ_B]. */
  readonly scale: number;
}

/**
 * The diffusion matrix of SGD's continuous-time model dθ = −∇L dt + √(2D(θ)) dW:
 *
 *     'hessian':  D(θ) = (η / 2B)·|H(θ)|,   |H| = V |Λ| Vᵀ for H = V Λ Vᵀ   (Xie et al. 2021)
 *     'gradient': D(θ) = (η / 2)·Cov[ĝ_B(θ)] = (η / 2B)·Σ(θ)   (with replacement; Σ the per-sample gradient covariance)
 *
 * Near a minimum where Σ ≈ H (the Fisher identity) the two agree. The absolute value of H's
 * eigenvalues keeps the noise on at a saddle, as Xie's |H_b| (a PSD projection would switch it off
 * there and forbid escape). Pass the result as `diffusion` to `overdampedLangevin` or
 * `simulateEnsemble` (the Itô convention: D evaluated at the start of each step).
 *
 * Forms: `'dense'` builds H (from `hessian`, or d HVPs) and takes |H| by Jacobi: O(d³) a call.
 * `'low-rank'` keeps the top r eigenpairs by |λ| from `lanczos` (matrix-free, HVPs or the gradient
 * covariance operator) plus an isotropic floor c: D ≈ V diag(scale·|λ|) Vᵀ + c (I − V Vᵀ), so
 * that a step's noise costs O(d r) on top of Lanczos's matvecs.
 *
 * @example
 * const D = sgdNoise(quadratic({ hessian: [[2, 0], [0, 1]] }), { lr: 0.1, batchSize: 4 });
 * D.matrix(new Float64Array(2)); // (0.1/8)·[[2, 0], [0, 1]]
 */
export function sgdNoise(objective: Objective, options: SgdNoiseOptions): SgdNoise {
  const f = checkObjective(objective);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['batchSize', 'covariance', 'form', 'isotropic', 'lr', 'rank', 'replacement']);
  const lr = checkPositive('options.lr', opts.lr);
  const batchSize = checkInteger('options.batchSize', opts.batchSize, 1);
  const covariance = checkOneOf('options.covariance', opts.covariance ?? 'hessian', ['hessian', 'gradient'] as const);
  const d = f.dim;
  const formOpt = checkOneOf('options.form', opts.form ?? 'auto', ['dense', 'low-rank', 'auto'] as const);
  const form = formOpt === 'auto' ? (d <= 64 ? 'dense' : 'low-rank') : formOpt;
  const rank = checkInteger('options.rank', opts.rank ?? Math.min(d, 8), 1, d);
  const isotropic = checkNonNegative('options.isotropic', opts.isotropic ?? 0);
  const replacement = checkBoolean('options.replacement', opts.replacement ?? true);
  const scale = covariance === 'hessian' ? lr / (2 * batchSize) : lr / 2;
  if (covariance === 'gradient') {
    const src = f as unknown as SampleGradientSource;
    if (typeof src.sampleGradient !== 'function' || typeof src.size !== 'number') {
      throw new TypeError(
        `objective: expected a finite-sum model with sampleGradient(x, n, out) for covariance 'gradient', received ${describeValue(objective)}`,
      );
    }
    if (!replacement) checkInteger('options.batchSize', batchSize, 1, src.size);
  } else if (typeof f.hessian !== 'function' && typeof f.hvp !== 'function') {
    throw new TypeError(`objective: expected an Objective with hessian or hvp for covariance 'hessian', received one without either`);
  }
  const a = new Float64Array(d * d);
  const vecs = new Float64Array(d * d);
  const vals = new Float64Array(d);
  const rawMatrix = (x: Float64Array): Float64Array => {
    if (covariance === 'gradient') {
      const m = gradientCovariance(f as unknown as SampleGradientSource, x, { batchSize, replacement, form: 'dense' }).matrix as Float64Array;
      return m;
    }
    if (typeof f.hessian === 'function') return f.hessian(x);
    const hvp = f.hvp as NonNullable<Objective['hvp']>;
    return matrixFromProducts(d, (v, out) => hvp.call(f, x, v, out));
  };
  const matrix = (x: Float64Array, out?: Float64Array): Float64Array => {
    const o = outVector('out', out, d * d);
    const m = rawMatrix(checkVector('x', x, d));
    if (covariance === 'gradient') {
      for (let i = 0; i < d * d; i++) o[i] = scale * (m[i] as number);
      return o;
    }
    a.set(m);
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) a[i * d + j] = a[j * d + i] = 0.5 * ((a[i * d + j] as number) + (a[j * d + i] as number));
    jacobiEigen(a, d, vals, vecs);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += (vecs[i * d + k] as number) * Math.abs(vals[k] as number) * (vecs[j * d + k] as number);
        o[i * d + j] = scale * s;
      }
    }
    return o;
  };
  const base = { dim: d, lr, batchSize, covariance, scale, matrix };
  if (form === 'dense') return { ...base, form: 'dense' };
  const lowRank = (x: Float64Array): LowRankDiffusion => {
    const op: SymmetricOperator =
      covariance === 'gradient'
        ? gradientCovariance(f as unknown as SampleGradientSource, x, { batchSize, replacement, form: 'operator' }).operator
        : hessianOperator(f, x, typeof f.hvp === 'function' ? {} : { method: 'finite-difference' });
    const r = lanczos(op, { k: rank, which: covariance === 'gradient' ? 'largest' : 'magnitude' });
    const kept = r.values.length;
    const values = new Float64Array(kept);
    const vectors = new Float64Array(kept * d);
    for (let k = 0; k < kept; k++) {
      values[k] = scale * Math.abs(r.values[k] as number);
      vectors.set(r.vectors[k] as Float64Array, k * d);
    }
    return { values, vectors, isotropic };
  };
  return { ...base, form: 'low-rank', lowRank };
}
