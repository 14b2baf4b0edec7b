/**
 * Binary logistic regression (mean cross-entropy) as a finite-sum model, and the stable scalar
 * functions it is built from (softplus, sigmoid).
 *
 * @module
 */
import { checkBoolean, checkNonNegative, checkOptions, checkVector, optionWithAlias, outVector, checkKnownOptions } from '../core/checks';
import type { MatrixLike } from '../core/dense';
import { describeValue } from '../core/errors';
import type { Points } from '../core/types';
import { finiteSumModel, readFeatures, rowCount, toTargetMatrix, type FiniteSumModel } from './finite-sum';
import { glmKernels } from './generalized-linear';
import { exp, log1p } from '../core/elementary/index';

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions {
  /**
   * The design matrix X: N samples of p features (ndarray [N, p], number[][], Float64Array[],
   * ml-matrix `Matrix`, or a row-major Float64Array of N·p values, N being the number of targets).
   */
  features: MatrixLike;
  /**
   * The N class labels yₙ, each 0 or 1 (the documented name, as in every model). Required: give it
   * or its deprecated alias `labels`.
   */
  targets?: ArrayLike<number>;
  /**
   * The N labels, each 0 or 1.
   * @deprecated Use `targets` (the one name every model uses); `labels` keeps working, and giving
   * both with different values throws.
   */
  labels?: ArrayLike<number>;
  /** Ridge strength l2 ≥ 0 on the weights w (never on the intercept). Default 0. */
  l2?: number;
  /** Whether θ = (w, b) carries an intercept b, stored last (dimension p + 1). Default false. */
  intercept?: boolean;
}

