/**
 * Learning-rate schedules: functions η(k) of the step count k = 0, 1, 2, … (the learning rate used
 * by the step that takes θ_k to θ_{k+1}).
 *
 * @module
 */
import { checkFunction, checkInRange, checkOptions, checkPositive, checkPositiveInteger, optionWithAlias, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import { cos } from '../core/elementary/index';

/** A learning-rate schedule: η_k = schedule(k) for the step from θ_k to θ_{k+1} (k ≥ 0, global count). */
export type LrSchedule = (step: number) => number;

/** What optimizers accept as `lr`: a constant η > 0 or a schedule k ↦ η_k. */
export type LearningRate = number | LrSchedule;

/**
 * The constant schedule η_k = lr.
 *
 * @example
 * constantLr(0.1)(1000); // 0.1
 */
export function constantLr(lr: number): LrSchedule {
  const eta = checkPositive('lr', lr);
  return () => eta;
}

/** Options of {@link stepLr}. */
export interface StepLrOptions {
  /** Steps between decays (PyTorch's `step_size`, counted in optimizer steps). */
  stepSize: number;
  /** Multiplicative decay γ ∈ (0, 1]. Default 0.1 (as PyTorch's StepLR). */
  gamma?: number;
}

/**
 * Step decay (PyTorch's StepLR, counted in optimizer steps): η_k = lr · γ^⌊k / stepSize⌋.
 *
 * @example
 * const s = stepLr(1, { stepSize: 100, gamma: 0.5 });
 * s(99); // 1
 * s(100); // 0.5
 */
export function stepLr(lr: number, options: StepLrOptions): LrSchedule {
  const eta = checkPositive('lr', lr);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['gamma', 'stepSize']);
  const size = checkPositiveInteger('options.stepSize', opts.stepSize);
  const gamma = checkInRange('options.gamma', opts.gamma ?? 0.1, 0, 1, { openMin: true });
  return (k) => eta * gamma ** Math.floor(k / size);
}

/** Options of {@link cosineLr}. */
export interface CosineLrOptions {
  /** The annealing horizon T (PyTorch's `T_max`), in optimizer steps. */
  horizon?: number;
  /** @deprecated The old name of `horizon` (`steps` now always means a step count to take). */
  steps?: number;
  /** The final rate η_min ≥ 0, reached at k = T and kept after. Default 0. */
  minLr?: number;
}

/**
 * Cosine annealing without restarts: η_k = η_min + (lr − η_min)(1 + cos(π k / T)) / 2 for k ≤ T,
 * and η_min for k > T (PyTorch's CosineAnnealingLR would rise again after T; this one stays).
 *
 * Note that η_T = η_min, so with the default η_min = 0 the step at k = T (and after) has rate 0,
 * which optimizers reject (a learning rate must be positive): anneal over T = steps + 1, or set
 * a positive `minLr`.
 *
 * @example
 * const s = cosineLr(1, { horizon: 100, minLr: 0.01 });
 * s(50); // 0.505
 */
export function cosineLr(lr: number, options: CosineLrOptions): LrSchedule {
  const eta = checkPositive('lr', lr);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['horizon', 'minLr', 'steps']);
  const T = checkPositiveInteger('options.horizon', optionWithAlias(opts, 'horizon', 'steps'));
  const minLr = checkInRange('options.minLr', opts.minLr ?? 0, 0, eta);
  return (k) => (k >= T ? minLr : minLr + (eta - minLr) * 0.5 * (1 + cos((Math.PI * k) / T)));
}

/** Options of {@link inverseTimeLr}. */
export interface InverseTimeLrOptions {
  /** The decay rate a > 0 in η_k = lr / (1 + a k). */
  decay: number;
  /** The exponent p ∈ (0, 1] in η_k = lr / (1 + a k)^p. Default 1 (the 1/t schedule). */
  power?: number;
}

/**
 * The 1/t schedule η_k = lr / (1 + a k)^p (Robbins–Monro with p = 1; Σ η_k = ∞ and, for p > ½,
 * Σ η_k² < ∞).
 *
 * @example
 * inverseTimeLr(1, { decay: 0.01 })(100); // 0.5
 */
export function inverseTimeLr(lr: number, options: InverseTimeLrOptions): LrSchedule {
  const eta = checkPositive('lr', lr);
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['decay', 'power']);
  const a = checkPositive('options.decay', opts.decay);
  const p = checkInRange('options.power', opts.power ?? 1, 0, 1, { openMin: true });
  return p === 1 ? (k) => eta / (1 + a * k) : (k) => eta / (1 + a * k) ** p;
}

/** Checks `lr` (a positive number or a function) as option `name`. @internal */
export function checkLearningRate(name: string, lr: unknown): LearningRate {
  if (typeof lr === 'function') return checkFunction<LrSchedule>(name, lr);
  if (typeof lr !== 'number') {
    throw new TypeError(`${name}: expected a positive number or a schedule function, received ${describeValue(lr)}`);
  }
  return checkPositive(name, lr);
}

/**
 * η_k of `lr` at step k, checked positive and finite (a schedule that returns 0, a negative value
 * or NaN throws a RangeError naming the step). @internal
 */
export function lrAt(lr: LearningRate, k: number): number {
  if (typeof lr === 'number') return lr;
  const eta: unknown = lr(k);
  if (typeof eta !== 'number')
    throw new TypeError(`options.lr: expected the schedule to return a positive finite number, received ${describeValue(eta)} at step ${k}`);
  if (!(eta > 0 && eta < Infinity)) {
    throw new RangeError(`options.lr: expected the schedule to return a positive finite number, received ${describeValue(eta)} at step ${k}`);
  }
  return eta;
}
