/**
 * The Müller–Brown potential, the standard 2-D benchmark for escape and transition paths.
 *
 * @module
 */
import { checkVector, outVector } from '../core/checks';
import type { Objective } from '../core/types';
import { newtonCriticalPoint, type NewtonCriticalPointResult } from './critical-points';
import { exp } from '../core/elementary/index';

/** The Müller–Brown potential, with its three minima and two saddles. */
export interface MullerBrownObjective extends Objective {
  /** V(x) and ∇V(x) from one evaluation of the four exponentials: writes the gradient into `out`, returns V (the bits of `value` and `gradient`). */
  valueGradient(x: Float64Array, out: Float64Array): number;
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
  /**
   * The five critical points, found once by {@link newtonCriticalPoint} from the standard starting
   * points and cached (fresh copies on every call), in this order: minima A ≈ (−0.558, 1.442),
   * B ≈ (0.623, 0.028), C ≈ (−0.050, 0.467); saddles S₁ ≈ (−0.822, 0.624) (between A and C) and
   * S₂ ≈ (0.212, 0.293) (between C and B). Each carries `converged`.
   */
  criticalPoints(): NewtonCriticalPointResult[];
}

/** The standard parameters (Müller & Brown 1979). */
const A = [-200, -100, -170, 15];
const a = [-1, -1, -6.5, 0.7];
const b = [0, 0, 11, 0.6];
const c = [-10, -10, -6.5, 0.7];
const X0 = [1, 0, -0.5, -1];
const Y0 = [0, 0.5, 1.5, 1];

/** Newton starting points: the published coordinates (3 decimals) of minima A, B, C, saddles S₁, S₂. */
const STARTS: readonly (readonly [number, number])[] = [
  [-0.558, 1.442],
  [0.623, 0.028],
  [-0.05, 0.467],
  [-0.822, 0.624],
  [0.212, 0.293],
];

/**
 * The Müller–Brown potential, the standard 2-D benchmark for escape and transition paths:
 *
 *   V(x, y) = Σₖ₌₁⁴ Aₖ exp(aₖ(x − x₀ₖ)² + bₖ(x − x₀ₖ)(y − y₀ₖ) + cₖ(y − y₀ₖ)²),
 *
 * A = (−200, −100, −170, 15), a = (−1, −1, −6.5, 0.7), b = (0, 0, 11, 0.6), c = (−10, −10, −6.5, 0.7),
 * x₀ = (1, 0, −0.5, −1), y₀ = (0, 0.5, 1.5, 1). Gradient, HVP and Hessian in closed form, O(1).
 * It has three minima (V ≈ −146.70, −108.17, −80.77) and two index-1 saddles (V ≈ −40.66, −72.25),
 * given by `criticalPoints()`. Its values are large (barriers of tens of units): scale temperature
 * or learning rate accordingly.
 *
 * @example
 * const V = mullerBrown();
 * const [A_] = V.criticalPoints();   // the deepest minimum, near (−0.558, 1.442)
 */
export function mullerBrown(): MullerBrownObjective {
  const checkX = (x: Float64Array): void => {
    if (!(x instanceof Float64Array) || x.length !== 2) checkVector('x', x, 2);
  };
  /** Writes [V, Vx, Vy, Vxx, Vxy, Vyy] into `s`. */
  const derivs = (x: Float64Array, s: Float64Array): Float64Array => {
    const px = x[0] as number;
    const py = x[1] as number;
    s.fill(0);
    for (let k = 0; k < 4; k++) {
      const ak = a[k] as number;
      const bk = b[k] as number;
      const ck = c[k] as number;
      const dx = px - (X0[k] as number);
      const dy = py - (Y0[k] as number);
      const E = (A[k] as number) * exp(ak * dx * dx + bk * dx * dy + ck * dy * dy);
      const fx = 2 * ak * dx + bk * dy;
      const fy = bk * dx + 2 * ck * dy;
      s[0] = (s[0] as number) + E;
      s[1] = (s[1] as number) + E * fx;
      s[2] = (s[2] as number) + E * fy;
      s[3] = (s[3] as number) + E * (fx * fx + 2 * ak);
      s[4] = (s[4] as number) + E * (fx * fy + bk);
      s[5] = (s[5] as number) + E * (fy * fy + 2 * ck);
    }
    return s;
  };
  const work = new Float64Array(6);
  let cache: NewtonCriticalPointResult[] | undefined;

  const objective: MullerBrownObjective = {
    dim: 2,
    value(x: Float64Array): number {
      checkX(x);
      const px = x[0] as number;
      const py = x[1] as number;
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const dx = px - (X0[k] as number);
        const dy = py - (Y0[k] as number);
        v += (A[k] as number) * exp((a[k] as number) * dx * dx + (b[k] as number) * dx * dy + (c[k] as number) * dy * dy);
      }
      return v;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      const g = outVector('out', out, 2);
      derivs(x, work);
      g[0] = work[1] as number;
      g[1] = work[2] as number;
      return g;
    },
    valueGradient(x: Float64Array, out: Float64Array): number {
      checkX(x);
      const g = outVector('out', out, 2);
      // derivs sums the same terms Aₖ·exp(…) in the same order as value().
      derivs(x, work);
      g[0] = work[1] as number;
      g[1] = work[2] as number;
      return work[0] as number;
    },
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      if (!(v instanceof Float64Array) || v.length !== 2) checkVector('v', v, 2);
      const o = outVector('out', out, 2);
      derivs(x, work);
      const v0 = v[0] as number;
      const v1 = v[1] as number;
      o[0] = (work[3] as number) * v0 + (work[4] as number) * v1;
      o[1] = (work[4] as number) * v0 + (work[5] as number) * v1;
      return o;
    },
    hessian(x: Float64Array): Float64Array {
      checkX(x);
      derivs(x, work);
      return Float64Array.of(work[3] as number, work[4] as number, work[4] as number, work[5] as number);
    },
    criticalPoints(): NewtonCriticalPointResult[] {
      if (cache === undefined) {
        cache = STARTS.map((s) => newtonCriticalPoint(objective, Float64Array.from(s), { gradientTol: 1e-9 }));
      }
      return cache.map((p) => ({
        ...p,
        point: Float64Array.from(p.point),
        hessian: Float64Array.from(p.hessian),
        eigenvalues: Float64Array.from(p.eigenvalues),
      }));
    },
  };
  return objective;
}
