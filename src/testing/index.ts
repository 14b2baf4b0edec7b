/**
 * `sgd-dynamics/testing`: what users need for their own property tests: fast-check arbitraries
 * (orthogonal, symmetric and SPD matrices with a known spectrum, point clouds, parameter vectors,
 * landscapes) and invariant checks (gradient and HVP against finite differences, Hessian symmetry)
 * that report the worst error instead of throwing.
 *
 * Needs `fast-check` (an optional peer dependency) installed. No other module of the library imports
 * this one.
 *
 * @packageDocumentation
 */
export {
  landscape,
  orthogonalMatrix,
  parameterVector,
  pointCloud,
  spdMatrix,
  symmetricMatrix,
  symmetricMatrixWithSpectrum,
  type LandscapeCase,
  type LandscapeName,
  type LandscapeObjective,
  type LandscapeOptions,
  type ParameterVectorOptions,
  type PointCloudOptions,
  type SpectralMatrix,
  type SpectrumRangeOptions,
} from './arbitraries';
export {
  checkGradient,
  checkHvp,
  checkSymmetric,
  type GradientProbe,
  type HvpProbe,
  type InvariantCheckOptions,
  type InvariantCheckResult,
  type SymmetryProbe,
} from './invariant-checks';
