/**
 * The stationary covariances of heavy-ball SGD near a quadratic minimum: Kunin et al.'s underdamped
 * Langevin limit, and the exact law of the discrete linear recursion.
 *
 * @module
 */
import { checkFiniteNumber, checkInRange, checkInteger, checkKnownOptions, checkNonNegative, checkOptions, checkPositive } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { DimensionError } from '../core/errors';
import { symmetricEigen } from '../core/symmetric-eigen';
import { frobenius } from './dense-kernels';
import { solveLyapunovUnchecked } from './lyapunov-kernels';

/** The largest dimension d {@link heavyBallStationary} accepts (two Lyapunov solves of order 2d). */
export const HEAVY_BALL_STATIONARY_MAX_DIM = 500;

/** Options of {@link heavyBallStationary}. */
export interface HeavyBallStationaryOptions {
  /** Learning rate η > 0. */
  lr: number;
  /** Momentum β ∈ [0, 1) (PyTorch's, dampening 0). */
  momentum: number;
  /** Minibatch size B ≥ 1 (integer): the minibatch gradient noise has covariance Σ/B. */
  batchSize: number;
  /** The Hessian H of the loss at the minimum: a d×d symmetric matrix, or a number h for the 1-D case. */
  hessian: number | SquareMatrixLike;
  /** The per-sample gradient covariance Σ (symmetric positive semi-definite d×d), or a number σ² for Σ = σ² I. */
  noise: number | SquareMatrixLike;
  /** PyTorch's weight decay λ ≥ 0: the gradient is ∇L + λθ, so H becomes H + λI. Default 0. */
  weightDecay?: number;
}

/** A stationary law of (θ, v): covariances about the minimum, row-major d×d. */
export interface HeavyBallCovariances {
  /** Cov θ = E[(θ − θ*)(θ − θ*)ᵀ]. */
  positionCovariance: Float64Array;
  /** Cov v, v PyTorch's momentum buffer. */
  velocityCovariance: Float64Array;
  /** E[(θ − θ*) vᵀ] (continuous: 0 when Σ commutes with H). */
  crossCovariance: Float64Array;
  /** The Lyapunov residual relative to the terms (see `lyapunov`). */
  relativeResidual: number;
}

/** Result of {@link heavyBallStationary}. */
export interface HeavyBallStationaryResult {
  /** The dimension d. */
  dim: number;
  /** Kunin et al.'s underdamped Langevin limit (first order in η). */
  continuous: HeavyBallCovariances;
  /** The exact stationary law of the linear recursion (θ_k, v_k). */
  discrete: HeavyBallCovariances;
  /** The eigenvalues of H + λI, ascending. */
  curvatures: Float64Array;
}

