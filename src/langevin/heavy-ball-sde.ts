/**
 * Kunin et al.'s mapping of heavy-ball SGD to an underdamped Langevin equation.
 *
 * @module
 */
import { checkInRange, checkInteger, checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import { toSquareMatrix, type SquareMatrixLike } from '../core/dense';

/** Options of {@link heavyBallSde}. */
export interface HeavyBallSdeOptions {
  /** Learning rate η > 0. */
  lr: number;
  /** Momentum β in [0, 1). */
  momentum: number;
  /** Minibatch size B ≥ 1. */
  batchSize: number;
  /** The per-sample gradient covariance Σ (a number σ² for Σ = σ² I, or a d×d matrix); optional. */
  covariance?: number | SquareMatrixLike;
}

/** The underdamped Langevin parameters of heavy-ball SGD. */
export interface HeavyBallSde {
  /** m = η(1 + β)/2. */
  mass: number;
  /** The friction rate γ = (1 − β)/m = 2(1 − β)/(η(1 + β)) (what `underdampedLangevin` takes as `friction`). */
  friction: number;
  /** The friction coefficient γ·m = 1 − β. */
  frictionCoefficient: number;
  /** √(η/B): the noise is √(η/B)·Σ^{1/2} dW. */
  noiseScale: number;
  /** kT per unit Σ: η / (2B(1 − β)), so that √(2γ m kT) = √(η/B)·Σ^{1/2}. */
  temperatureScale: number;
  /** `temperatureScale`·Σ when `covariance` was given (a number, or a d×d row-major matrix), else null: `underdampedLangevin`'s `temperature`. */
  temperature: number | Float64Array | null;
}

/**
 * Heavy-ball SGD θ_{k+1} = θ_k − η ĝ_k + β(θ_k − θ_{k−1}), ĝ_k = ∇L + ζ_k with Cov ζ = Σ/B, is to
 * first order in η (t = η·k, Kunin et al. 2021) the underdamped Langevin equation
 *
 *     m dv = −∇L dt − (1 − β) v dt + √(η/B) Σ^{1/2} dW,   m = η(1 + β)/2,
 *
 * which in `underdampedLangevin`'s form m dv = −∇L dt − γ m v dt + √(2γ m kT) dW has friction rate
 * γ = 2(1 − β)/(η(1 + β)) and kT = η Σ / (2B(1 − β)). O(d²) for a matrix Σ, else O(1).
 *
 * @example
 * const p = heavyBallSde({ lr: 0.1, momentum: 0.9, batchSize: 8, covariance: 1 });
 * // underdampedLangevin({ objective, x0, dt: 0.01, steps, mass: p.mass, friction: p.friction, temperature: p.temperature! })
 */
export function heavyBallSde(options: HeavyBallSdeOptions): HeavyBallSde {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['batchSize', 'covariance', 'lr', 'momentum']);
  const lr = checkPositive('options.lr', opts.lr);
  const beta = checkInRange('options.momentum', opts.momentum, 0, 1, { openMax: true });
  const batchSize = checkInteger('options.batchSize', opts.batchSize, 1);
  const mass = (lr * (1 + beta)) / 2;
  const frictionCoefficient = 1 - beta;
  const temperatureScale = lr / (2 * batchSize * (1 - beta));
  let temperature: number | Float64Array | null = null;
  if (typeof opts.covariance === 'number') temperature = temperatureScale * checkPositive('options.covariance', opts.covariance);
  else if (opts.covariance !== undefined) temperature = toSquareMatrix('options.covariance', opts.covariance).data.map((v) => temperatureScale * v);
  return { mass, friction: frictionCoefficient / mass, frictionCoefficient, noiseScale: Math.sqrt(lr / batchSize), temperatureScale, temperature };
}
