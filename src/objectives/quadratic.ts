/**
 * The quadratic landscape L(x) = ½ (x − c)ᵀ H (x − c) with any symmetric H.
 *
 * @module
 */
import { checkOptions, checkVector, outVector, checkKnownOptions } from '../core/checks';
import { checkSymmetricMatrix, toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import type { Objective } from '../core/types';
import { matVecUnchecked as matVec } from '../core/mat-vec';
import { criticalPointFromHessian, type CriticalPoint } from './critical-points';

/** Options of {@link quadratic}. */
export interface QuadraticOptions {
  /** The symmetric d×d Hessian H (definite or not): row-major Float64Array, `Matrix` or number[][]. */
  hessian: SquareMatrixLike;
  /** The centre c. Default 0. */
  center?: Float64Array | readonly number[];
}

/** A quadratic objective, with its Hessian and centre exposed. */
export interface QuadraticObjective extends Objective {
  /** L(x) and ∇L(x) = H(x − c) from one product H·(x − c): writes the gradient into `out`, returns L (the bits of `value` and `gradient`). */
  valueGradient(x: Float64Array, out: Float64Array): number;
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x?: Float64Array): Float64Array;
  /** The centre c: a critical point (the minimum when H is positive definite). */
  readonly center: Float64Array;
  /** H, row-major (the library's own copy: do not mutate). */
  readonly matrix: Float64Array;
  /**
   * The critical point c with L(c) = 0 and Hessian H, classified by H's eigenvalues (a minimum,
   * saddle or maximum; `'degenerate'` when H is singular, in which case the critical points form
   * the affine set c + ker H and only c is listed). O(d³).
   */
  criticalPoints(): CriticalPoint[];
}

/**
 * The quadratic L(x) = ½ (x − c)ᵀ H (x − c), with ∇L(x) = H (x − c) and ∇²L = H.
 *
 * H must be symmetric (checked, relative tolerance 1e-12) and may be indefinite, so the same
 * objective serves as a minimum, a saddle or a maximum. Gradient and HVP cost O(d²);
 * `valueGradient` costs one gradient (L = ½ (x − c)·∇L).
 *
 * @example
 * const f = quadratic({ hessian: [[2, 0], [0, 0.5]], center: [1, 1] });
 * f.value(new Float64Array([1, 1])); // 0
 */
export function quadratic(options: QuadraticOptions): QuadraticObjective {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['center', 'hessian']);
  if (opts.hessian === undefined) throw new TypeError('options.hessian: expected a symmetric matrix, received undefined');
  const { data, n } = toSquareMatrix('options.hessian', opts.hessian);
  const H = Float64Array.from(data);
  checkSymmetricMatrix('options.hessian', H, n);
  const c = opts.center === undefined ? new Float64Array(n) : Float64Array.from(checkVector('options.center', opts.center, n));
  const diff = new Float64Array(n);

  const mul = (v: Float64Array, out: Float64Array): Float64Array => matVec(H, n, n, v, out);
  const shift = (x: Float64Array): Float64Array => {
    if (x.length !== n) checkVector('x', x, n);
    for (let i = 0; i < n; i++) diff[i] = (x[i] as number) - (c[i] as number);
    return diff;
  };

  return {
    dim: n,
    center: c,
    matrix: H,
    value(x: Float64Array): number {
      const d = shift(x);
      let s = 0;
      for (let i = 0; i < n; i++) {
        let hi = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) hi += (H[row + j] as number) * (d[j] as number);
        s += (d[i] as number) * hi;
      }
      return 0.5 * s;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      return mul(shift(x), outVector('out', out, n));
    },
    valueGradient(x: Float64Array, out: Float64Array): number {
      // matVec sums each row in the order value() does, so L = ½ Σᵢ dᵢ (H d)ᵢ has the same bits.
      const d = shift(x);
      const g = mul(d, outVector('out', out, n));
      let s = 0;
      for (let i = 0; i < n; i++) s += (d[i] as number) * (g[i] as number);
      return 0.5 * s;
    },
    hvp(_x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      if (v.length !== n) checkVector('v', v, n);
      return mul(v, outVector('out', out, n));
    },
    hessian(): Float64Array {
      return Float64Array.from(H);
    },
    criticalPoints(): CriticalPoint[] {
      return [criticalPointFromHessian(Float64Array.from(c), 0, Float64Array.from(H))];
    },
  };
}
