/**
 * `sgd-dynamics/kramers`: escape times over barriers — Kramers / Eyring–Kramers (overdamped and
 * underdamped), Xie et al.'s SGD escape time and its white-noise counterpart — the saddle finder
 * that feeds them from an objective, the censored escape-rate estimator and the scaling fits.
 * Times are in the SDE's time t (t = η·k for a discrete method).
 *
 * @packageDocumentation
 */
export { kramersEscapeTime, type EscapeTimeDetails, type KramersEscapeTimeOptions } from './kramers-escape-time';
export { sgdEscapeTime, type SgdEscapeTimeOptions } from './sgd-escape-time';
export { whiteNoiseEscapeTime, type WhiteNoiseEscapeTimeOptions } from './white-noise-escape-time';
export { findSaddle, type FindSaddleOptions, type FindSaddleProgress, type FindSaddleResult, type FoundCriticalPoint } from './find-saddle';
export {
  estimateEscapeRate,
  type CensoredTimes,
  type EscapeRateEstimate,
  type EstimateEscapeRateOptions,
  type ExponentialityTest,
  type KaplanMeierCurve,
} from './estimate-escape-rate';
export { scalingFit, type ScalingFit, type ScalingFitOptions } from './scaling-fit';
