/**
 * `sgd-dynamics/diffusion-maps`: diffusion maps of point clouds and optimizer trajectories
 * (Gaussian kernel, α-normalisation, dense and sparse kNN paths, canonical signs, Nyström
 * extension), bandwidth selection, intrinsic dimension and eigenvector alignment; and the pieces
 * beneath them: pairwise distances, exact k nearest neighbours and PCA (the linear baseline).
 *
 * @packageDocumentation
 */
export {
  diffusionMap,
  type BandwidthStability,
  type DiffusionMapBandwidth,
  type DiffusionMapOptions,
  type DiffusionMapResult,
  type EpsilonRule,
} from './diffusion-map';
export { bandwidth, type BandwidthOptions, type BandwidthResult, type BandwidthRule, type KernelSumCurve } from './bandwidth';
export { intrinsicDimension, type IntrinsicDimensionOptions, type IntrinsicDimensionResult } from './intrinsic-dimension';
export { alignEigenvectors, type AlignEigenvectorsOptions, type AlignEigenvectorsResult, type EigenvectorsLike } from './align-eigenvectors';
export { pairwiseSquaredDistances, type PairwiseDistancesOptions } from './pairwise-distances';
export { nearestNeighbors, type NearestNeighborsOptions, type NearestNeighborsResult, type NeighborExclusion } from './nearest-neighbors';
export { pca, type PcaOptions, type PcaResult } from './pca';
