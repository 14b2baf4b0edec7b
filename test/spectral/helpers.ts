/** Test helpers for the spectral tests: matrices with a known spectrum. */
import { createRng } from '../../src/random/rng';

/** A random orthogonal n×n matrix as columns (Gram–Schmidt, twice, of Gaussian columns). */
export function randomOrthogonal(n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = rng.fillNormal(new Float64Array(n));
    for (let pass = 0; pass < 2; pass++) {
      for (const p of q) {
        let d = 0;
        for (let i = 0; i < n; i++) d += (p[i] as number) * (c[i] as number);
        for (let i = 0; i < n; i++) c[i] = (c[i] as number) - d * (p[i] as number);
      }
    }
    let nn = 0;
    for (let i = 0; i < n; i++) nn += (c[i] as number) ** 2;
    nn = Math.sqrt(nn);
    for (let i = 0; i < n; i++) c[i] = (c[i] as number) / nn;
    q.push(c);
  }
  return q;
}

/** Q diag(f(λ)) Qᵀ, row-major, exactly symmetric (upper triangle mirrored). */
export function fromEigen(lambda: ArrayLike<number>, q: readonly Float64Array[], f: (x: number) => number = (x) => x): Float64Array {
  const n = lambda.length;
  const a = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const l = f(lambda[k] as number);
    const c = q[k] as Float64Array;
    for (let i = 0; i < n; i++) {
      const ci = l * (c[i] as number);
      for (let j = i; j < n; j++) a[i * n + j] = (a[i * n + j] as number) + ci * (c[j] as number);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] as number;
  return a;
}

/** Exact variance of zᵀBz/n for a Rademacher z: 2(‖B‖_F² − Σ bᵢᵢ²)/n². */
export function rademacherQuadVariance(b: Float64Array, n: number): number {
  let off = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += (b[i * n + j] as number) ** 2;
  return (2 * off) / (n * n);
}
