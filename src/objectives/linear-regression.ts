/**
 * Least-squares (ridge) regression as a finite-sum model.
 *
 * @module
 */
import { checkNonNegative, checkOptions, checkKnownOptions } from '../core/checks';
import type { MatrixLike } from '../core/dense';
import type { Points } from '../core/types';
import { finiteSumModel, readFeatures, rowCount, toTargetMatrix, type FiniteSumModel } from './finite-sum';
import { glmKernels } from './generalized-linear';

/** Options of {@link linearRegression}. */
export interface LinearRegressionOptions {
  /**
   * The design matrix X: N samples of p features (ndarray [N, p], number[][], Float64Array[],
   * ml-matrix `Matrix`, or a row-major Float64Array of N·p values, N being the number of targets).
   */
  features: MatrixLike;
  /** The N regression targets y (an array, or an [N, 1] set). The documented name for every model's fitted data. */
  targets: ArrayLike<number> | MatrixLike;
  /** Ridge strength l2 ≥ 0 (default 0). */
  l2?: number;
}

/** A least-squares model: a {@link FiniteSumModel} with its data exposed. */
export interface LinearRegressionModel extends FiniteSumModel {
  /** The features X as an ndarray [N, p] (the model's copy or the caller's packed array: do not mutate). */
  readonly features: Points;
  /** The targets y (length N). */
  readonly targets: Float64Array;
}

/**
 * Least squares with a ridge penalty:
 *
 *   L(θ) = (1/2N) ‖Xθ − y‖² + (l2/2) ‖θ‖²,  ℓₙ(θ) = ½ (xₙ·θ − yₙ)²,
 *   ∇L = Xᵀ(Xθ − y)/N + l2 θ,  ∇²L = XᵀX/N + l2 I (constant).
 *
 * θ ∈ R^p, no intercept (append a column of ones to X for one). Value, gradient and HVP cost
 * O(N p) over the full batch (O(B p) for a batch of B); `hessian` is the closed form, O(N p²).
 * Per-sample conventions as in {@link FiniteSumModel}; `valueGradient` and `batchValueGradient`
 * give the loss and the gradient from one pass over the batch.
 *
 * @example
 * const f = linearRegression({ features: [[1, 0], [0, 1], [1, 1]], targets: [1, 2, 3] });
 * f.gradient(new Float64Array([1, 2])); // [0, 0]: θ = (1, 2) fits exactly
 */
export function linearRegression(options: LinearRegressionOptions): LinearRegressionModel {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['features', 'l2', 'targets']);
  const { X, N, p } = readFeatures(opts.features, rowCount(opts.targets));
  const t = toTargetMatrix('options.targets', opts.targets, N, 'options.features');
  if (t.cols !== 1) throw new RangeError(`options.targets: expected one target per sample, received rows of length ${t.cols}`);
  const l2 = opts.l2 === undefined ? 0 : checkNonNegative('options.l2', opts.l2);
  const kernels = glmKernels(X.data, N, p, t.data, false, {
    value: (z, y) => 0.5 * (z - y) * (z - y),
    d1: (z, y) => z - y,
    d2: () => 1,
  });
  return finiteSumModel<Omit<LinearRegressionModel, keyof FiniteSumModel>>(kernels, l2, { features: X, targets: t.data });
}
