/**
 * `sgd-dynamics/analysis`: diagnostics of trajectories and the limiting dynamics of SGD (Kunin et
 * al. 2021): the anomalous-diffusion exponent, continuous and discrete Lyapunov solvers, the
 * stationary laws of heavy-ball SGD, phase-space rotation and probability currents, the
 * decomposition A = (D + Q)U of a linear drift, and the gap between gradient descent and gradient
 * flow (Elkabetz & Cohen 2021).
 *
 * @packageDocumentation
 */
export { gdFlowGap, type GdFlowGapOptions, type GdFlowGapResult } from './gd-flow-gap';
export { lyapunov, LYAPUNOV_MAX_ORDER, type LyapunovOptions, type LyapunovResult } from './lyapunov';
export {
  heavyBallStationary,
  HEAVY_BALL_STATIONARY_MAX_DIM,
  type HeavyBallStationaryOptions,
  type HeavyBallStationaryResult,
  type HeavyBallCovariances,
} from './heavy-ball-stationary';
export { diffusionExponent, type DiffusionExponentOptions, type DiffusionExponentResult } from './diffusion-exponent';
export { TRAJECTORY_MAX_ENTRIES, type TrajectoryLike } from './trajectory-input';
export { arealVelocity, AREAL_VELOCITY_MAX_DIM, type ArealVelocityOptions, type ArealVelocityResult } from './areal-velocity';
export { empiricalCurrent, EMPIRICAL_CURRENT_MAX_CELLS, type EmpiricalCurrentOptions, type EmpiricalCurrentResult } from './empirical-current';
export { linearStationaryCurrent, type LinearStationaryCurrentOptions, type LinearStationaryCurrentResult } from './linear-stationary-current';
export { driftDecomposition, DRIFT_DECOMPOSITION_MAX_ORDER, type DriftDecompositionOptions, type DriftDecompositionResult } from './drift-decomposition';
