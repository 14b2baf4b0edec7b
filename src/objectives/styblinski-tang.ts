/**
 * The Styblinski–Tang function, with its 3^d critical points addressed in closed form.
 *
 * @module
 */
import { checkPositiveInteger, checkVector, outVector, checkAllocation } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective } from '../core/types';
import { classifyEigenvalues, type CriticalPoint } from './critical-points';
import { acos, cos } from '../core/elementary/index';

/** The three roots of the 1-D critical-point cubic, and what each gives per coordinate. */
export interface StyblinskiTangRoots {
  /** r₀ < r₁ < r₂: the roots of 4t³ − 32t + 5 = 0 (≈ −2.9035, 0.1567, 2.7468). */
  roots: Float64Array;
  /** f(rⱼ) with f(t) = ½(t⁴ − 16t² + 5t): each coordinate's contribution to L. */
  values: Float64Array;
  /** f''(rⱼ) = 6rⱼ² − 16: positive at r₀ and r₂ (minima of f), negative at r₁ (maximum of f). */
  curvatures: Float64Array;
}

/** The Styblinski–Tang function, with its critical points addressed by a choice of root per coordinate. */
export interface StyblinskiTangObjective extends Objective {
  /** L(x) and ∇L(x) in one loop: writes the gradient into `out`, returns L (the bits of `value` and `gradient`). */
  valueGradient(x: Float64Array, out: Float64Array): number;
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
  /** The roots of the 1-D cubic and their values and curvatures (shared by every coordinate). */
  readonly roots: StyblinskiTangRoots;
  /** 3^d: how many critical points there are (2^d minima, one maximum, the rest saddles). */
  readonly criticalPointCount: number;
  /**
   * The critical point whose coordinate i is root `choice[i]` ∈ {0, 1, 2} (r₀ < r₁ < r₂). Its
   * Hessian is diagonal, diag(f''(r_{choice[i]})), and its Morse index is the number of 1s in
   * `choice`. O(d²) (the dense Hessian).
   */
  criticalPoint(choice: ArrayLike<number>): CriticalPoint;
  /** The global minimum: every coordinate at r₀ ≈ −2.903534, L ≈ −39.16617·d. */
  globalMinimum(): CriticalPoint;
  /**
   * The global minimum followed by the d index-1 saddles next to it (saddle i has coordinate i at
   * r₁, the others at r₀), whose barrier from the global minimum is f(r₁) − f(r₀) ≈ 39.36 along
   * coordinate i, with negative curvature f''(r₁). O(d³) in all.
   */
  criticalPoints(): CriticalPoint[];
}

const f1 = (t: number): number => 0.5 * (t * t * t * t - 16 * t * t + 5 * t);
const df1 = (t: number): number => 2 * t * t * t - 16 * t + 2.5;
const d2f1 = (t: number): number => 6 * t * t - 16;

/**
 * The roots of 4t³ − 32t + 5 = 0, i.e. of t³ − 8t + 5/4: the trigonometric (Viète) formula for a
 * depressed cubic with three real roots, tₖ = 2√(8/3)·cos(⅓·arccos((3q/2p)√(−3/p)) − 2πk/3) with
 * p = −8, q = 5/4, each polished by two Newton steps on the cubic.
 */
function cubicRoots(): Float64Array {
  const p = -8;
  const q = 1.25;
  const m = 2 * Math.sqrt(-p / 3);
  const theta = acos(((3 * q) / (2 * p)) * Math.sqrt(-3 / p)) / 3;
  const r = new Float64Array(3);
  for (let k = 0; k < 3; k++) {
    let t = m * cos(theta - (2 * Math.PI * k) / 3);
    for (let it = 0; it < 2; it++) t -= (t * t * t - 8 * t + 1.25) / (3 * t * t - 8);
    r[k] = t;
  }
  return r.sort();
}

