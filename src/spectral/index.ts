/**
 * `sgd-dynamics/spectral`: Hessian spectra from Hessian-vector products. Symmetric operators
 * (Hessian, dense, CSR, closures), thick-restart Lanczos, power iteration, Hutchinson and Hutch++
 * traces, stochastic Lanczos quadrature densities, a one-budget Hessian summary and sharpness
 * along a trajectory.
 *
 * @packageDocumentation
 */
export { tridiagonalEigen, type TridiagonalEigenOptions, type TridiagonalEigenResult } from './tridiagonal-eigen';
export { lanczosTridiagonal, type LanczosTridiagonalOptions, type LanczosTridiagonalResult } from './lanczos-tridiagonal';
export {
  lanczos,
  lanczosAsync,
  LANCZOS_DEFAULT_MEMORY,
  LANCZOS_MAX_DEFAULT_BASIS,
  type AsyncSymmetricOperator,
  type LanczosOptions,
  type LanczosProgress,
  type LanczosMissedCheck,
  type LanczosResult,
  type LanczosWhich,
} from './lanczos';
// Operators, power iteration, traces, densities and Hessian diagnostics.
export { operatorFromFunction, type FunctionOperatorOptions } from './function-operator';
export { denseOperator, type DenseOperator, type DenseOperatorOptions } from './dense-operator';
export { csrOperator, type CsrMatrix, type CsrOperator, type CsrOperatorOptions } from './csr-operator';
export { gridLaplacian, gridLaplacianEigenvalues, type GridLaplacian } from './grid-laplacian';
export { hessianOperator, type HessianOperator, type HessianOperatorOptions } from './hessian-operator';
export { powerIteration, type PowerIterationOptions, type PowerIterationResult } from './power-iteration';
export { hutchinsonTrace, rademacherProbe, type HutchinsonOptions, type HutchinsonResult } from './hutchinson-trace';
export { hutchPlusPlus, type HutchPlusPlusOptions, type HutchPlusPlusResult } from './hutch-plus-plus';
export { spectralDensity, type MomentEstimate, type SpectralDensity, type SpectralDensityOptions } from './spectral-density';
export { hessianSummary, type HessianEigenvalues, type HessianSummary, type HessianSummaryOptions } from './hessian-summary';
export { sharpnessAlong, type SharpnessAlongOptions, type SharpnessAlongResult } from './sharpness-along';
