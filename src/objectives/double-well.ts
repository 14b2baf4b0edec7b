/**
 * A double well with a chosen barrier and curvatures, in one dimension or embedded along an escape
 * direction in d dimensions: the escape-time benchmark.
 *
 * @module
 */
import { checkInRange, checkOptions, checkPositive, checkPositiveInteger, checkVector, outVector, checkKnownOptions } from '../core/checks';
import { norm2 } from '../core/blas1';
import { matrixFromProducts } from '../core/dense';
import { describeValue } from '../core/errors';
import type { Objective } from '../core/types';
import type { CriticalPoint } from './critical-points';

/** Options of {@link doubleWell}. All optional: `doubleWell()` is L(θ) = θ⁴/4 − θ²/2. */
export interface DoubleWellOptions {
  /** Barrier height ΔL = L(saddle) − L(minimum) > 0. Default 1/4. */
  barrier?: number;
  /** Curvature k of the well along the escape direction, L''(±a) = k > 0. Default 2. */
  curvature?: number;
  /**
   * Curvature −κ of the barrier top along the escape direction, L''(0) = −κ, with
   * −k/2 ≤ −κ < 0. Default −k/2 (the quartic). Values other than −k/2 switch the profile to the
   * sextic described in {@link doubleWell}.
   */
  curvatureSaddle?: number;
  /** Dimension d ≥ 1. Default: the length of `direction`, else 1. */
  dim?: number;
  /** The escape direction e, a unit vector of length d (checked to 1e-12). Default e₁ = (1, 0, …, 0). */
  direction?: Float64Array | readonly number[];
  /**
   * Curvatures k₁ … k_{d−1} > 0 of the d − 1 transverse directions: one number for all, or one per
   * direction. Default: `curvature` for all. Ignored (may be omitted) when d = 1.
   */
  transverse?: number | Float64Array | readonly number[];
}

/** A double well: an `Objective` with exact HVP and Hessian, and the numbers an escape study reads. */
export interface DoubleWellObjective extends Objective {
  /** L(x) and ∇L(x) with one reflection of x shared: writes the gradient into `out`, returns L (the bits of `value` and `gradient`). */
  valueGradient(x: Float64Array, out: Float64Array): number;
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
  /** ΔL: L(0) − L(±a e). */
  readonly barrier: number;
  /** L''(±a) along e: the curvature k of each minimum in the escape direction. */
  readonly curvatureMin: number;
  /** L''(0) along e: −κ (−k/2 by default), the saddle's one negative curvature. */
  readonly curvatureSaddle: number;
  /** a = √(24ΔL/(k + 4κ)) (= √(8ΔL/k) for the quartic): the minima sit at ±a·e. */
  readonly location: number;
  /** The unit escape direction e (a copy, normalised). */
  readonly direction: Float64Array;
  /** The transverse curvatures k₁ … k_{d−1} (length d − 1). */
  readonly transverse: Float64Array;
  /**
   * The three critical points, in this order: the minimum at −a·e, the minimum at +a·e (both
   * L = −ΔL, Hessian eigenvalues {k, k₁, …, k_{d−1}}) and the index-1 critical point at 0 (L = 0,
   * eigenvalues {−κ, k₁, …, k_{d−1}}, κ = k/2 by default): kind `'saddle'`, or `'maximum'` when d = 1 (the top of
   * the 1-D barrier; read `index === 1` for "the escape point" in any dimension). Closed form;
   * fresh arrays on every call; O(d²).
   */
  criticalPoints(): CriticalPoint[];
  /** The i-th transverse unit direction qᵢ (i = 1 … d − 1), orthogonal to e and to the others. O(d). */
  transverseDirection(i: number, out?: Float64Array): Float64Array;
}