/**
 * The Styblinski–Tang function as Xie et al. (2021) use it:
 *
 *   L(x) = ½ Σᵢ (xᵢ⁴ − 16xᵢ² + 5xᵢ),   ∂ᵢL = 2xᵢ³ − 16xᵢ + 5/2,   ∇²L = diag(6xᵢ² − 16).
 *
 * It is separable, so its 3^d critical points are all the products of the three roots
 * r₀ < r₁ < r₂ of the cubic 4t³ − 32t + 5 = 0 (closed form, see `roots`). Rather than list them, the
 * objective gives `criticalPoint(choice)` for a choice of root per coordinate, `globalMinimum()`
 * (all r₀: x* ≈ −2.903534·(1, …, 1), L* ≈ −39.16617·d) and `criticalPoints()` (the global minimum
 * and the d index-1 saddles adjacent to it). Value, gradient and HVP O(d); Hessian O(d²).
 *
 * @example
 * const f = styblinskiTang(2);
 * f.globalMinimum().value;                 // ≈ −78.332
 * f.criticalPoint([0, 1]).kind;            // 'saddle' (index 1)
 */
export function styblinskiTang(dim: number): StyblinskiTangObjective {
  const d = checkPositiveInteger('dim', dim);
  checkAllocation('dim', d, 'the parameter vectors');
  const r = cubicRoots();
  const roots: StyblinskiTangRoots = {
    roots: r,
    values: r.map(f1),
    curvatures: r.map(d2f1),
  };
  const checkX = (x: Float64Array): void => {
    if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
  };
  const diagHessian = (diag: Float64Array): Float64Array => {
    const H = new Float64Array(d * d);
    for (let i = 0; i < d; i++) H[i * d + i] = diag[i] as number;
    return H;
  };
  const criticalPoint = (choice: ArrayLike<number>): CriticalPoint => {
    if (choice === null || typeof choice !== 'object' || typeof choice.length !== 'number') {
      throw new TypeError(`choice: expected an array of root indices 0, 1 or 2, received ${describeValue(choice)}`);
    }
    if (choice.length !== d) throw new RangeError(`choice: expected length ${d}, received length ${choice.length}`);
    const point = new Float64Array(d);
    const diag = new Float64Array(d);
    let value = 0;
    for (let i = 0; i < d; i++) {
      const c = choice[i];
      if (c !== 0 && c !== 1 && c !== 2) throw new RangeError(`choice[${i}]: expected 0, 1 or 2, received ${describeValue(c)}`);
      point[i] = r[c] as number;
      diag[i] = roots.curvatures[c] as number;
      value += roots.values[c] as number;
    }
    const eigenvalues = Float64Array.from(diag).sort();
    const { index, kind } = classifyEigenvalues(eigenvalues);
    return { point, value, hessian: diagHessian(diag), eigenvalues, index, kind };
  };
  const globalMinimum = (): CriticalPoint => criticalPoint(new Array<number>(d).fill(0));

  return {
    dim: d,
    roots,
    criticalPointCount: 3 ** d,
    value(x: Float64Array): number {
      checkX(x);
      let s = 0;
      for (let i = 0; i < d; i++) {
        const t = x[i] as number;
        const t2 = t * t;
        s += t2 * t2 - 16 * t2 + 5 * t;
      }
      return 0.5 * s;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      const g = outVector('out', out, d);
      for (let i = 0; i < d; i++) g[i] = df1(x[i] as number);
      return g;
    },
    valueGradient(x: Float64Array, out: Float64Array): number {
      checkX(x);
      const g = outVector('out', out, d);
      let s = 0;
      for (let i = 0; i < d; i++) {
        const t = x[i] as number;
        const t2 = t * t;
        s += t2 * t2 - 16 * t2 + 5 * t;
        g[i] = df1(t);
      }
      return 0.5 * s;
    },
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
      const o = outVector('out', out, d);
      for (let i = 0; i < d; i++) o[i] = d2f1(x[i] as number) * (v[i] as number);
      return o;
    },
    hessian(x: Float64Array): Float64Array {
      checkX(x);
      const diag = new Float64Array(d);
      for (let i = 0; i < d; i++) diag[i] = d2f1(x[i] as number);
      return diagHessian(diag);
    },
    criticalPoint,
    globalMinimum,
    criticalPoints(): CriticalPoint[] {
      const list = [globalMinimum()];
      for (let i = 0; i < d; i++) {
        const c = new Array<number>(d).fill(0);
        c[i] = 1;
        list.push(criticalPoint(c));
      }
      return list;
    },
  };
}
