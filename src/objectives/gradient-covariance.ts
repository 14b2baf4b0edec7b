/**
 * The covariance of the minibatch gradient of a finite-sum model (with or without replacement), as
 * a dense matrix or a matrix-free operator.
 *
 * @module
 */
import { checkAllocation, checkBoolean, checkInteger, checkOneOf, checkOptions, checkVector, outVector, checkKnownOptions } from '../core/checks';
import { NonFiniteError, describeValue } from '../core/errors';
import type { SymmetricOperator } from '../core/types';
import type { FiniteSumModel } from './finite-sum';
import { matVecUnchecked as matVec } from '../core/mat-vec';

/** What {@link gradientCovariance} needs of a model: per-sample gradients. */
export type SampleGradientSource = Pick<FiniteSumModel, 'dim' | 'size' | 'sampleGradient'>;

/** Options of {@link gradientCovariance}. */
export interface GradientCovarianceOptions {
  /** Minibatch size B (1 ≤ B, and B ≤ N without replacement). Default 1: Σ itself. */
  batchSize?: number;
  /** Whether minibatches are drawn with replacement. Default true. */
  replacement?: boolean;
  /**
   * 'dense': a d×d matrix (O(N d²) time, O(d²) memory); 'operator': a matrix-free
   * `SymmetricOperator`; 'auto' (default): dense when d ≤ 1024.
   */
  form?: 'dense' | 'operator' | 'auto';
  /**
   * Operator form only: keep the N centred per-sample gradients in memory (8·N·d bytes, each apply
   * O(N d)) rather than recompute them at every apply (N per-sample gradients, O(d) memory).
   * Default: store when N·d ≤ 2²³.
   */
  store?: boolean;
}

/** The covariance of the minibatch gradient, c·Σ. */
export interface GradientCovarianceResult {
  readonly dim: number;
  readonly form: 'dense' | 'operator';
  /** c = 1/B with replacement, (N − B)/(B (N − 1)) without (0 when B = N). */
  readonly factor: number;
  /** c·Σ, d×d row-major (form 'dense'), else null. */
  readonly matrix: Float64Array | null;
  /** v ↦ c·Σ v, in both forms. */
  readonly operator: SymmetricOperator;
  /** ḡ = (1/N) Σₙ ∇ℓₙ(θ) (without the regulariser). */
  readonly meanGradient: Float64Array;
}

/** Largest N·d for which the operator form keeps the centred per-sample gradients in memory. */
const STORE_LIMIT = 1 << 23;

/**
 * The covariance of the minibatch gradient at θ:
 *
 *   Σ = (1/N) Σₙ (gₙ − ḡ)(gₙ − ḡ)ᵀ,  gₙ = ∇ℓₙ(θ),  ḡ = (1/N) Σₙ gₙ,
 *   Cov[ĝ_B] = Σ / B                           (B indices drawn with replacement),
 *   Cov[ĝ_B] = Σ / B · (N − B)/(N − 1)          (B distinct indices, without replacement),
 *
 * where ĝ_B = (1/B) Σ_{n∈batch} gₙ (+ ∇R, a constant that does not change the covariance). The
 * finite-population factor (N − B)/(N − 1) makes it vanish for the full batch. With B = 1 and
 * replacement (the defaults) it is Σ, which at a well-specified maximum-likelihood point estimates
 * the Fisher information.
 *
 * Dense form: 2N per-sample gradients and O(N d²). Operator form: 2N per-sample gradients to set
 * up; each apply costs O(N d) when the centred gradients are stored (`store`, by default when
 * N·d ≤ 2²³: 8·N·d bytes), otherwise N per-sample gradients (recomputed, O(d) memory).
 *
 * @example
 * const f = linearRegression({ features: X, targets: y });
 * const { matrix } = gradientCovariance(f, theta, { batchSize: 32, replacement: false });
 */
