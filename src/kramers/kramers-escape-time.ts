/**
 * Kramers' escape time over a barrier, 1-D and multi-dimensional (Eyring–Kramers), overdamped or
 * with the underdamped friction-dependent prefactor (Kramers–Langer).
 *
 * @module
 */
import { checkBoolean, checkKnownOptions, checkOptions, checkPositive } from '../core/checks';
import type { SquareMatrixLike } from '../core/dense';
import { checkSameOrder, readMinimum, readSaddle } from './curvature-kernels';
import { exp, log } from '../core/elementary/index';

/** Options of {@link kramersEscapeTime}. */
export interface KramersEscapeTimeOptions {
  /** ΔL = L(saddle) − L(minimum) > 0. */
  barrier: number;
  /** H_a > 0 (1-D) or the minimum's Hessian (positive definite, d×d). */
  curvatureMin: number | SquareMatrixLike;
  /** H_b < 0 (1-D) or the saddle's Hessian (exactly one negative eigenvalue λ⁻, d×d). */
  curvatureSaddle: number | SquareMatrixLike;
  /** D > 0 of the overdamped SDE dθ = −∇L dt + √(2D) dW (isotropic). Exactly one of `diffusion` and `temperature`. */
  diffusion?: number;
  /** T > 0: D = T for the overdamped SDE; kT of the underdamped one (required with `friction`). */
  temperature?: number;
  /** γ > 0: the underdamped SDE m dv = −∇L dt − γ m v dt + √(2γ m kT) dW, with Kramers–Langer's prefactor. Default: overdamped. */
  friction?: number;
  /** Underdamped: the mass m > 0. Default 1. */
  mass?: number;
  /** Return the pieces and validity warnings ({@link EscapeTimeDetails}) instead of the number. Default false. */
  details?: boolean;
}

/** The pieces of an escape-time formula τ = prefactor · e^{exponent}, with the conditions it needs. */
export interface EscapeTimeDetails {
  /** τ, in the SDE's time t (Infinity where it overflows; see `logTime`). */
  time: number;
  /** log τ = log prefactor + exponent: finite even where τ overflows. */
  logTime: number;
  /** The prefactor (units of time). */
  prefactor: number;
  /** The exponent (dimensionless). */
  exponent: number;
  /** The dimension d of the curvatures. */
  dim: number;
  /** The conditions of the asymptotics that these inputs strain, in words (empty when none). */
  warnings: string[];
}

/**
 * Kramers' mean escape time from a minimum over a saddle, in the SDE's time t (t = η·k for a
 * discrete method with learning rate η):
 *
 *   1-D, overdamped:        τ = 2π / √(H_a |H_b|) · e^{ΔL/D}
 *   d-D (Eyring–Kramers):   τ = 2π · √(|det H_b| / det H_a) / |λ⁻(H_b)| · e^{ΔL/D}
 *   underdamped (Langer):   τ = (2π / κ) · √(|det H_b| / det H_a) · e^{ΔL/kT},   κ = √(γ²/4 + |λ⁻|/m) − γ/2
 *
 * for dθ = −∇L dt + √(2D) dW (overdamped) or m dv = −∇L dt − γ m v dt + √(2γ m kT) dW. The 1-D
 * formula is the d = 1 case of Eyring–Kramers; as γ → ∞ the underdamped time tends to γ·m times
 * the overdamped one at D = kT (κ ≈ |λ⁻|/(γm)), the overdamped SDE in the time t/(γm).
 *
 * What τ is: the inverse of the transition rate, i.e. the mean time to reach a point past the
 * saddle from which return is unlikely (the other minimum, say). The mean first passage to the
 * saddle point itself is τ/2 (half the walkers that reach the top fall back). Relative error
 * O(D/ΔL) as D/ΔL → 0 (Laplace's method; the formula is asymptotic, not a bound): for ΔL/D below
 * ~5 it is rough. The underdamped prefactor is Kramers' moderate-to-high friction result; at low
 * friction (energy-diffusion regime, γ·ΔL/kT ≲ ω_a) it overestimates the rate.
 *
 * Returns a number; with `details: true`, the {@link EscapeTimeDetails} (the pieces, log τ finite
 * where τ overflows, and the warnings above where they apply). Throws (naming the option) for a
 * non-positive barrier or diffusion, a curvatureMin that is not positive (definite), a
 * curvatureSaddle without exactly one negative eigenvalue, or mismatched orders. Cost: O(1) in
 * 1-D; two dense d×d eigen-decompositions, O(d³), with Hessians (d ≤ 2048).
 *
 * @example
 * // the double well L = θ⁴/4 − θ²/2: ΔL = 1/4, H_a = 2, H_b = −1, at D = 0.05
 * kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 }); // 2π/√2·e⁵ ≈ 659.4
 */
