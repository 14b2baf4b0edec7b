/**
 * Small finite-sum objectives with exact gradients, for the optimizer tests.
 */
import type { FiniteSumObjective, Objective } from '../../src/core/types';
import { createRng } from '../../src/random/rng';
import { fromEigen, randomOrthogonal } from '../spectral/helpers';

/**
 * Least squares L(x) = (1/N) Σₙ ½ (aₙ·x − bₙ)² with random aₙ ~ N(0, I), bₙ ~ N(0, 1)
 * (fixed seed). Optionally records every batch it is asked for.
 */
export function leastSquares(n: number, d: number, seed = 1, log?: Uint32Array[]): FiniteSumObjective & { A: Float64Array; b: Float64Array } {
  const rng = createRng(seed);
  const A = rng.fillNormal(new Float64Array(n * d));
  const b = rng.fillNormal(new Float64Array(n));
  const resid = (x: Float64Array, i: number): number => {
    let s = -(b[i] as number);
    for (let j = 0; j < d; j++) s += (A[i * d + j] as number) * (x[j] as number);
    return s;
  };
  const batchGradient = (x: Float64Array, batch: Uint32Array, out: Float64Array = new Float64Array(d)): Float64Array => {
    if (log) log.push(Uint32Array.from(batch));
    out.fill(0);
    for (const i of batch) {
      const r = resid(x, i);
      for (let j = 0; j < d; j++) out[j] = (out[j] as number) + r * (A[i * d + j] as number);
    }
    for (let j = 0; j < d; j++) out[j] = (out[j] as number) / batch.length;
    return out;
  };
  const batchValue = (x: Float64Array, batch: Uint32Array): number => {
    let s = 0;
    for (const i of batch) s += 0.5 * resid(x, i) ** 2;
    return s / batch.length;
  };
  const all = new Uint32Array(n).map((_, i) => i);
  return {
    dim: d,
    size: n,
    A,
    b,
    value: (x) => batchValue(x, all),
    gradient: (x, out) => {
      const saved = log;
      log = undefined;
      const g = batchGradient(x, all, out);
      log = saved;
      return g;
    },
    batchValue,
    batchGradient,
    hessian: () => {
      const H = new Float64Array(d * d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++)
          for (let k = 0; k < d; k++) H[j * d + k] = (H[j * d + k] as number) + ((A[i * d + j] as number) * (A[i * d + k] as number)) / n;
      }
      return H;
    },
  };
}

/**
 * A finite sum of N identical copies of `f` (every batch gradient is ∇f): SGD on it is
 * deterministic, so momentum and weight decay can be checked against exact recursions.
 */
export function replicated(f: Objective, n: number): FiniteSumObjective {
  return {
    dim: f.dim,
    size: n,
    value: (x) => f.value(x),
    gradient: (x, out) => f.gradient(x, out),
    batchValue: (x) => f.value(x),
    batchGradient: (x, _batch, out) => f.gradient(x, out),
  };
}

/** L(x) = ½ Σᵢ λᵢ xᵢ² with a diagonal Hessian: O(d) gradients for large d. */
export function diagonalQuadratic(lambdas: Float64Array): Objective {
  const d = lambdas.length;
  return {
    dim: d,
    value(x) {
      let s = 0;
      for (let i = 0; i < d; i++) s += 0.5 * (lambdas[i] as number) * (x[i] as number) ** 2;
      return s;
    },
    gradient(x, out = new Float64Array(d)) {
      for (let i = 0; i < d; i++) out[i] = (lambdas[i] as number) * (x[i] as number);
      return out;
    },
  };
}

/** A random symmetric d×d matrix Q diag(λ) Qᵀ with the given eigenvalues (row-major). */
export function symmetricWithEigenvalues(lambdas: readonly number[], seed: number): Float64Array {
  return fromEigen(lambdas, randomOrthogonal(lambdas.length, seed));
}

/**
 * c + V f(Λ) Vᵀ (x0 − c) for a symmetric H = V Λ Vᵀ given by its eigen-decomposition: the exact
 * solution of linear recursions and flows on a quadratic, f applied to each eigenvalue.
 */
export function spectralApply(
  eig: { values: Float64Array; vectors: Float64Array[] },
  c: Float64Array,
  x0: Float64Array,
  f: (lambda: number) => number,
): Float64Array {
  const d = x0.length;
  const out = Float64Array.from(c);
  for (let k = 0; k < d; k++) {
    const v = eig.vectors[k] as Float64Array;
    let p = 0;
    for (let j = 0; j < d; j++) p += (v[j] as number) * ((x0[j] as number) - (c[j] as number));
    const s = f(eig.values[k] as number) * p;
    for (let j = 0; j < d; j++) out[j] = (out[j] as number) + s * (v[j] as number);
  }
  return out;
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}
