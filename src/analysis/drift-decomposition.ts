/**
 * The decomposition A = (D + Q)U of a linear drift (Kwon, Ao & Thouless 2005): diffusion, rotation
 * and the modified loss whose Boltzmann density is the stationary law.
 *
 * @module
 */
import { checkKnownOptions, checkOptions } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { DimensionError } from '../core/errors';
import { symmetricEigen } from '../core/symmetric-eigen';
import { frobenius, matMul, symmetrize } from './dense-kernels';
import { solveLyapunovUnchecked } from './lyapunov-kernels';

/** The largest order {@link driftDecomposition} accepts. */
export const DRIFT_DECOMPOSITION_MAX_ORDER = 2000;

/** Options of {@link driftDecomposition} (none yet; unknown keys are refused). */
export type DriftDecompositionOptions = Record<string, never>;

/** Result of {@link driftDecomposition}: A = (D + Q)U, all row-major n×n. */
export interface DriftDecompositionResult {
  /** D, the diffusion matrix given (symmetrised). */
  diffusion: Float64Array;
  /** Q = AΣ − D, antisymmetric: the rotational part of the drift. */
  rotation: Float64Array;
  /** U = Σ⁻¹, symmetric positive definite: the Hessian of the modified loss Φ(x) = ½ xᵀUx. */
  potential: Float64Array;
  /** Σ, the stationary covariance (AΣ + ΣAᵀ = 2D). */
  covariance: Float64Array;
  /** Φ(x) = ½ xᵀUx, the modified loss: the stationary density is ∝ exp(−Φ(x)). */
  modifiedLoss: (x: ArrayLike<number>) => number;
  /** ‖(D + Q)U − A‖_F / ‖A‖_F. */
  relativeResidual: number;
}

/**
 * For the linear SDE dx = −A x dt + √(2D) dW (D symmetric positive semi-definite, the diffusion
 * matrix; the noise covariance is 2D dt) with A stable (every Re λ(A) > 0), the decomposition
 *
 *     A = (D + Q) U,   Q = −Qᵀ,   U = Uᵀ ≻ 0,
 *
 * so that dx = −(D + Q)∇Φ dt + √(2D) dW with the modified loss Φ(x) = ½ xᵀUx, whose Boltzmann
 * density ∝ e^{−Φ} is the stationary law N(0, U⁻¹) (Kwon, Ao & Thouless 2005; Kunin et al. 2021 for
 * SGD, where Φ differs from the training loss unless Q = 0, i.e. unless the drift is a gradient
 * flow in D's metric). Constructively: Σ solves AΣ + ΣAᵀ = 2D (`lyapunov`), U = Σ⁻¹ and
 * Q = AΣ − D (antisymmetric because of the Lyapunov equation). Q is also the mean areal velocity
 * ½⟨x ∧ dx⟩/dt of the stationary process (see `arealVelocity`).
 *
 * Throws a RangeError naming `A` when A is not stable, naming `D` when D is not symmetric
 * positive semi-definite or Σ is singular (noise that does not reach every direction).
 * Cost O(n³); n ≤ {@link DRIFT_DECOMPOSITION_MAX_ORDER}.
 *
 * @example
 * import { driftDecomposition } from 'sgd-dynamics/analysis';
 * const r = driftDecomposition([[1, 1], [-1, 1]], [[1, 0], [0, 1]]);
 * r.rotation;  // [0, 1, −1, 0]
 * r.potential; // I: Φ(x) = ½‖x‖²
 */
export function driftDecomposition(A: SquareMatrixLike, D: SquareMatrixLike, options?: DriftDecompositionOptions): DriftDecompositionResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, []);
  const a = toSquareMatrix('A', A);
  const n = a.n;
  if (n > DRIFT_DECOMPOSITION_MAX_ORDER) throw new DimensionError(`A: expected order ≤ ${DRIFT_DECOMPOSITION_MAX_ORDER}, received ${n}`);
  const dm = Float64Array.from(toSquareMatrix('D', D, n).data);
  checkSymmetricMatrix('D', dm, n);
  symmetrize(dm, n);
  const dEig = symmetricEigen(dm).values;
  const dMax = Math.max(...dEig.map(Math.abs));
  if (dMax === 0 || (dEig[0] as number) < -1e-12 * dMax) {
    throw new RangeError(
      `D: expected a non-zero symmetric positive semi-definite diffusion matrix, received eigenvalues in [${(dEig[0] as number).toExponential(3)}, ${(dEig[n - 1] as number).toExponential(3)}]`,
    );
  }
  const q2 = dm.map((v) => 2 * v);
  const s = solveLyapunovUnchecked(a.data, q2, n, false, 'A', false, true);
  const sigma = s.solution;
  const eig = symmetricEigen(sigma);
  const smax = eig.values[n - 1] as number;
  if (!((eig.values[0] as number) > 1e-12 * smax)) {
    throw new RangeError(
      `D: expected noise that reaches every direction (a positive definite stationary covariance), received smallest eigenvalue ${(eig.values[0] as number).toExponential(3)} of Σ`,
    );
  }
  // U = Σ⁻¹ = V Λ⁻¹ Vᵀ.
  const U = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lam = eig.values[k] as number;
    const v = eig.vectors[k] as Float64Array;
    for (let i = 0; i < n; i++) {
      const vi = (v[i] as number) / lam;
      for (let j = 0; j < n; j++) U[i * n + j] = (U[i * n + j] as number) + vi * (v[j] as number);
    }
  }
  symmetrize(U, n);
  const aSigma = matMul(a.data, sigma, n, new Float64Array(n * n));
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // The antisymmetric part of AΣ − D (its symmetric part is 0 up to rounding).
      Q[i * n + j] = ((aSigma[i * n + j] as number) - (aSigma[j * n + i] as number)) / 2;
    }
  }
  const dq = dm.map((v, k) => v + (Q[k] as number));
  const rec = matMul(dq, U, n, new Float64Array(n * n));
  for (let k = 0; k < n * n; k++) rec[k] = (rec[k] as number) - (a.data[k] as number);
  const normA = frobenius(a.data);
  const modifiedLoss = (x: ArrayLike<number>): number => {
    if (x.length !== n) throw new DimensionError(`x: expected length ${n}, received length ${x.length}`);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      let ui = 0;
      for (let j = 0; j < n; j++) ui += (U[i * n + j] as number) * (x[j] as number);
      acc += (x[i] as number) * ui;
    }
    return acc / 2;
  };
  return { diffusion: dm, rotation: Q, potential: U, covariance: sigma, modifiedLoss, relativeResidual: frobenius(rec) / normA };
}
