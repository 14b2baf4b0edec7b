/**
 * A one-dimensional finite-sum double well whose minibatch gradient noise has variance ∝ 1 + θ²:
 * the landscape on which SGD itself, and not only its SDE surrogate, escapes over a barrier.
 *
 * @module
 */
import { checkInteger, checkNonNegative, checkOptions, checkSeed, checkKnownOptions, checkAllocation } from '../core/checks';
import type { Seed } from '../core/types';
import { rngFor } from '../random/rng';
import { doubleWell } from './double-well';
import { finiteSumModel, type FiniteSumModel } from './finite-sum';
import { asinh } from '../core/elementary/index';

/** Options of {@link doubleWellFiniteSum}. */
export interface DoubleWellFiniteSumOptions {
  /** Number of samples N ≥ 2. Default 1000. */
  size?: number;
  /** σ_z ≥ 0: the standard deviation of the per-sample coefficients z_j. Default 1. */
  noise?: number;
  /** Barrier ΔL of the mean loss (as `doubleWell`). Default 1/4. */
  barrier?: number;
  /** Curvature k of the mean loss at its minima (as `doubleWell`). Default 2. */
  curvature?: number;
  /** Seed of the z_j, `rngFor('double-well-finite-sum', seed)`. Default 0. */
  seed?: Seed;
}

/** The model: a {@link FiniteSumModel} in d = 1 plus the numbers of its construction. */
export interface DoubleWellFiniteSumModel extends FiniteSumModel {
  /** The per-sample coefficients z_j (mean exactly 0, mean square exactly σ_z² up to rounding). */
  readonly coefficients: Float64Array;
  /** σ_z. */
  readonly noise: number;
  /** ΔL of the mean loss. */
  readonly barrier: number;
  /** L'' at the minima ±a. */
  readonly curvatureMin: number;
  /** L''(0) = −k/2. */
  readonly curvatureSaddle: number;
  /** a: the minima of the mean loss sit at ±a. */
  readonly location: number;
}

/** G(θ) = (θ√(1 + θ²) + asinh θ)/2, so that G′(θ) = √(1 + θ²). */
function noiseProfile(t: number): number {
  return 0.5 * (t * Math.sqrt(1 + t * t) + asinh(t));
}

/**
 * Per-sample losses ℓ_j(θ) = L(θ) + z_j·G(θ) on θ ∈ R, with L the double well
 * ΔL(θ⁴/a⁴ − 2θ²/a²) of `doubleWell({ barrier, curvature })` and G′(θ) = √(1 + θ²); the z_j are N
 * normals standardised to mean exactly 0 and variance (1/N)Σ z_j² = σ_z². So the mean loss is L,
 * and a minibatch gradient ĝ_B = L′(θ) + z̄_B √(1 + θ²) has, with B indices drawn with replacement,
 *
 *     Var[ĝ_B] = σ_z² (1 + θ²) / B,   so that SGD's continuous limit has D(θ) = η σ_z² (1 + θ²) / 2B
 *
 * (without replacement, times (N − B)/(N − 1)). Exact gradients, HVPs and Hessians. O(N) for a
 * full-batch call, O(B) a minibatch.
 *
 * @example
 * const f = doubleWellFiniteSum({ size: 500, noise: 2, seed: 1 });
 * f.batchGradient(Float64Array.of(0.5), Uint32Array.of(3, 7)); // L′(0.5) + (z₃ + z₇)/2 · √1.25
 */
export function doubleWellFiniteSum(options?: DoubleWellFiniteSumOptions): DoubleWellFiniteSumModel {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['barrier', 'curvature', 'noise', 'seed', 'size']);
  const N = checkInteger('options.size', opts.size ?? 1000, 2);
  checkAllocation('options.size', N, 'the samples');
  const sigma = checkNonNegative('options.noise', opts.noise ?? 1);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const well = doubleWell({
    ...(opts.barrier === undefined ? {} : { barrier: opts.barrier }),
    ...(opts.curvature === undefined ? {} : { curvature: opts.curvature }),
  });
  const z = new Float64Array(N);
  rngFor('double-well-finite-sum', seed).fillNormal(z);
  let mean = 0;
  for (let j = 0; j < N; j++) mean += z[j] as number;
  mean /= N;
  let ss = 0;
  for (let j = 0; j < N; j++) {
    const c = (z[j] as number) - mean;
    z[j] = c;
    ss += c * c;
  }
  const f = sigma === 0 ? 0 : sigma / Math.sqrt(ss / N);
  for (let j = 0; j < N; j++) z[j] = (z[j] as number) * f;
  const g1 = new Float64Array(1);
  const x1 = new Float64Array(1);
  const lossAt = (t: number): number => {
    x1[0] = t;
    return well.value(x1);
  };
  const gradAt = (t: number): number => {
    x1[0] = t;
    return well.gradient(x1, g1)[0] as number;
  };
  const curvAt = (t: number): number => {
    x1[0] = t;
    return well.hessian(x1)[0] as number;
  };
  const kernels = {
    dim: 1,
    size: N,
    losses(x: Float64Array, batch: Uint32Array, out: Float64Array): void {
      const t = x[0] as number;
      const L = lossAt(t);
      const G = noiseProfile(t);
      for (let k = 0; k < batch.length; k++) out[k] = L + (z[batch[k] as number] as number) * G;
    },
    gradSum(x: Float64Array, batch: Uint32Array, out: Float64Array): void {
      const t = x[0] as number;
      let zs = 0;
      for (let k = 0; k < batch.length; k++) zs += z[batch[k] as number] as number;
      out[0] = (out[0] as number) + batch.length * gradAt(t) + zs * Math.sqrt(1 + t * t);
    },
    hvpSum(x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array): void {
      const t = x[0] as number;
      let zs = 0;
      for (let k = 0; k < batch.length; k++) zs += z[batch[k] as number] as number;
      out[0] = (out[0] as number) + (batch.length * curvAt(t) + (zs * t) / Math.sqrt(1 + t * t)) * (v[0] as number);
    },
  };
  return finiteSumModel<Omit<DoubleWellFiniteSumModel, keyof FiniteSumModel>>(kernels, 0, {
    coefficients: z,
    noise: sigma,
    barrier: well.barrier,
    curvatureMin: well.curvatureMin,
    curvatureSaddle: well.curvatureSaddle,
    location: well.location,
  });
}
