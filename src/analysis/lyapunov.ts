/**
 * Continuous and discrete Lyapunov equations by Bartels–Stewart.
 *
 * @module
 */
import { checkBoolean, checkKnownOptions, checkOptions } from '../core/checks';
import { toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { DimensionError } from '../core/errors';
import { solveLyapunovUnchecked } from './lyapunov-kernels';

/** The largest order {@link lyapunov} accepts (a dense O(n³) solve: ~25 s at this size). */
export const LYAPUNOV_MAX_ORDER = 2000;

/** Options of {@link lyapunov}. */
export interface LyapunovOptions {
  /** Solve the discrete (Stein) equation Σ = AΣAᵀ + Q instead of AΣ + ΣAᵀ = Q. Default false. */
  discrete?: boolean;
  /** Compute the residual (two more n×n products, O(n³)). Default true; false leaves it NaN. */
  residual?: boolean;
}

/** Result of {@link lyapunov}. */
export interface LyapunovResult {
  /** Σ, row-major n×n (symmetric when Q is exactly symmetric). */
  solution: Float64Array;
  /** The order n. */
  n: number;
  /** ‖AΣ + ΣAᵀ − Q‖_F (continuous) or ‖AΣAᵀ + Q − Σ‖_F (discrete); NaN with `residual: false`. */
  residual: number;
  /**
   * The residual relative to the size of the terms, ‖R‖_F / (‖Q‖_F + 2‖A‖_F‖Σ‖_F) (continuous) or
   * ‖R‖_F / (‖Q‖_F + (1 + ‖A‖_F²)‖Σ‖_F) (discrete): a normwise backward error, O(n·ε) for a
   * backward-stable solve.
   */
  relativeResidual: number;
  /** Which equation was solved. */
  discrete: boolean;
}

/**
 * Solves the continuous Lyapunov equation AΣ + ΣAᵀ = Q, or with `discrete: true` the discrete one
 * (Stein's equation) Σ = AΣAᵀ + Q, for dense real n×n A and Q, by Bartels–Stewart:
 *
 * 1. the real Schur form A = U T Uᵀ (Householder reduction to Hessenberg form, then Francis
 *    double-shift QR; T quasi-upper-triangular, 1×1 blocks for real eigenvalues, 2×2 for complex pairs);
 * 2. C = Uᵀ Q U, and T Y + Y Tᵀ = C (or Y − T Y Tᵀ = C) by block back-substitution, column blocks from
 *    the last, row blocks bottom-up, each a 1×1, 2×2 or 4×4 system solved with partial pivoting;
 * 3. Σ = U Y Uᵀ.
 *
 * Uniqueness: the continuous equation has one solution iff λᵢ + λⱼ ≠ 0 for all eigenvalues of A
 * (e.g. A stable, all Re λ > 0 or all < 0); the discrete iff λᵢλⱼ ≠ 1 (e.g. spectral radius < 1). A
 * near-singular equation (min |λᵢ + λⱼ| ≤ 100·n·ε·‖A‖_F, or min |1 − λᵢλⱼ| ≤ 100·n·ε·max(1, ‖A‖_F²))
 * is refused with a RangeError naming `A`. For the stationary covariance of dx = −Ax dt + B dW take
 * Q = BBᵀ; of x_{k+1} = A x_k + ξ_k, Q = Cov ξ.
 *
 * Cost O(n³): about 25n³ flops for the Schur form, 8n³ for the two congruences, n³ for the
 * back-substitution, 4n³ for the residual; O(n²) memory. n ≤ {@link LYAPUNOV_MAX_ORDER}.
 *
 * @param A - n×n real matrix (row-major Float64Array, `number[][]` or ml-matrix Matrix).
 * @param Q - n×n real matrix, usually symmetric positive semi-definite.
 * @example
 * import { lyapunov } from 'sgd-dynamics/analysis';
 * const { solution } = lyapunov([[1, 0], [0, 2]], [[2, 0], [0, 4]]); // Σ = I
 */
export function lyapunov(A: SquareMatrixLike, Q: SquareMatrixLike, options?: LyapunovOptions): LyapunovResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['discrete', 'residual']);
  const discrete = checkBoolean('options.discrete', opts.discrete ?? false);
  const withResidual = checkBoolean('options.residual', opts.residual ?? true);
  const a = toSquareMatrix('A', A);
  if (a.n > LYAPUNOV_MAX_ORDER) throw new DimensionError(`A: expected order ≤ ${LYAPUNOV_MAX_ORDER} (a dense O(n³) solve), received ${a.n}`);
  const q = toSquareMatrix('Q', Q, a.n);
  const s = solveLyapunovUnchecked(a.data, q.data, a.n, discrete, 'A', withResidual);
  return { solution: s.solution, n: a.n, residual: s.residual, relativeResidual: s.relativeResidual, discrete };
}
