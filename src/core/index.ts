/**
 * `sgd-dynamics/core`: shared types, argument checks, BLAS-1 kernels, point sets and dense
 * symmetric eigen-decomposition.
 *
 * @packageDocumentation
 */
export type {
  Objective,
  FiniteSumObjective,
  LinearOperator,
  LongRunOptions,
  SymmetricOperator,
  Points,
  PointsLike,
  RngState,
  Seed,
  StopReason,
  Trajectory,
} from './types';
export { DimensionError, NonFiniteError, SymmetryError, describeValue } from './errors';
export {
  checkAllFinite,
  checkBoolean,
  checkFiniteNumber,
  checkFunction,
  checkInRange,
  checkInteger,
  checkLength,
  checkNonNegative,
  checkKnownOptions,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkSeed,
  checkSignal,
  checkVector,
  optionWithAlias,
  outVector,
} from './checks';
export { axpy, copy, distance, dot, norm2, scale, sub } from './blas1';
export { matVec } from './mat-vec';
export { meanStandardError } from './mean-standard-error';
export { pointRow, toPoints } from './points';
export {
  asymmetry,
  checkSymmetricMatrix,
  matrixFromProducts,
  symmetrizeInPlace,
  toMatrix,
  toMlMatrix,
  toSquareMatrix,
  type MatrixLike,
  type SquareMatrixLike,
} from './dense';
export { symmetricEigen, type SymmetricEigenOptions, type SymmetricEigenResult } from './symmetric-eigen';
export { dormandPrince, dormandPrinceAsync } from './ode/dormand-prince';
export { dop853, dop853Async } from './ode/dop853';
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
export type { OdeOptions, OdeProgress, OdeResult, OdeRhs, OdeStatus, OdeStopReason } from './ode/ode-types';
export { csrLinearOperator, csrMatrix, type CheckedCsrMatrix, type CsrLinearOperator, type CsrMatrix } from './csr';
export { bandedLu, type BandedLu, type BandedLuOptions } from './banded-lu';
export { sparseLu, type SparseLu, type SparseLuOptions } from './sparse-lu';
export { acos, asinh, cbrt, cos, exp, expm1, hypot, log, log1p, log2, sin, tanh } from './elementary/index';