/**
 * Heavy-ball SGD in PyTorch's convention near a quadratic minimum θ* of L, H = ∇²L(θ*),
 *
 *     g_k = H̃(θ_k − θ*) + ζ_k,  H̃ = H + λI,  Cov ζ_k = Σ/B,
 *     v_{k+1} = β v_k + g_k,     θ_{k+1} = θ_k − η v_{k+1},
 *
 * has two stationary laws here, each with Cov θ, Cov v and E[θ vᵀ] (θ measured from θ*):
 *
 * - `discrete`: the exact one. The state z_k = (θ_k, v_k) obeys z_{k+1} = M z_k + G ζ_k with
 *   M = [[I − ηH̃, −ηβI], [H̃, βI]], G = [−ηI; I], so its covariance S solves the discrete Lyapunov
 *   equation S = M S Mᵀ + G (Σ/B) Gᵀ (order 2d). In 1-D (curvature h, s² = Σ/B):
 *   Var θ = η s² (1 + β) / (h (1 − β) (2(1 + β) − ηh)).
 * - `continuous`: Kunin et al.'s (2021) limit in time t = ηk, with v = −dθ/dt,
 *   dθ = −v dt,  m dv = (H̃θ − (1 − β) v) dt + √(η/B) Σ^{1/2} dW,  m = η(1 + β)/2,
 *   whose covariance solves A S + S Aᵀ = diag(0, ηΣ/(B m²)), A = [[0, I], [−H̃/m, ((1 − β)/m) I]].
 *   When Σ commutes with H̃: Cov θ = η Σ H̃⁻¹ / (2B(1 − β)), Cov v = Σ / (B(1 − β²)), E[θvᵀ] = 0.
 *   It agrees with `discrete` to first order in ηh.
 *
 * Stability (both are refused, with a RangeError naming the option, outside it): every eigenvalue h
 * of H̃ must satisfy h > 0 (a minimum: `options.hessian`) and η h < 2(1 + β) (the recursion's
 * spectral radius < 1: `options.lr`). Units: Σ in gradient², H in loss/θ², η in θ²/loss; Cov θ
 * in θ², Cov v in gradient².
 *
 * Cost O(d³): a symmetric eigendecomposition of H̃ and two Lyapunov solves of order 2d. d ≤ {@link HEAVY_BALL_STATIONARY_MAX_DIM}.
 *
 * @example
 * import { heavyBallStationary } from 'sgd-dynamics/analysis';
 * const s = heavyBallStationary({ lr: 0.1, momentum: 0.9, batchSize: 4, hessian: [[1, 0], [0, 3]], noise: 0.5 });
 * s.discrete.positionCovariance; // Float64Array(4), ≈ η Σ H⁻¹ / (2B(1 − β)) for small η
 */
