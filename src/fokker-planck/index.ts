/**
 * `sgd-dynamics/fokker-planck`: finite-volume (Scharfetter–Gummel) Fokker–Planck solvers in 1-D
 * and 2-D (stationary densities, implicit evolution, mean first-passage times, escape rates,
 * probability currents) and the exact 1-D mean first-passage time by quadrature.
 *
 * @packageDocumentation
 */
export {
  fokkerPlanck1d,
  type Boundary1d,
  type FokkerPlanck1d,
  type FokkerPlanck1dOptions,
  type Grid1d,
  type MeanFirstPassageTime1d,
  type Target1d,
} from './fokker-planck-1d';
export { meanFirstPassageTime1d, type MeanFirstPassageTime1dEstimate, type MeanFirstPassageTime1dOptions } from './mean-first-passage-time-1d';
export type {
  EscapeRateOptions,
  EscapeRateProgress,
  EscapeRateResult,
  EscapeRateStopReason,
  EvolveOptions,
  EvolveProgress,
  EvolveResult,
  EvolveStopReason,
} from './generator-kernels';
export type { BoundaryKind } from './grid-kernels';
export {
  fokkerPlanck2d,
  type Boundary2d,
  type Current2d,
  type Diffusion2d,
  type FokkerPlanck2d,
  type FokkerPlanck2dOptions,
  type Grid2d,
  type MeanFirstPassageTime2d,
  type Target2d,
} from './fokker-planck-2d';