/**
 * A double well with a chosen barrier and curvature, in one dimension or embedded in d dimensions
 * along an escape direction with stiff transverse directions:
 *
 *   L(x) = w(e·x) + ½ Σᵢ₌₁^{d−1} kᵢ (qᵢ·x)²,   w(s) = ΔL·(s⁴/a⁴ − 2 s²/a²),   a² = 8ΔL/k,
 *
 * where e is the unit escape direction and q₁ … q_{d−1} an orthonormal basis of e⊥ (columns 2 … d of
 * the Householder reflector I − 2uuᵀ/uᵀu, u = e + sign(e₁)e₁). The profile w has minima at ±a with
 * w = −ΔL and w'' = 8ΔL/a² = k, and a maximum at 0 with w = 0 and w'' = −4ΔL/a² = −k/2: so
 * the barrier ΔL and the minimum's curvature k are what you set, and the saddle curvature −k/2 follows
 * (the quartic fixes the ratio). The defaults ΔL = 1/4, k = 2 give exactly w(θ) = θ⁴/4 − θ²/2
 * (a = 1, saddle curvature −1).
 *
 * Setting `curvatureSaddle` = −κ as well (barrier, both curvatures independent) uses the sextic
 * w(s) = c₂s² + c₄s⁴ + c₆s⁶ with c₂ = −κ/2, a² = 24ΔL/(k + 4κ), c₄ = (4κ − k)/(8a²),
 * c₆ = (k − 2κ)/(12a⁴): w(±a) = −ΔL, w'(±a) = 0, w''(±a) = k, w''(0) = −κ, and no other critical
 * point. It needs 0 < κ ≤ k/2 (c₆ ≥ 0, so L is bounded below); κ = k/2 gives c₆ = 0, the quartic.
 *
 * Value, gradient and HVP cost O(d) (two Householder reflections); the dense Hessian O(d²).
 * Throws for a non-positive barrier, curvature or transverse curvature, a saddle curvature outside
 * [−k/2, 0), a zero or non-unit direction, or a dimension mismatch.
 *
 * @example
 * const f = doubleWell();                 // θ⁴/4 − θ²/2
 * f.value(new Float64Array([1]));        // −0.25
 * const g = doubleWell({ barrier: 2, curvature: 8, direction: [0.6, 0.8], transverse: 50 });
 * g.criticalPoints()[2].eigenvalues;     // [−4, 50]
 */