export function kramersEscapeTime(options: KramersEscapeTimeOptions & { details: true }): EscapeTimeDetails;
export function kramersEscapeTime(options: KramersEscapeTimeOptions): number;
export function kramersEscapeTime(options: KramersEscapeTimeOptions): number | EscapeTimeDetails {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['barrier', 'curvatureMin', 'curvatureSaddle', 'diffusion', 'temperature', 'friction', 'mass', 'details']);
  const barrier = checkPositive('options.barrier', o.barrier);
  if ((o.diffusion === undefined) === (o.temperature === undefined)) {
    throw new TypeError(`options: expected exactly one of diffusion and temperature, received ${o.diffusion === undefined ? 'neither' : 'both'}`);
  }
  const underdamped = o.friction !== undefined;
  if (underdamped && o.diffusion !== undefined) {
    throw new TypeError('options.diffusion: expected temperature (kT) with friction (the underdamped SDE), received diffusion');
  }
  if (!underdamped && o.mass !== undefined) throw new TypeError('options.mass: expected friction with mass (the underdamped SDE), received mass alone');
  const D = o.diffusion === undefined ? checkPositive('options.temperature', o.temperature) : checkPositive('options.diffusion', o.diffusion);
  const friction = underdamped ? checkPositive('options.friction', o.friction) : 0;
  const mass = o.mass === undefined ? 1 : checkPositive('options.mass', o.mass);
  const details = o.details === undefined ? false : checkBoolean('options.details', o.details);
  const a = readMinimum('options.curvatureMin', o.curvatureMin);
  const b = readSaddle('options.curvatureSaddle', o.curvatureSaddle);
  checkSameOrder(a, b, 'options.curvatureMin', 'options.curvatureSaddle');

  const lamb = Math.abs(b.negative);
  // growth rate of the unstable mode: |λ⁻| overdamped, κ (Langer) underdamped
  const kappa = underdamped ? lamb / mass / (Math.sqrt((friction * friction) / 4 + lamb / mass) + friction / 2) : lamb;
  const logPrefactor = log(2 * Math.PI) + 0.5 * (b.logAbsDet - a.logDet) - log(kappa);
  const exponent = barrier / D;
  const logTime = logPrefactor + exponent;
  const time = exp(logTime);
  if (!details) return time;
  const warnings: string[] = [];
  if (exponent < 5) warnings.push(`ΔL/D = ${exponent.toPrecision(3)} is not large: the asymptotic formula's relative error O(D/ΔL) is large (ΔL ≫ D needed)`);
  if (underdamped) {
    const omegaA = Math.sqrt((a.values[0] as number) / mass);
    if ((friction * barrier) / D < omegaA) {
      warnings.push(
        `γ·ΔL/kT = ${((friction * barrier) / D).toPrecision(3)} < ω_a = ${omegaA.toPrecision(3)}: the energy-diffusion (low-friction) regime, where the Kramers–Langer prefactor overestimates the rate`,
      );
    }
  }
  return { time, logTime, prefactor: exp(logPrefactor), exponent, dim: a.d, warnings };
}
