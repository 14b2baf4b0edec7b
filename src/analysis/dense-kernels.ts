/**
 * Square row-major dense products for the analysis module (Lyapunov solves, stationary laws):
 * C = A·B, C = Aᵀ·B, C = A·Bᵀ, the Frobenius norm, and a symmetric check. No checks, no
 * allocation beyond `out`.
 *
 * @internal
 * @module
 */

/** out = A·B (n×n, row-major; `out` distinct from both). i-k-j order, O(n³). @internal */
export function matMul(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ri + k] as number;
      if (aik === 0) continue;
      const rk = k * n;
      for (let j = 0; j < n; j++) out[ri + j] = (out[ri + j] as number) + aik * (b[rk + j] as number);
    }
  }
  return out;
}

/** out = Aᵀ·B (n×n, row-major; `out` distinct from both). O(n³). @internal */
export function matMulTransA(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  out.fill(0, 0, n * n);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) {
      const aki = a[rk + i] as number;
      if (aki === 0) continue;
      const ri = i * n;
      for (let j = 0; j < n; j++) out[ri + j] = (out[ri + j] as number) + aki * (b[rk + j] as number);
    }
  }
  return out;
}

/** out = A·Bᵀ (n×n, row-major; `out` distinct from both). Dot products of rows, O(n³). @internal */
export function matMulTransB(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) {
      const rj = j * n;
      let acc = 0;
      for (let k = 0; k < n; k++) acc += (a[ri + k] as number) * (b[rj + k] as number);
      out[ri + j] = acc;
    }
  }
  return out;
}

/** ‖A‖_F of a length-m array. @internal */
export function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

/** ‖a‖_F scaled by max |aᵢ| first, so that entries beyond 1e154 or below 1e-154 neither overflow nor underflow. @internal */
export function scaledFrobenius(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  if (!(m > 0) || m === Infinity) return m;
  let s = 0;
  for (const v of a) s += (v / m) * (v / m);
  return m * Math.sqrt(s);
}

/** True when the n×n row-major `a` equals its transpose exactly. @internal */
export function isExactlySymmetric(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (a[i * n + j] !== a[j * n + i]) return false;
  return true;
}

/** a ← (a + aᵀ)/2 in place. @internal */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = ((a[i * n + j] as number) + (a[j * n + i] as number)) / 2;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}
