/**
 * The extended Rosenbrock function, a curved narrow valley.
 *
 * @module
 */
import { checkInteger, checkVector, outVector, checkAllocation } from '../core/checks';
import type { Objective } from '../core/types';
import { criticalPointFromHessian, newtonCriticalPoint, type CriticalPoint } from './critical-points';

/** The Rosenbrock function with its known minima. */
export interface RosenbrockObjective extends Objective {
  /** L(x) and ∇L(x) in one loop: writes the gradient into `out`, returns L (the bits of `value` and `gradient`). */
  valueGradient(x: Float64Array, out: Float64Array): number;
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
  /**
   * The global minimum x* = (1, …, 1), L = 0 (closed form); for 4 ≤ d ≤ 7 followed by the local
   * minimum near (−1, 1, …, 1) (Kok & Sandrock 2009), found by {@link newtonCriticalPoint} from
   * that point and included only when Newton converged to a minimum. Other critical points (saddles
   * for d ≥ 4) are not listed. O(d³).
   */
  criticalPoints(): CriticalPoint[];
}

/**
 * The (extended) Rosenbrock function
 *
 *   L(x) = Σᵢ₌₁^{d−1} 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²,
 *
 * a curved narrow valley, with gradient, HVP (the Hessian is tridiagonal) and dense Hessian in
 * closed form. Value, gradient and HVP cost O(d); the dense Hessian O(d²). Requires d ≥ 2.
 *
 * @example
 * const f = rosenbrock(3);
 * f.value(new Float64Array([1, 1, 1])); // 0
 */
export function rosenbrock(dim: number): RosenbrockObjective {
  const d = checkInteger('dim', dim, 2);
  checkAllocation('dim', d, 'the parameter vectors');
  const checkX = (x: Float64Array): void => {
    if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
  };
  /** Diagonal and super-diagonal of the tridiagonal Hessian at x. */
  const diag = new Float64Array(d);
  const off = new Float64Array(d - 1);
  const tridiag = (x: Float64Array): void => {
    diag.fill(0);
    for (let i = 0; i < d - 1; i++) {
      const xi = x[i] as number;
      diag[i] = (diag[i] as number) + 1200 * xi * xi - 400 * (x[i + 1] as number) + 2;
      diag[i + 1] = (diag[i + 1] as number) + 200;
      off[i] = -400 * xi;
    }
  };
  const hessian = (x: Float64Array): Float64Array => {
    checkX(x);
    tridiag(x);
    const H = new Float64Array(d * d);
    for (let i = 0; i < d; i++) H[i * d + i] = diag[i] as number;
    for (let i = 0; i < d - 1; i++) {
      H[i * d + i + 1] = off[i] as number;
      H[(i + 1) * d + i] = off[i] as number;
    }
    return H;
  };

  const objective: RosenbrockObjective = {
    dim: d,
    value(x: Float64Array): number {
      checkX(x);
      let s = 0;
      for (let i = 0; i < d - 1; i++) {
        const xi = x[i] as number;
        const t = (x[i + 1] as number) - xi * xi;
        const u = 1 - xi;
        s += 100 * t * t + u * u;
      }
      return s;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      const g = outVector('out', out, d);
      g.fill(0);
      for (let i = 0; i < d - 1; i++) {
        const xi = x[i] as number;
        const t = (x[i + 1] as number) - xi * xi;
        g[i] = (g[i] as number) - 400 * xi * t - 2 * (1 - xi);
        g[i + 1] = (g[i + 1] as number) + 200 * t;
      }
      return g;
    },
    valueGradient(x: Float64Array, out: Float64Array): number {
      checkX(x);
      const g = outVector('out', out, d);
      g.fill(0);
      let s = 0;
      for (let i = 0; i < d - 1; i++) {
        const xi = x[i] as number;
        const t = (x[i + 1] as number) - xi * xi;
        const u = 1 - xi;
        s += 100 * t * t + u * u;
        g[i] = (g[i] as number) - 400 * xi * t - 2 * (1 - xi);
        g[i + 1] = (g[i + 1] as number) + 200 * t;
      }
      return s;
    },
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
      const o = outVector('out', out, d);
      tridiag(x);
      for (let i = 0; i < d; i++) o[i] = (diag[i] as number) * (v[i] as number);
      for (let i = 0; i < d - 1; i++) {
        o[i] = (o[i] as number) + (off[i] as number) * (v[i + 1] as number);
        o[i + 1] = (o[i + 1] as number) + (off[i] as number) * (v[i] as number);
      }
      return o;
    },
    hessian,
    criticalPoints(): CriticalPoint[] {
      const ones = new Float64Array(d).fill(1);
      const list: CriticalPoint[] = [criticalPointFromHessian(ones, 0, hessian(ones))];
      if (d >= 4 && d <= 7) {
        const start = new Float64Array(d).fill(1);
        start[0] = -1;
        const r = newtonCriticalPoint(objective, start);
        if (r.converged && r.kind === 'minimum') {
          list.push({ point: r.point, value: r.value, hessian: r.hessian, eigenvalues: r.eigenvalues, index: r.index, kind: r.kind });
        }
      }
      return list;
    },
  };
  return objective;
}
