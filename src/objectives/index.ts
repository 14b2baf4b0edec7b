/**
 * `sgd-dynamics/objectives`: loss landscapes and finite-sum models with exact gradients and
 * Hessian-vector products.
 *
 * @packageDocumentation
 */
export { quadratic, type QuadraticObjective, type QuadraticOptions } from './quadratic';