/** A logistic-regression model: a {@link FiniteSumModel} with its data exposed. */
export interface LogisticRegressionModel extends FiniteSumModel {
  readonly features: Points;
  /** The labels as 0/1 doubles (length N). */
  readonly targets: Float64Array;
  /**
   * The same array as `targets`.
   * @deprecated Use `targets`.
   */
  readonly labels: Float64Array;
  readonly intercept: boolean;
  /** P(y = 1 | xₙ) = σ(zₙ) for every sample, into `out` when given. */
  probabilities(x: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * log(1 + e^z) without overflow or cancellation: z + log1p(e^−z) for z > 0, log1p(e^z) otherwise.
 * `z` is a number, not NaN (±Infinity give Infinity and 0); a TypeError/RangeError names `z` otherwise.
 *
 * @example
 * softplus(-40); // 4.248354255291589e-18
 */
export function softplus(z: number): number {
  return softplusUnchecked(checkNotNaN('z', z));
}

/**
 * The logistic function σ(z) = 1/(1 + e^−z), evaluated without overflow for either sign of z.
 * `z` is a number, not NaN (±Infinity give 1 and 0).
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(z: number): number {
  return sigmoidUnchecked(checkNotNaN('z', z));
}

function checkNotNaN(name: string, z: unknown): number {
  if (typeof z !== 'number') throw new TypeError(`${name}: expected a number, received ${describeValue(z)}`);
  if (Number.isNaN(z)) throw new RangeError(`${name}: expected a number (±Infinity allowed), received NaN`);
  return z;
}

/** {@link softplus} for the models' own loops (no check). @internal */
function softplusUnchecked(z: number): number {
  // One call site of each of exp and log1p (z + log1p(e^−z) for z > 0, log1p(e^z) otherwise): V8
  // then inlines them into the per-sample loops, where two sites overflow its inlining budget and a
  // non-inlined call returns a boxed double.
  const t = log1p(exp(-Math.abs(z)));
  return z > 0 ? z + t : t;
}

/** {@link sigmoid} for the models' own loops (no check). @internal */
function sigmoidUnchecked(z: number): number {
  // 1/(1 + e^−z) for z ≥ 0, e^z/(1 + e^z) otherwise, with one call site of exp (as softplus).
  const e = exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** σ(z)σ(−z) = e/(1 + e)² with e = e^−|z|, as the product of the two sigmoids (the same bits). */
function sigmoidProductUnchecked(z: number): number {
  const e = exp(-Math.abs(z));
  return (1 / (1 + e)) * (e / (1 + e));
}

/**
 * Binary logistic regression (mean cross-entropy):
 *
 *   zₙ = xₙ·w (+ b),  ℓₙ(θ) = log(1 + e^{zₙ}) − yₙ zₙ,  L(θ) = (1/N) Σₙ ℓₙ(θ) + (l2/2) ‖w‖²,
 *   ∇ℓₙ = (σ(zₙ) − yₙ) x̃ₙ,  ∇²ℓₙ = σ(zₙ)(1 − σ(zₙ)) x̃ₙ x̃ₙᵀ,
 *
 * with x̃ₙ = xₙ, or (xₙ, 1) when `intercept` is true (θ = (w, b), b last, not penalised). Labels are
 * 0/1. The loss is evaluated as softplus(−z) for label 1 and softplus(z) for label 0
 * ({@link softplus}), the gradient factor as −σ(−z) or σ(z) and the curvature as σ(z)σ(−z), so no
 * digit is lost on either side: a confidently correct sample at z = 40 has loss 4.25·10⁻¹⁸, not 0,
 * and the loss is finite even for separable data at large ‖θ‖. Value/gradient/HVP cost O(N p); `hessian` is the closed form
 * Σ σ(1−σ) x̃x̃ᵀ/N + l2 I_w, O(N p²). The labels are `targets` (the name every model uses);
 * `labels`, the name of earlier releases, is a deprecated alias.
 *
 * @example
 * const f = logisticRegression({ features: [[1], [-1]], targets: [1, 0], intercept: true });
 * f.value(new Float64Array(2)); // log 2
 */
export function logisticRegression(options: LogisticRegressionOptions): LogisticRegressionModel {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['features', 'intercept', 'l2', 'labels', 'targets']);
  const targets = optionWithAlias(opts, 'targets', 'labels');
  // Messages name the option the caller gave.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const name = opts.targets === undefined && opts.labels !== undefined ? 'options.labels' : 'options.targets';
  const { X, N, p } = readFeatures(opts.features, rowCount(targets));
  const t = toTargetMatrix(name, targets, N, 'options.features');
  if (t.cols !== 1) throw new RangeError(`${name}: expected one label per sample, received rows of length ${t.cols}`);
  const y = t.data;
  for (let n = 0; n < N; n++) {
    const v = y[n] as number;
    if (v !== 0 && v !== 1) throw new RangeError(`${name}: expected labels 0 or 1, received ${v} at index ${n}`);
  }
  const l2 = opts.l2 === undefined ? 0 : checkNonNegative('options.l2', opts.l2);
  const intercept = opts.intercept === undefined ? false : checkBoolean('options.intercept', opts.intercept);
  // Stable on both sides: ℓ = softplusUnchecked(−z) for y = 1 and softplusUnchecked(z) for y = 0 (never softplusUnchecked(z) − z,
  // which loses every digit of a confidently correct sample: 40 + 4.25e-18 − 40 = 0); σ(z) − 1 = −σ(−z);
  // σ(1 − σ) = σ(z)σ(−z) (1 − σ(40) is 0 in doubles, σ(40)σ(−40) = 4.25e-18).
  const kernels = glmKernels(X.data, N, p, y, intercept, {
    value: (z, yn) => softplusUnchecked(yn === 1 ? -z : z),
    d1: (z, yn) => {
      const s = sigmoidUnchecked(yn === 1 ? -z : z);
      return yn === 1 ? -s : s;
    },
    d2: sigmoidProductUnchecked,
  });
  const d = kernels.dim;
  return finiteSumModel<Omit<LogisticRegressionModel, keyof FiniteSumModel>>(
    kernels,
    l2,
    {
      features: X,
      targets: y,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
      labels: y,
      intercept,
      probabilities(x: Float64Array, out?: Float64Array): Float64Array {
        if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
        const o = outVector('out', out, N);
        const data = X.data;
        for (let n = 0; n < N; n++) {
          let z = intercept ? (x[p] as number) : 0;
          for (let i = 0; i < p; i++) z += (data[n * p + i] as number) * (x[i] as number);
          o[n] = sigmoidUnchecked(z);
        }
        return o;
      },
    },
    p,
  );
}