export function heavyBallStationary(options: HeavyBallStationaryOptions): HeavyBallStationaryResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['lr', 'momentum', 'batchSize', 'hessian', 'noise', 'weightDecay']);
  const lr = checkPositive('options.lr', opts.lr);
  const beta = checkInRange('options.momentum', opts.momentum, 0, 1, { openMax: true });
  const B = checkInteger('options.batchSize', opts.batchSize, 1);
  const lambda = checkNonNegative('options.weightDecay', opts.weightDecay ?? 0);
  let d: number;
  let H: Float64Array;
  if (typeof opts.hessian === 'number') {
    d = 1;
    H = Float64Array.of(checkFiniteNumber('options.hessian', opts.hessian));
  } else {
    if (opts.hessian === undefined) throw new TypeError('options.hessian: expected a number or a d×d symmetric matrix, received undefined');
    const h = toSquareMatrix('options.hessian', opts.hessian);
    d = h.n;
    if (d > HEAVY_BALL_STATIONARY_MAX_DIM) throw new DimensionError(`options.hessian: expected dimension ≤ ${HEAVY_BALL_STATIONARY_MAX_DIM}, received ${d}`);
    checkSymmetricMatrix('options.hessian', h.data, d);
    H = Float64Array.from(h.data);
  }
  let S: Float64Array;
  if (typeof opts.noise === 'number') {
    const s2 = checkNonNegative('options.noise', opts.noise);
    S = new Float64Array(d * d);
    for (let i = 0; i < d; i++) S[i * d + i] = s2;
  } else {
    if (opts.noise === undefined)
      throw new TypeError('options.noise: expected a number σ² ≥ 0 or a d×d symmetric positive semi-definite matrix, received undefined');
    S = Float64Array.from(toSquareMatrix('options.noise', opts.noise, d).data);
    checkSymmetricMatrix('options.noise', S, d);
    if (!Number.isFinite(frobenius(S))) throw new RangeError('options.noise: expected entries whose squares are finite (|σᵢⱼ| ≲ 1e150), received larger ones');
    const ev = symmetricEigen(S).values;
    const smax = Math.max(...ev.map(Math.abs));
    if ((ev[0] as number) < -1e-12 * smax) {
      throw new RangeError(`options.noise: expected a positive semi-definite covariance, received smallest eigenvalue ${(ev[0] as number).toExponential(3)}`);
    }
  }
  // Entries beyond ~1e150 overflow the eigen-decomposition and the Lyapunov solve: refuse them here,
  // naming the hessian before the weight decay is added and the weight decay after.
  if (!Number.isFinite(frobenius(H))) throw new RangeError('options.hessian: expected entries whose squares are finite (|hᵢⱼ| ≲ 1e150), received larger ones');
  if (!Number.isFinite(frobenius(S))) throw new RangeError('options.noise: expected entries whose squares are finite (|σᵢⱼ| ≲ 1e150), received larger ones');
  for (let i = 0; i < d; i++) H[i * d + i] = (H[i * d + i] as number) + lambda;
  if (!Number.isFinite(frobenius(H)))
    throw new RangeError(
      `options.weightDecay: expected hessian + weightDecay·I with entries whose squares are finite (weightDecay ≲ 1e150), received ${lambda}`,
    );
  const curvatures = symmetricEigen(H).values;
  const hmin = curvatures[0] as number;
  const hmax = curvatures[d - 1] as number;
  if (!(hmin > 0)) {
    throw new RangeError(
      `options.hessian: expected hessian + weightDecay·I positive definite (a minimum), received smallest eigenvalue ${hmin.toExponential(3)}`,
    );
  }
  if (!(lr * hmax < 2 * (1 + beta))) {
    throw new RangeError(
      `options.lr: expected η·h < 2(1 + β) = ${2 * (1 + beta)} for every curvature h of hessian + weightDecay·I (a stable recursion), received η·h_max = ${lr * hmax}`,
    );
  }
  const n = 2 * d;
  const at = (i: number, j: number): number => i * n + j;
  // Discrete: S = M S Mᵀ + G (Σ/B) Gᵀ.
  const M = new Float64Array(n * n);
  const Qd = new Float64Array(n * n);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const hij = H[i * d + j] as number;
      const sij = (S[i * d + j] as number) / B;
      M[at(i, j)] = (i === j ? 1 : 0) - lr * hij;
      M[at(d + i, j)] = hij;
      Qd[at(i, j)] = lr * lr * sij;
      Qd[at(i, d + j)] = -lr * sij;
      Qd[at(d + i, j)] = -lr * sij;
      Qd[at(d + i, d + j)] = sij;
    }
    M[at(i, d + i)] = -lr * beta;
    M[at(d + i, d + i)] = beta;
  }
  const disc = solveLyapunovUnchecked(M, Qd, n, true, 'options.lr');
  // Continuous: A S + S Aᵀ = diag(0, ηΣ/(B m²)).
  const m = (lr * (1 + beta)) / 2;
  const A = new Float64Array(n * n);
  const Qc = new Float64Array(n * n);
  for (let i = 0; i < d; i++) {
    A[at(i, d + i)] = 1;
    A[at(d + i, d + i)] = (1 - beta) / m;
    for (let j = 0; j < d; j++) {
      A[at(d + i, j)] = -(H[i * d + j] as number) / m;
      Qc[at(d + i, d + j)] = (lr * (S[i * d + j] as number)) / (B * m * m);
    }
  }
  const cont = solveLyapunovUnchecked(A, Qc, n, false, 'options.hessian');
  return { dim: d, continuous: split(cont.solution, d, cont.relativeResidual), discrete: split(disc.solution, d, disc.relativeResidual), curvatures };
}

function split(s: Float64Array, d: number, relativeResidual: number): HeavyBallCovariances {
  const n = 2 * d;
  const positionCovariance = new Float64Array(d * d);
  const velocityCovariance = new Float64Array(d * d);
  const crossCovariance = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      positionCovariance[i * d + j] = s[i * n + j] as number;
      velocityCovariance[i * d + j] = s[(d + i) * n + d + j] as number;
      crossCovariance[i * d + j] = s[i * n + d + j] as number;
    }
  }
  return { positionCovariance, velocityCovariance, crossCovariance, relativeResidual };
}
