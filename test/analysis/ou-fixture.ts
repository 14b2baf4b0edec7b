/**
 * An exact sampler of the linear SDE dx = −Ax dt + √(2D) dW at spacing Δ, started in its stationary
 * law: x_{k+1} = M x_k + ξ_k, M = e^{−AΔ}, Cov ξ = Σ − MΣMᵀ (Σ the stationary covariance). No
 * time-discretisation bias, so estimators can be compared with exact expectations.
 */
import { lyapunov } from '../../src/analysis/index';
import { createRng } from '../../src/random/rng';

export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + (a[i * n + k] as number) * (b[k * n + j] as number);
  return out;
}

export function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j] as number;
  return out;
}

/** e^{B} by scaling and squaring with a 20-term Taylor series (small, well-scaled B). */
export function expm(b: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (const v of b) norm = Math.max(norm, Math.abs(v));
  const s = Math.max(0, Math.ceil(Math.log2(norm * n + 1e-300)) + 4);
  const bs = b.map((v) => v / 2 ** s);
  let term: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) term[i * n + i] = 1;
  let sum: Float64Array = Float64Array.from(term);
  for (let k = 1; k <= 20; k++) {
    term = matMul(term, bs, n).map((v) => v / k);
    sum = sum.map((v, i) => v + (term[i] as number));
  }
  for (let i = 0; i < s; i++) sum = matMul(sum, sum, n);
  return sum;
}

function cholesky(a: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j] as number;
    for (let k = 0; k < j; k++) s -= (L[j * n + k] as number) ** 2;
    L[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j] as number;
      for (let k = 0; k < j; k++) t -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = t / (L[j * n + j] as number);
    }
  }
  return L;
}

/** n snapshots (row-major n×d) of the stationary OU process, with M and Σ. */
export function sampleOu(
  A: Float64Array,
  D: Float64Array,
  d: number,
  dt: number,
  n: number,
  seed: number,
): { data: Float64Array; times: Float64Array; M: Float64Array; sigma: Float64Array } {
  const sigma = lyapunov(
    A,
    D.map((v) => 2 * v),
  ).solution;
  const M = expm(
    A.map((v) => -dt * v),
    d,
  );
  const MSMt = matMul(matMul(M, sigma, d), transpose(M, d), d);
  const Lx = cholesky(
    sigma.map((v, k) => v - (MSMt[k] as number)),
    d,
  );
  const L0 = cholesky(sigma, d);
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  const z = new Float64Array(d);
  rng.fillNormal(z);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) data[i] = (data[i] as number) + (L0[i * d + j] as number) * (z[j] as number);
  for (let k = 1; k < n; k++) {
    rng.fillNormal(z);
    const r0 = (k - 1) * d;
    const r1 = k * d;
    for (let i = 0; i < d; i++) {
      let acc = 0;
      for (let j = 0; j < d; j++) acc += (M[i * d + j] as number) * (data[r0 + j] as number);
      for (let j = 0; j <= i; j++) acc += (Lx[i * d + j] as number) * (z[j] as number);
      data[r1 + i] = acc;
    }
  }
  const times = Float64Array.from({ length: n }, (_, k) => k * dt);
  return { data, times, M, sigma };
}
