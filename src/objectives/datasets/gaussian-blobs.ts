/**
 * Isotropic Gaussian clusters with their true centres, made in code from a seed.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkNonNegative, checkOptions, checkPositive, checkPositiveInteger, checkSeed, checkKnownOptions, checkAllocation } from '../../core/checks';
import type { Points, Seed } from '../../core/types';
import { rngFor } from '../../random/rng';

/** Options of {@link gaussianBlobs}. */
export interface GaussianBlobsOptions {
  /** Number of samples N. */
  samples: number;
  /** Number of classes k ≥ 1. Default 3. */
  classes?: number;
  /** Dimension p. Default 2. */
  dim?: number;
  /** Standard deviation of each blob (isotropic). Default 1. */
  spread?: number;
  /** Standard deviation of the centres' coordinates, drawn N(0, separation²). Default 4. */
  separation?: number;
  /** Seed (number or string): centres from `rngFor('gaussian-blobs', seed, 0)`, points from index 1. Default 0. */
  seed?: Seed;
}

/** Gaussian blobs with their ground truth. */
export interface GaussianBlobs {
  /** N points in R^p, ndarray [N, p]. */
  features: Points;
  /** Class of each point: sample n belongs to class n mod k (balanced). */
  labels: Uint32Array;
  /** The true centres μ_c, ndarray [k, p]. */
  centers: Points;
}

/**
 * Isotropic Gaussian clusters: centres μ_c ~ N(0, separation² I) (c < k), then
 * xₙ = μ_{yₙ} + spread·εₙ with yₙ = n mod k and εₙ ~ N(0, I). Centres come from
 * `rngFor('gaussian-blobs', seed, 0)`, points from index 1 (seed default 0), so the same seed gives
 * the same data bit for bit. O(N p).
 *
 * @example
 * const { features, labels, centers } = gaussianBlobs({ samples: 300, classes: 3, seed: 1 });
 */
export function gaussianBlobs(options: GaussianBlobsOptions): GaussianBlobs {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['classes', 'dim', 'samples', 'seed', 'separation', 'spread']);
  const N = checkPositiveInteger('options.samples', opts.samples);
  const k = opts.classes === undefined ? 3 : checkPositiveInteger('options.classes', opts.classes);
  const p = opts.dim === undefined ? 2 : checkPositiveInteger('options.dim', opts.dim);
  checkAllocation(
    k > N ? 'options.classes' : 'options.samples',
    Math.max(N, k) * p,
    `the features and centres (max(samples, classes) × dim = ${Math.max(N, k)} × ${p})`,
  );
  const spread = opts.spread === undefined ? 1 : checkNonNegative('options.spread', opts.spread);
  const separation = opts.separation === undefined ? 4 : checkPositive('options.separation', opts.separation);
  const seed = opts.seed === undefined ? 0 : checkSeed('options.seed', opts.seed);
  const centers = rngFor('gaussian-blobs', seed, 0).fillNormal(new Float64Array(k * p), 0, separation);
  const rng = rngFor('gaussian-blobs', seed, 1);
  const X = new Float64Array(N * p);
  const labels = new Uint32Array(N);
  for (let n = 0; n < N; n++) {
    const c = n % k;
    labels[n] = c;
    for (let j = 0; j < p; j++) X[n * p + j] = (centers[c * p + j] as number) + spread * rng.normal();
  }
  return { features: ndarray(X, [N, p]), labels, centers: ndarray(centers, [k, p]) };
}
