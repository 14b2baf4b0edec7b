/**
 * `sgd-dynamics/diffusion-maps`: point clouds and trajectories — pairwise distances, exact k nearest
 * neighbours and PCA (the linear baseline); diffusion maps arrive with their own functions.
 *
 * @packageDocumentation
 */
export { pairwiseSquaredDistances, type PairwiseDistancesOptions } from './pairwise-distances';
export { nearestNeighbors, type NearestNeighborsOptions, type NearestNeighborsResult, type NeighborExclusion } from './nearest-neighbors';
export { pca, type PcaOptions, type PcaResult } from './pca';
