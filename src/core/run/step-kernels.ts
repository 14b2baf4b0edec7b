/**
 * The update kernels that the optimizers and the Langevin integrators share: the descent update
 * x − η g, its Euler–Maruyama form x − η g + σ ξ, and the finite-check that every step makes
 * before it commits a point. No allocation, no argument checks (callers validate once at their
 * public boundary). @internal
 *
 * @module
 */

/**
 * next ← x − η g, elementwise. Returns Σ (nextᵢ − nextᵢ): 0 when every entry of `next` is finite,
 * NaN otherwise (the check {@link commitIfFinite} reads). `next` may alias neither `x` nor `g`.
 * O(d), no allocation. @internal
 */
export function descentUpdate(x: Float64Array, g: Float64Array, eta: number, next: Float64Array): number {
  const d = x.length;
  let acc = 0;
  for (let i = 0; i < d; i++) {
    const v = (x[i] as number) - eta * (g[i] as number);
    next[i] = v;
    acc += v - v;
  }
  return acc;
}

/**
 * One Euler–Maruyama update of dθ = −∇L dt + √(2D) dW with isotropic D, written as
 * next ← x − dt·g + σ ξ with σ = √(2 D dt) and ξ = `noise` (standard normals, which may alias
 * `next`: each entry is read before it is written). Returns 0 when every entry of `next` is finite,
 * NaN otherwise. Noisy gradient descent is this update with dt = η and D = T. O(d), no
 * allocation. @internal
 */
export function eulerMaruyamaUpdate(x: Float64Array, g: Float64Array, dt: number, sigma: number, noise: Float64Array, next: Float64Array): number {
  const d = x.length;
  let acc = 0;
  for (let i = 0; i < d; i++) {
    const v = (x[i] as number) - dt * (g[i] as number) + sigma * (noise[i] as number);
    next[i] = v;
    acc += v - v;
  }
  return acc;
}

/**
 * Copies `next` into `x` when `acc` (the sum of nextᵢ − nextᵢ accumulated by an update kernel:
 * NaN as soon as one entry is NaN or ±Infinity, else 0) says every entry is finite; returns whether
 * it did. @internal
 */
export function commitIfFinite(x: Float64Array, next: Float64Array, acc: number): boolean {
  if (acc !== 0) return false;
  x.set(next);
  return true;
}
