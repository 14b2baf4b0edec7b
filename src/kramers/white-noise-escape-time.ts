/**
 * Xie et al.'s escape time of gradient descent with injected white noise: the counterpart of
 * `sgdEscapeTime` that sees the curvature only in its prefactor.
 *
 * @module
 */
import { checkBoolean, checkKnownOptions, checkOptions, checkPositive } from '../core/checks';
import type { SquareMatrixLike } from '../core/dense';
import { kramersEscapeTime, type EscapeTimeDetails } from './kramers-escape-time';

/** Options of {@link whiteNoiseEscapeTime}. */
export interface WhiteNoiseEscapeTimeOptions {
  /** ΔL > 0. */
  barrier: number;
  /** H_a > 0 (1-D) or the minimum's Hessian (positive definite). */
  curvatureMin: number | SquareMatrixLike;
  /** H_b < 0 (1-D) or the saddle's Hessian (exactly one negative eigenvalue). */
  curvatureSaddle: number | SquareMatrixLike;
  /** T > 0 of noisy GD θ ← θ − η∇L + √(2ηT)ξ, i.e. D = T·I. */
  temperature: number;
  /** Return the pieces and validity warnings instead of the number. Default false. */
  details?: boolean;
}

/**
 * The mean escape time of gradient descent with white noise, θ ← θ − η∇L + √(2ηT)ξ (`noisyGd`),
 * whose SDE is dθ = −∇L dt + √(2T) dW: Xie et al.'s Theorem 3.1, which is Eyring–Kramers at D = T,
 *
 *   τ = 2π · √(|det H_b| / det H_a) / |λ⁻(H_b)| · e^{ΔL/T}   (1-D: 2π/√(H_a|H_b|)·e^{ΔL/T}),
 *
 * in the SDE's time t = η·k. The curvature enters only the prefactor (polynomially), against the
 * exponential dependence on 1/H of {@link sgdEscapeTime}. The same validity (ΔL ≫ T, small η) and
 * the same errors as `kramersEscapeTime`; O(d³) with Hessians.
 *
 * @example
 * whiteNoiseEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05 }); // ≈ 659.4, as kramersEscapeTime
 */
export function whiteNoiseEscapeTime(options: WhiteNoiseEscapeTimeOptions & { details: true }): EscapeTimeDetails;
export function whiteNoiseEscapeTime(options: WhiteNoiseEscapeTimeOptions): number;
export function whiteNoiseEscapeTime(options: WhiteNoiseEscapeTimeOptions): number | EscapeTimeDetails {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['barrier', 'curvatureMin', 'curvatureSaddle', 'temperature', 'details']);
  const temperature = checkPositive('options.temperature', o.temperature);
  const details = o.details === undefined ? false : checkBoolean('options.details', o.details);
  const base = { barrier: o.barrier, curvatureMin: o.curvatureMin, curvatureSaddle: o.curvatureSaddle, temperature };
  return details ? kramersEscapeTime({ ...base, details: true }) : kramersEscapeTime(base);
}