export function gradientCovariance(objective: SampleGradientSource, x: Float64Array, options?: GradientCovarianceOptions): GradientCovarianceResult {
  if (typeof objective !== 'object' || objective === null || typeof objective.sampleGradient !== 'function') {
    throw new TypeError(`objective: expected a finite-sum model with sampleGradient(x, n, out), received ${describeValue(objective)}`);
  }
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['batchSize', 'form', 'replacement', 'store']);
  const d = checkInteger('objective.dim', objective.dim, 1);
  const N = checkInteger('objective.size', objective.size, 1);
  const theta = Float64Array.from(checkVector('x', x, d)); // a copy: the operator may recompute at θ later
  const replacement = opts.replacement === undefined ? true : checkBoolean('options.replacement', opts.replacement);
  const B = opts.batchSize === undefined ? 1 : checkInteger('options.batchSize', opts.batchSize, 1, replacement ? Number.MAX_SAFE_INTEGER : N);
  const formOpt = opts.form === undefined ? 'auto' : checkOneOf('options.form', opts.form, ['dense', 'operator', 'auto'] as const);
  const form = formOpt === 'auto' ? (d <= 1024 ? 'dense' : 'operator') : formOpt;
  const store = opts.store === undefined ? N * d <= STORE_LIMIT : checkBoolean('options.store', opts.store);
  const factor = replacement ? 1 / B : B === N ? 0 : (N - B) / (B * (N - 1));

  const g = new Float64Array(d);
  const mean = new Float64Array(d);
  // The operator form with `store` keeps every gₙ: computed once here, centred below.
  if (form === 'dense') checkAllocation('objective.dim', d * d, 'the dense d×d covariance (options.form: "operator" avoids it)');
  if (form === 'operator' && store) checkAllocation('objective.size', N * d, 'the stored per-sample gradients (options.store: false avoids it)');
  const stored = form === 'operator' && store ? new Float64Array(N * d) : null;
  for (let n = 0; n < N; n++) {
    const gn = stored === null ? g : stored.subarray(n * d, (n + 1) * d);
    objective.sampleGradient(theta, n, gn);
    for (let i = 0; i < d; i++) {
      const v = gn[i] as number;
      if (!Number.isFinite(v)) throw new NonFiniteError(`objective.sampleGradient: expected finite values, received ${v} at index ${i} of sample ${n}`);
      mean[i] = (mean[i] as number) + v;
    }
  }
  for (let i = 0; i < d; i++) mean[i] = (mean[i] as number) / N;
  const c = factor / N;

  if (form === 'dense') {
    const S = new Float64Array(d * d);
    for (let n = 0; n < N; n++) {
      objective.sampleGradient(theta, n, g);
      for (let i = 0; i < d; i++) g[i] = (g[i] as number) - (mean[i] as number);
      for (let i = 0; i < d; i++) {
        const gi = g[i] as number;
        if (gi === 0) continue;
        const r = i * d;
        for (let j = i; j < d; j++) S[r + j] = (S[r + j] as number) + gi * (g[j] as number);
      }
    }
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = (S[i * d + j] as number) * c;
        S[i * d + j] = v;
        S[j * d + i] = v;
      }
    }
    const operator: SymmetricOperator = {
      dim: d,
      apply(v: Float64Array, out: Float64Array): Float64Array {
        if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
        return matVec(S, d, d, v, outVector('out', out, d));
      },
    };
    return { dim: d, form, factor, matrix: S, operator, meanGradient: mean };
  }

  // Operator: v ↦ (c) Σₙ (gₙ − ḡ) ((gₙ − ḡ)·v).
  if (stored !== null) {
    for (let n = 0; n < N; n++) {
      const r = n * d;
      for (let i = 0; i < d; i++) stored[r + i] = (stored[r + i] as number) - (mean[i] as number);
    }
  }
  const operator: SymmetricOperator = {
    dim: d,
    apply(v: Float64Array, out: Float64Array): Float64Array {
      if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
      const o = outVector('out', out, d);
      o.fill(0);
      for (let n = 0; n < N; n++) {
        // Row n of the stored centred gradients (offset r), or gₙ − ḡ recomputed into g (offset 0).
        let row: Float64Array = g;
        let r = 0;
        if (stored !== null) {
          row = stored;
          r = n * d;
        } else {
          objective.sampleGradient(theta, n, g);
          for (let i = 0; i < d; i++) g[i] = (g[i] as number) - (mean[i] as number);
        }
        let s = 0;
        for (let i = 0; i < d; i++) s += (row[r + i] as number) * (v[i] as number);
        s *= c;
        for (let i = 0; i < d; i++) o[i] = (o[i] as number) + s * (row[r + i] as number);
      }
      return o;
    },
  };
  return { dim: d, form, factor, matrix: null, operator, meanGradient: mean };
}
