/**
 * `sgd-dynamics/objectives`: loss landscapes and finite-sum models with exact gradients and
 * Hessian-vector products.
 *
 * @packageDocumentation
 */
export { quadratic, type QuadraticObjective, type QuadraticOptions } from './quadratic';
export {
  classifyEigenvalues,
  criticalPointFromHessian,
  denseHessian,
  newtonCriticalPoint,
  type CriticalPoint,
  type CriticalPointKind,
  type NewtonCriticalPointOptions,
  type NewtonCriticalPointResult,
} from './critical-points';
export { doubleWell, type DoubleWellObjective, type DoubleWellOptions } from './double-well';
export { doubleWellFiniteSum, type DoubleWellFiniteSumModel, type DoubleWellFiniteSumOptions } from './double-well-finite-sum';
export { styblinskiTang, type StyblinskiTangObjective, type StyblinskiTangRoots } from './styblinski-tang';
export { mullerBrown, type MullerBrownObjective } from './muller-brown';
export { rosenbrock, type RosenbrockObjective } from './rosenbrock';
export { DEFAULT_FD_STEP, finiteDifferenceHvp, type FiniteDifferenceHvpObjective, type FiniteDifferenceHvpOptions } from './finite-difference-hvp';
// Finite-sum models, datasets and gradient covariance.
export { checkBatch, type FiniteSumModel } from './finite-sum';
export { ACTIVATION_NAMES, activation, type Activation, type ActivationName, type ActivationOptions } from './activations';
export { networkLayout, type NetworkLayout } from './network-layout';
export type { NetworkLoss } from './network-kernels';
export { linearRegression, type LinearRegressionModel, type LinearRegressionOptions } from './linear-regression';
export { logisticRegression, sigmoid, softplus, type LogisticRegressionModel, type LogisticRegressionOptions } from './logistic-regression';
export { mlp, type MlpOptions, type NetworkModel } from './mlp';
export { deepLinearNetwork, type DeepLinearNetworkModel, type DeepLinearNetworkOptions } from './deep-linear-network';
export { gradientCovariance, type GradientCovarianceOptions, type GradientCovarianceResult, type SampleGradientSource } from './gradient-covariance';
export { gaussianBlobs, type GaussianBlobs, type GaussianBlobsOptions } from './datasets/gaussian-blobs';
export { twoMoons, type TwoMoons, type TwoMoonsOptions } from './datasets/two-moons';
export { linearTeacher, type LinearTeacher, type LinearTeacherOptions } from './datasets/linear-teacher';
export { SHAPE_NAMES, shapeImages, type ShapeImages, type ShapeImagesOptions } from './datasets/shape-images';
