/**
 * `sgd-dynamics/optim`: gradient descent, minibatch SGD (momentum, Nesterov, weight decay,
 * learning-rate schedules), gradient descent with white noise, and gradient flow by adaptive
 * Dormand–Prince, all recording trajectories; plus the step-level API they are built on.
 *
 * Convention everywhere: a discrete method with learning rate η after k steps sits at time t = η·k
 * (Σ η_j with a schedule); noisy GD θ ← θ − η∇L + √(2ηT)ξ is the Euler–Maruyama scheme of
 * dθ = −∇L dt + √(2T) dW.
 *
 * @packageDocumentation
 */
export { gd, gdAsync, type GdOptions } from './gd';
export { sgd, sgdAsync, type SgdOptions } from './sgd';
export { noisyGd, noisyGdAsync, type NoisyGdOptions } from './noisy-gd';
export type { OptimResult, OptimProgress, OptimRunOptions, OptimStopReason } from './driver';
export {
  createStepState,
  createStepWorkspace,
  gdStep,
  noisyGdStep,
  restoreStepState,
  saveStepState,
  sgdStep,
  type GdStepOptions,
  type NoisyGdStepOptions,
  type ResumeState,
  type SgdStepOptions,
  type StepState,
  type SavedStepStateLike,
  type StepWorkspace,
} from './step';
export {
  constantLr,
  cosineLr,
  inverseTimeLr,
  stepLr,
  type CosineLrOptions,
  type InverseTimeLrOptions,
  type LearningRate,
  type LrSchedule,
  type StepLrOptions,
} from './schedules';
// The integrators live in core/ode; re-exported here (the same bindings) for existing imports.
export { dormandPrince } from '../core/ode/dormand-prince';
export { dop853 } from '../core/ode/dop853';
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
export type { DormandPrinceOptions, DormandPrinceResult, OdeRhs, OdeStatus } from '../core/ode/ode-types';
export { gradientFlow, gradientFlowAsync, type GradientFlowOptions, type GradientFlowResult } from './gradient-flow';
