/**
 * BLAS level-1 kernels on `Float64Array`. They do not check their arguments (they are the hot path);
 * lengths are taken from the first vector. None allocates.
 *
 * @module
 */

/** x·y = Σ xᵢ yᵢ. */
export function dot(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  // Two accumulators: independent chains that the CPU runs in parallel.
  for (; i + 1 < n; i += 2) {
    s0 += (x[i] as number) * (y[i] as number);
    s1 += (x[i + 1] as number) * (y[i + 1] as number);
  }
  if (i < n) s0 += (x[i] as number) * (y[i] as number);
  return s0 + s1;
}

/** y ← a·x + y. Returns y. */
export function axpy(a: number, x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = (y[i] as number) + a * (x[i] as number);
  return y;
}

/** out ← a·x (out defaults to x, scaling in place). Returns out. */
export function scale(a: number, x: Float64Array, out: Float64Array = x): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = a * (x[i] as number);
  return out;
}

/**
 * ‖x‖₂, computed with scaling (as LAPACK's dnrm2) so that it neither overflows for entries near
 * 1e200 nor underflows for entries near 1e-200.
 */
export function norm2(x: Float64Array): number {
  const n = x.length;
  let amax = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i] as number);
    if (a > amax || Number.isNaN(a)) amax = a;
  }
  if (amax === 0 || !Number.isFinite(amax)) return amax;
  // Scale only when the plain sum of squares could leave the normal range.
  if (amax < 1e150 && amax > 1e-150) return Math.sqrt(dot(x, x));
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = (x[i] as number) / amax;
    s += t * t;
  }
  return amax * Math.sqrt(s);
}

/** out ← x. Returns out. */
export function copy(x: Float64Array, out: Float64Array): Float64Array {
  out.set(x);
  return out;
}

/** out ← x − y. Returns out. */
export function sub(x: Float64Array, y: Float64Array, out: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = (x[i] as number) - (y[i] as number);
  return out;
}

/** ‖x − y‖₂ without allocating. */
export function distance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    s += d * d;
  }
  return Math.sqrt(s);
}
