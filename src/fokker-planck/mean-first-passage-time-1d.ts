/**
 * The exact 1-D mean first-passage time of an Itô diffusion, by adaptive quadrature of its double
 * integral in log space: the ground truth for the grid solvers, the Langevin simulators and the
 * Kramers formulas, at any noise level.
 *
 * @module
 */
import { checkBoolean, checkFiniteNumber, checkOptions, checkPositive, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import { cumulativeIntegral } from './chebyshev-kernels';
import { exp, log } from '../core/elementary/index';
import { readField1d } from './field-kernels';

/** Options of {@link meanFirstPassageTime1d}: exactly one of `potential` and `drift`. */
export interface MeanFirstPassageTime1dOptions {
  /** L(x): the drift is −L′(x). With a function `diffusion`, L′ is taken by a 5-point difference (give `drift` for full accuracy). */
  potential?: (x: number) => number;
  /** b(x) of dθ = b dt + √(2D) dW. */
  drift?: (x: number) => number;
  /** D > 0: a number or a function D(x) (Itô). */
  diffusion: number | ((x: number) => number);
  /** The start x₀. */
  from: number;
  /** The absorbing point b ≠ x₀. */
  to: number;
  /** The reflecting point a, on the other side of x₀ from b (a may equal x₀). Default: −∞ when b > x₀, +∞ when b < x₀ (the density must decay there). */
  reflectAt?: number;
  /** Relative tolerance of each adaptive integral. Default 1e-13. */
  tol?: number;
  /** Return `{ value, error, logValue }` instead of the number. Default false. */
  errorEstimate?: boolean;
}

/** The result of {@link meanFirstPassageTime1d} with `errorEstimate: true`. */
export interface MeanFirstPassageTime1dEstimate {
  /** T(x₀ → b) (Infinity when it overflows; see `logValue`). */
  value: number;
  /** Estimated absolute error of `value`. */
  error: number;
  /** log T, finite even where T overflows. */
  logValue: number;
}

/**
 * The mean first-passage time T(x₀ → b) of dθ = b(θ) dt + √(2D(θ)) dW (b = −L′), reflecting at a
 * (x₀ between a and b), from the backward equation b τ′ + D τ″ = −1, τ′(a) = 0, τ(b) = 0:
 *
 *   T = ∫_{x₀}^{b} e^{Φ(y)} ∫_{a}^{y} e^{−Φ(z)} / D(z) dz dy,   Φ′ = −b/D (= L′/D)
 *
 * (for b < x₀ the mirror image). Φ is closed-form for a potential with constant D, otherwise an
 * adaptive piecewise-Chebyshev integral; the inner and outer integrals are adaptive piecewise-
 * Chebyshev integrals of e^{g} with each panel scaled by its own maximum and the sums kept as
 * logarithms, so the digits hold when the integrand spans hundreds of orders of magnitude
 * (ΔL/D in the hundreds; log T is returned with `errorEstimate: true` even where T overflows).
 * An infinite `reflectAt` is cut where e^{−Φ}/D has fallen by e^{−800} from its largest value.
 *
 * Cost: a few thousand evaluations of the potential or drift, typically 1–10 ms.
 *
 * @example
 * // Brownian motion, D = 0.5, reflecting at 0, absorbed at 1, from 0.3: (1 − 0.3²)/(2D) = 0.91
 * meanFirstPassageTime1d({ drift: () => 0, diffusion: 0.5, from: 0.3, to: 1, reflectAt: 0 }); // 0.91
 */
export function meanFirstPassageTime1d(options: MeanFirstPassageTime1dOptions & { errorEstimate: true }): MeanFirstPassageTime1dEstimate;
export function meanFirstPassageTime1d(options: MeanFirstPassageTime1dOptions): number;
export function meanFirstPassageTime1d(options: MeanFirstPassageTime1dOptions): number | MeanFirstPassageTime1dEstimate {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['diffusion', 'drift', 'errorEstimate', 'from', 'potential', 'reflectAt', 'to', 'tol']);
  const { potential, drift, diffusionConstant: dConst, diffusionField: dFun } = readField1d(o);
  const from = checkFiniteNumber('options.from', o.from);
  const to = checkFiniteNumber('options.to', o.to);
  if (from === to) throw new RangeError(`options.to: expected a point other than options.from, received ${to}`);
  const s = to > from ? 1 : -1;
  const reflect = o.reflectAt === undefined ? -s * Number.POSITIVE_INFINITY : o.reflectAt;
  if (typeof reflect !== 'number' || Number.isNaN(reflect)) throw new TypeError(`options.reflectAt: expected a number, received ${describeValue(reflect)}`);
  if (s * (reflect - from) > 0)
    throw new RangeError(`options.reflectAt: expected a point on the other side of options.from (${from}) from options.to (${to}), received ${reflect}`);
  const tol = o.tol === undefined ? 1e-13 : checkPositive('options.tol', o.tol);
  const withError = o.errorEstimate === undefined ? false : checkBoolean('options.errorEstimate', o.errorEstimate);

  // Work in u = s·x, so that a ≤ u₀ < u_b.
  const Dof = (u: number): number => {
    if (dConst !== undefined) return dConst;
    const x = s * u;
    const d = (dFun as (x: number) => number)(x);
    if (typeof d !== 'number' || !(d > 0) || !Number.isFinite(d))
      throw new RangeError(`options.diffusion: expected a positive finite D(x), received ${describeValue(d)} at x = ${x}`);
    return d;
  };
  const fin = (name: string, v: unknown, x: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`options.${name}: expected a finite value, received ${describeValue(v)} at x = ${x}`);
    return v;
  };
  const L = (u: number): number => fin('potential', (potential as (x: number) => number)(s * u), s * u);
  /** φ′(u) = −b̃(u)/D̃(u), with b̃(u) = s·b(s u). */
  const dPhi = (u: number): number => {
    let bu: number;
    if (drift) bu = s * fin('drift', drift(s * u), s * u);
    else {
      const hh = 1e-3 * Math.max(1, Math.abs(u));
      bu = -(8 * (L(u + hh) - L(u - hh)) - (L(u + 2 * hh) - L(u - 2 * hh))) / (12 * hh);
    }
    return -bu / Dof(u);
  };
  const u0 = s * from;
  const ub = s * to;
  const closed = potential !== undefined && dConst !== undefined;
  const dc = dConst ?? 1;

  let ua = s * reflect;
  if (!Number.isFinite(ua)) {
    // step away from u₀ until e^{−Φ}/D is e^{−800} below the largest value seen
    const weight = (z: number): number => {
      const phi = closed ? (L(z) - L(u0)) / dc : -cumulativeIntegral(dPhi, z, u0, false, 1e-12).total;
      return -phi - log(Dof(z));
    };
    let best = weight(u0);
    let found = false;
    const step = Math.max(1, Math.abs(ub - u0));
    for (let k = 0; k < 60; k++) {
      const z = u0 - step * 2 ** k;
      const wz = weight(z);
      if (wz > best) best = wz;
      else if (wz < best - 800) {
        ua = z;
        found = true;
        break;
      }
    }
    if (!found)
      throw new RangeError(
        `options.reflectAt: expected e^{−Φ}/D to decay beyond options.from on the side away from options.to, received a density that does not (give a finite reflectAt)`,
      );
  }

  let phiError = 0;
  let Phi: (u: number) => number;
  if (closed) {
    const La = L(ua);
    Phi = (u) => (L(u) - La) / dc;
  } else {
    const c = cumulativeIntegral(dPhi, ua, ub, false, Math.min(tol, 1e-13), 16);
    phiError = c.error;
    Phi = (u) => c.at(u);
  }
  const inner = cumulativeIntegral((z) => -Phi(z) - log(Dof(z)), ua, ub, true, tol, 16);
  const outer = cumulativeIntegral((y) => Phi(y) + inner.at(y), u0, ub, true, tol, 16);
  const logValue = outer.total;
  const value = exp(logValue);
  if (!withError) return value;
  const rel = outer.error + inner.error + 2 * phiError + 4 * Number.EPSILON * Math.max(1, Math.abs(logValue));
  return { value, error: value * rel, logValue };
}
