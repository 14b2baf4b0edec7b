/**
 * `sgd-dynamics/langevin`: overdamped (Euler–Maruyama) and underdamped (BAOAB) Langevin
 * integrators, the SGD noise models (D = ηH/2B, the gradient covariance, heavy-ball SGD as
 * underdamped Langevin) and ensembles of walkers with first-passage times.
 *
 * Conventions: Itô, dθ = −∇L dt + √(2D) dW with `temperature` T meaning D = T·I; underdamped
 * m dv = −∇L dt − γ m v dt + √(2γ m kT) dW with `friction` the rate γ; time t = k·dt.
 *
 * @packageDocumentation
 */
export { overdampedLangevin, overdampedLangevinAsync, type OverdampedLangevinOptions } from './overdamped-langevin';
export { underdampedLangevin, underdampedLangevinAsync, type UnderdampedLangevinOptions } from './underdamped-langevin';
export { heavyBallSde, type HeavyBallSde, type HeavyBallSdeOptions } from './heavy-ball-sde';
export { sgdNoise, type SgdNoise, type SgdNoiseOptions } from './sgd-noise';
export type { GradientFunction } from './run-kernels';
export type { DiffusionInput } from './diffusion-kernels';
export type {
  DiffusionField,
  DiffusionFunction,
  LangevinProgress,
  LangevinResult,
  LangevinState,
  LangevinStopReason,
  LowRankDiffusion,
  StopPredicate,
  StopRegion,
} from './types';
export { simulateEnsemble, type EnsembleProgress, type EnsembleResult, type SimulateEnsembleOptions } from './simulate-ensemble';
export { mergeEnsembles } from './merge-ensembles';
export type { EnsembleMethod } from './ensemble-kernels';
export type { BuiltinObjectiveSpec, ModuleExportSpec, ObjectiveSpec } from './objective-spec';
