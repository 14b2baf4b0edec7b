/**
 * Data from a linear (and logistic) teacher with its ground truth, made in code from a seed.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkNonNegative, checkOptions, checkPositiveInteger, checkSeed, checkVector, checkKnownOptions, checkAllocation } from '../../core/checks';
import type { Points, Seed } from '../../core/types';
import { rngFor } from '../../random/rng';
import { exp } from '../../core/elementary/index';

/** Options of {@link linearTeacher}. */
export interface LinearTeacherOptions {
  /** Number of samples N. */
  samples: number;
  /** Number of features p. */
  dim: number;
  /** Standard deviation σ of the regression noise. Default 0.1. */
  noise?: number;
  /** The teacher w* (length p). Default: drawn N(0, I) from the seed. */
  weights?: Float64Array | readonly number[];
  /** Seed (number or string): each part from its own index of `rngFor('linear-teacher', seed, i)`. Default 0. */
  seed?: Seed;
}

/** Data from a linear teacher, with its ground truth. */
export interface LinearTeacher {
  /** xₙ ~ N(0, I_p), ndarray [N, p]. */
  features: Points;
  /** Regression targets yₙ = xₙ·w* + σ εₙ, εₙ ~ N(0, 1). */
  targets: Float64Array;
  /** Classification labels yₙ ~ Bernoulli(σ(xₙ·w*)) (the logistic teacher), 0 or 1. */
  labels: Uint32Array;
  /** The teacher w*. */
  weights: Float64Array;
  /** The noise level σ. */
  noise: number;
}

/**
 * A linear teacher: Gaussian features xₙ ~ N(0, I_p), a weight vector w* (given, or N(0, I_p)),
 * regression targets yₙ = xₙ·w* + σ εₙ and, on the same features, classification labels drawn from
 * the logistic model P(yₙ = 1 | xₙ) = 1/(1 + e^{−xₙ·w*}), so that `logisticRegression` is well
 * specified for them (the label noise is the model's own; scale w* to change it). Each part comes
 * from its own stream `rngFor('linear-teacher', seed, i)` (w*: i = 0, features: 1, regression
 * noise: 2, labels: 3; seed default 0). O(N p).
 *
 * @example
 * const { features, targets, weights } = linearTeacher({ samples: 500, dim: 5, noise: 0.1, seed: 3 });
 */
export function linearTeacher(options: LinearTeacherOptions): LinearTeacher {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['dim', 'noise', 'samples', 'seed', 'weights']);
  const N = checkPositiveInteger('options.samples', opts.samples);
  const p = checkPositiveInteger('options.dim', opts.dim);
  checkAllocation(p > N ? 'options.dim' : 'options.samples', N * p, 'the features (samples × dim)');
  const noise = opts.noise === undefined ? 0.1 : checkNonNegative('options.noise', opts.noise);
  const seed = opts.seed === undefined ? 0 : checkSeed('options.seed', opts.seed);
  const w =
    opts.weights === undefined
      ? rngFor('linear-teacher', seed, 0).fillNormal(new Float64Array(p))
      : Float64Array.from(checkVector('options.weights', opts.weights, p));
  const X = rngFor('linear-teacher', seed, 1).fillNormal(new Float64Array(N * p));
  const eps = rngFor('linear-teacher', seed, 2);
  const u = rngFor('linear-teacher', seed, 3);
  const targets = new Float64Array(N);
  const labels = new Uint32Array(N);
  for (let n = 0; n < N; n++) {
    let z = 0;
    for (let j = 0; j < p; j++) z += (X[n * p + j] as number) * (w[j] as number);
    targets[n] = z + noise * eps.normal();
    labels[n] = u.uniform() < 1 / (1 + exp(-z)) ? 1 : 0;
  }
  return { features: ndarray(X, [N, p]), targets, labels, weights: w, noise };
}