export function doubleWell(options?: DoubleWellOptions): DoubleWellObjective {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['barrier', 'curvature', 'curvatureSaddle', 'dim', 'direction', 'transverse']);
  const barrier = checkPositive('options.barrier', opts.barrier ?? 0.25);
  const curvature = checkPositive('options.curvature', opts.curvature ?? 2);
  const kappa =
    opts.curvatureSaddle === undefined ? curvature / 2 : -checkInRange('options.curvatureSaddle', opts.curvatureSaddle, -curvature / 2, 0, { openMax: true });
  let d: number;
  let e: Float64Array;
  if (opts.direction !== undefined) {
    const dimOpt = opts.dim === undefined ? undefined : checkPositiveInteger('options.dim', opts.dim);
    const raw = checkVector('options.direction', opts.direction, dimOpt);
    d = raw.length;
    if (d < 1) throw new RangeError('options.direction: expected a unit vector of length ≥ 1, received length 0');
    const n = norm2(raw);
    if (n === 0) throw new RangeError('options.direction: expected a unit vector, received a zero vector');
    if (Math.abs(n - 1) > 1e-12) throw new RangeError(`options.direction: expected a unit vector (norm 1 within 1e-12), received norm ${describeValue(n)}`);
    e = new Float64Array(d);
    for (let i = 0; i < d; i++) e[i] = (raw[i] as number) / n;
  } else {
    d = checkPositiveInteger('options.dim', opts.dim ?? 1);
    e = new Float64Array(d);
    e[0] = 1;
  }
  const kt = new Float64Array(d - 1);
  const tr = opts.transverse ?? curvature;
  if (typeof tr === 'number') {
    kt.fill(checkPositive('options.transverse', tr));
  } else {
    const t = checkVector('options.transverse', tr, d - 1);
    for (let i = 0; i < d - 1; i++) kt[i] = checkPositive(`options.transverse[${i}]`, t[i]);
  }

  // Profile w(s) = c2 s² + c4 s⁴ + c6 s⁶ (c6 = 0 for the quartic; the defaults give c2 = −1/2,
  // c4 = 1/4, a = 1 exactly).
  const a2 = (24 * barrier) / (curvature + 4 * kappa);
  const a = Math.sqrt(a2);
  const c2 = -kappa / 2;
  const c4 = (4 * kappa - curvature) / (8 * a2);
  const c6 = (curvature - 2 * kappa) / (12 * a2 * a2);
  // Extreme ratios overflow or underflow the profile's coefficients (curvature 1e300: a² = 0): refused, not a NaN landscape.
  if (!(a2 > 0 && Number.isFinite(a2) && Number.isFinite(c4) && Number.isFinite(c6) && Number.isFinite(c2))) {
    throw new RangeError(
      `options.curvature: expected curvature and barrier whose profile coefficients are finite (a² = 24·barrier/(curvature + 4κ) in (0, ∞)), received curvature ${curvature} with barrier ${barrier}`,
    );
  }
  const w = (s: number): number => {
    const q = s * s;
    return q * (c2 + q * (c4 + q * c6));
  };
  const w1 = (s: number): number => {
    const q = s * s;
    return s * (2 * c2 + q * (4 * c4 + 6 * c6 * q));
  };
  const w2 = (s: number): number => {
    const q = s * s;
    return 2 * c2 + q * (12 * c4 + 30 * c6 * q);
  };

  // Householder reflector P = I − τ u uᵀ with P e = −σ e₁.
  const sigma = (e[0] as number) >= 0 ? 1 : -1;
  const u = Float64Array.from(e);
  u[0] = (u[0] as number) + sigma;
  let uu = 0;
  for (let i = 0; i < d; i++) uu += (u[i] as number) * (u[i] as number);
  const tau = 2 / uu;
  const y = new Float64Array(d);

  const reflect = (v: Float64Array, out: Float64Array): Float64Array => {
    let c = 0;
    for (let i = 0; i < d; i++) c += (u[i] as number) * (v[i] as number);
    c *= tau;
    for (let i = 0; i < d; i++) out[i] = (v[i] as number) - c * (u[i] as number);
    return out;
  };
  const dotE = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < d; i++) s += (e[i] as number) * (v[i] as number);
    return s;
  };
  /** out ← P K P v + c e. */
  const transverseApply = (v: Float64Array, c: number, out: Float64Array): Float64Array => {
    reflect(v, y);
    y[0] = 0;
    for (let i = 1; i < d; i++) y[i] = (kt[i - 1] as number) * (y[i] as number);
    reflect(y, out);
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) + c * (e[i] as number);
    return out;
  };
  const checkX = (x: Float64Array): void => {
    if (!(x instanceof Float64Array) || x.length !== d) checkVector('x', x, d);
  };
  const hvp = (x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array => {
    checkX(x);
    if (!(v instanceof Float64Array) || v.length !== d) checkVector('v', v, d);
    return transverseApply(v, w2(dotE(x)) * dotE(v), outVector('out', out, d));
  };
  const hessianAt = (s: number): Float64Array => {
    const ws = w2(s);
    return matrixFromProducts(d, (v, out) => transverseApply(v, ws * dotE(v), out));
  };
  const sortedWith = (first: number): Float64Array => {
    const ev = new Float64Array(d);
    ev[0] = first;
    ev.set(kt, 1);
    return ev.sort();
  };

  return {
    dim: d,
    barrier,
    curvatureMin: curvature,
    curvatureSaddle: -kappa,
    location: a,
    direction: e,
    transverse: kt,
    value(x: Float64Array): number {
      checkX(x);
      reflect(x, y);
      let t = 0;
      for (let i = 1; i < d; i++) t += (kt[i - 1] as number) * (y[i] as number) * (y[i] as number);
      return w(dotE(x)) + 0.5 * t;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      checkX(x);
      return transverseApply(x, w1(dotE(x)), outVector('out', out, d));
    },
    valueGradient(x: Float64Array, out: Float64Array): number {
      checkX(x);
      const o = outVector('out', out, d);
      const s = dotE(x);
      // The steps of value() and of transverseApply(x, w'(s), out), sharing y = P x.
      reflect(x, y);
      let t = 0;
      for (let i = 1; i < d; i++) t += (kt[i - 1] as number) * (y[i] as number) * (y[i] as number);
      const value = w(s) + 0.5 * t;
      y[0] = 0;
      for (let i = 1; i < d; i++) y[i] = (kt[i - 1] as number) * (y[i] as number);
      reflect(y, o);
      const c = w1(s);
      for (let i = 0; i < d; i++) o[i] = (o[i] as number) + c * (e[i] as number);
      return value;
    },
    hvp,
    hessian(x: Float64Array): Float64Array {
      checkX(x);
      return hessianAt(dotE(x));
    },
    criticalPoints(): CriticalPoint[] {
      const at = (s: number): Float64Array => {
        const p = new Float64Array(d);
        for (let i = 0; i < d; i++) p[i] = s * (e[i] as number);
        return p;
      };
      return [
        { point: at(-a), value: -barrier, hessian: hessianAt(-a), eigenvalues: sortedWith(curvature), index: 0, kind: 'minimum' },
        { point: at(a), value: -barrier, hessian: hessianAt(a), eigenvalues: sortedWith(curvature), index: 0, kind: 'minimum' },
        { point: at(0), value: 0, hessian: hessianAt(0), eigenvalues: sortedWith(-kappa), index: 1, kind: d === 1 ? 'maximum' : 'saddle' },
      ];
    },
    transverseDirection(i: number, out?: Float64Array): Float64Array {
      if (!Number.isSafeInteger(i) || i < 1 || i > d - 1) {
        throw new RangeError(`i: expected an integer in [1, ${d - 1}], received ${describeValue(i)}`);
      }
      const q = outVector('out', out, d);
      for (let k = 0; k < d; k++) q[k] = -tau * (u[i] as number) * (u[k] as number);
      q[i] = (q[i] as number) + 1;
      return q;
    },
  };
}
