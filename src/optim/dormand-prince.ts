/**
 * A generic adaptive Dormand–Prince 5(4) integrator with dense output, for y' = f(t, y) on
 * [t0, t1]. `gradientFlow` is a thin wrapper; the Langevin and Fokker–Planck modules reuse it.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkFiniteNumber, checkFunction, checkInRange, checkNonNegative, checkOptions, checkPositive, checkPositiveInteger, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Points } from '../core/types';

/** The right-hand side f: writes f(t, y) into `out` (it must not keep `y` or `out`). */
export type OdeRhs = (t: number, y: Float64Array, out: Float64Array) => void;

/** Options of {@link dormandPrince}. */
export interface DormandPrinceOptions {
  /** Relative tolerance. Default 1e-6. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-9. */
  atol?: number;
  /**
   * Output times, non-decreasing, in [t0, t1]: the solution there comes from the continuous
   * extension (dense output, order 4; order 7 for `dop853`) of the step that covers it, so they do not constrain the step
   * size. Default [t0, t1].
   */
  times?: ArrayLike<number>;
  /** Initial step. Default: Hairer–Nørsett–Wanner's starting-step algorithm (one extra evaluation). */
  h0?: number;
  /** Largest step. Default t1 − t0. */
  hmax?: number;
  /** Largest number of attempted steps before giving up (`status: 'max-steps'`). Default 100 000. */
  maxSteps?: number;
  /** Safety factor of the step-size controller. Default 0.9. */
  safety?: number;
  /** Smallest ratio h_new / h. Default 0.2 (0.333 for `dop853`). */
  facMin?: number;
  /** Largest ratio h_new / h. Default 10 (6 for `dop853`). */
  facMax?: number;
  /** Lund's PI stabilisation exponent β (0 for the plain controller). Default 0.04 (HNW's DOPRI5; 0 for `dop853`). */
  beta?: number;
}

/** How an integration ended. */
export type OdeStatus = 'success' | 'max-steps' | 'step-size-too-small';

/** Result of {@link dormandPrince}. */
export interface DormandPrinceResult {
  /** The output times reached (all of `times` on success). */
  t: Float64Array;
  /** y at those times: ndarray [t.length, n]. */
  y: Points;
  /** y at `tEnd`. */
  final: Float64Array;
  /** Where the integration ended: t1 on success. */
  tEnd: number;
  /** Number of evaluations of f (the FSAL stage counted once). */
  evaluations: number;
  /** Accepted steps. */
  accepted: number;
  /** Rejected steps (error estimate above tolerance, or a non-finite stage). */
  rejected: number;
  /** Why it ended. */
  status: OdeStatus;
  /** status === 'success'. */
  success: boolean;
}

// Dormand & Prince (1980) coefficients, as in Hairer's dopri5.f.
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;
const UROUND = 2.220446049250313e-16;

/**
 * Integrates y' = f(t, y), y(t0) = y0 over [t0, t1] (t1 > t0) with the Dormand–Prince 5(4)
 * embedded pair (FSAL, 6 evaluations per step), following Hairer, Nørsett & Wanner's DOPRI5:
 *
 * - local error ‖err‖ = sqrt((1/n) Σ (errᵢ / scᵢ)²), scᵢ = atol + rtol·max(|y_old,ᵢ|, |y_new,ᵢ|);
 *   the step is accepted when ‖err‖ ≤ 1 and the 5th-order solution is propagated (local
 *   extrapolation);
 * - new step h·min(facMax, max(facMin, safety / (‖err‖^{0.2−0.75β} · ‖err_prev‖^{−β}))), no increase
 *   right after a rejection (β = 0.04: Lund's stabilisation as in DOPRI5);
 * - initial step by HNW's algorithm (II.4, "hinit"), unless `h0` is given;
 * - output at `times` from the order-4 continuous extension (Shampine/HNW dense output), exact at
 *   step ends.
 *
 * It never throws for a hard problem: it reports `status` ('max-steps', 'step-size-too-small',
 * the latter also when the solution blows up to non-finite values) and returns the outputs reached.
 * Cost: 6 evaluations per attempted step + 2 (start, initial step); memory O(n·(8 + |times|)).
 *
 * @example
 * // y' = −y, y(0) = 1 on [0, 1]
 * const r = dormandPrince((t, y, out) => { out[0] = -y[0]!; }, [1], 0, 1, { rtol: 1e-8, times: [0, 0.5, 1] });
 * r.y.get(2, 0); // ≈ e^{−1}
 */
export function dormandPrince(
  f: OdeRhs,
  y0: Float64Array | readonly number[],
  t0: number,
  t1: number,
  options?: DormandPrinceOptions,
): DormandPrinceResult {
  checkFunction('f', f);
  const y = Float64Array.from(checkVector('y0', y0));
  checkFiniteNumber('t0', t0);
  checkFiniteNumber('t1', t1);
  if (!(t1 > t0)) throw new RangeError(`t1: expected a number greater than t0 = ${t0}, received ${describeValue(t1)}`);
  const opts = checkOptions('options', options);
  const rtol = checkNonNegative('options.rtol', opts.rtol ?? 1e-6);
  const atol = checkNonNegative('options.atol', opts.atol ?? 1e-9);
  if (rtol === 0 && atol === 0) throw new RangeError('options.atol: expected atol > 0 or rtol > 0, received atol 0 and rtol 0');
  const hmax = checkPositive('options.hmax', opts.hmax ?? t1 - t0);
  const maxSteps = checkPositiveInteger('options.maxSteps', opts.maxSteps ?? 100_000);
  const safe = checkInRange('options.safety', opts.safety ?? 0.9, 0, 1, { openMin: true, openMax: true });
  const facMin = checkInRange('options.facMin', opts.facMin ?? 0.2, 0, 1, { openMin: true, openMax: true });
  const facMax = checkInRange('options.facMax', opts.facMax ?? 10, 1, Infinity, { openMin: true });
  const beta = checkInRange('options.beta', opts.beta ?? 0.04, 0, 0.2);
  const times = checkOutputTimes(opts.times, t0, t1);
  const n = y.length;
  const nt = times.length;

  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const k5 = new Float64Array(n), k6 = new Float64Array(n), k7 = new Float64Array(n);
  const yt = new Float64Array(n);
  let ynew = new Float64Array(n);
  let ycur = y;
  const out = new Float64Array(nt * n);
  let nOut = 0;
  // Output times at t0 come straight from y0.
  while (nOut < nt && (times[nOut] as number) === t0) out.set(ycur, n * nOut++);

  let evaluations = 0;
  const rhs = (t: number, yy: Float64Array, o: Float64Array): void => {
    evaluations++;
    f(t, yy, o);
  };
  let k1cur = k1;
  let k7cur = k7;
  rhs(t0, ycur, k1cur);

  let h: number;
  if (opts.h0 !== undefined) h = Math.min(checkPositive('options.h0', opts.h0), hmax);
  else h = initialStep(rhs, t0, ycur, k1cur, hmax, rtol, atol, yt, k2);
  if (!(h > 0) || !Number.isFinite(h)) h = Math.min(1e-6, hmax);

  const expo1 = 0.2 - beta * 0.75;
  const facc1 = 1 / facMin;
  const facc2 = 1 / facMax;
  let facold = 1e-4;
  let t = t0;
  let accepted = 0;
  let rejected = 0;
  let reject = false;
  let last = false;
  let status: OdeStatus = 'success';
  let attempts = 0;

  for (;;) {
    if (attempts >= maxSteps) {
      status = 'max-steps';
      break;
    }
    if (0.1 * Math.abs(h) <= Math.abs(t) * UROUND || !(h > 0)) {
      status = 'step-size-too-small';
      break;
    }
    if (t + 1.01 * h - t1 > 0) {
      h = t1 - t;
      last = true;
    }
    attempts++;
    const a = k1cur;
    for (let i = 0; i < n; i++) yt[i] = (ycur[i] as number) + h * A21 * (a[i] as number);
    rhs(t + C2 * h, yt, k2);
    for (let i = 0; i < n; i++) yt[i] = (ycur[i] as number) + h * (A31 * (a[i] as number) + A32 * (k2[i] as number));
    rhs(t + C3 * h, yt, k3);
    for (let i = 0; i < n; i++) {
      yt[i] = (ycur[i] as number) + h * (A41 * (a[i] as number) + A42 * (k2[i] as number) + A43 * (k3[i] as number));
    }
    rhs(t + C4 * h, yt, k4);
    for (let i = 0; i < n; i++) {
      yt[i] =
        (ycur[i] as number) +
        h * (A51 * (a[i] as number) + A52 * (k2[i] as number) + A53 * (k3[i] as number) + A54 * (k4[i] as number));
    }
    rhs(t + C5 * h, yt, k5);
    for (let i = 0; i < n; i++) {
      yt[i] =
        (ycur[i] as number) +
        h *
          (A61 * (a[i] as number) + A62 * (k2[i] as number) + A63 * (k3[i] as number) + A64 * (k4[i] as number) + A65 * (k5[i] as number));
    }
    const tph = t + h;
    rhs(tph, yt, k6);
    for (let i = 0; i < n; i++) {
      ynew[i] =
        (ycur[i] as number) +
        h *
          (A71 * (a[i] as number) + A73 * (k3[i] as number) + A74 * (k4[i] as number) + A75 * (k5[i] as number) + A76 * (k6[i] as number));
    }
    rhs(tph, ynew, k7cur);
    let err = 0;
    for (let i = 0; i < n; i++) {
      const e =
        h *
        (E1 * (a[i] as number) +
          E3 * (k3[i] as number) +
          E4 * (k4[i] as number) +
          E5 * (k5[i] as number) +
          E6 * (k6[i] as number) +
          E7 * (k7cur[i] as number));
      const sk = atol + rtol * Math.max(Math.abs(ycur[i] as number), Math.abs(ynew[i] as number));
      err += (e / sk) * (e / sk);
    }
    err = Math.sqrt(err / n);

    if (!Number.isFinite(err)) {
      // A non-finite stage: shrink hard and retry (the size guard above ends a genuine blow-up).
      h *= facMin;
      reject = true;
      last = false;
      rejected++;
      continue;
    }
    const fac11 = err ** expo1;
    const fac = Math.max(facc2, Math.min(facc1, fac11 / facold ** beta / safe));
    let hnew = h / fac;
    if (err <= 1) {
      facold = Math.max(err, 1e-4);
      accepted++;
      const tEndStep = last ? t1 : tph;
      // Dense output for the requested times in (t, t + h].
      if (nOut < nt && (times[nOut] as number) <= tEndStep) {
        for (; nOut < nt && (times[nOut] as number) <= tEndStep; nOut++) {
          const tq = times[nOut] as number;
          const base = n * nOut;
          if (tq === tEndStep) {
            out.set(ynew, base);
            continue;
          }
          const th = (tq - t) / h;
          const th1 = 1 - th;
          for (let i = 0; i < n; i++) {
            const y0i = ycur[i] as number;
            const ydiff = (ynew[i] as number) - y0i;
            const bspl = h * (a[i] as number) - ydiff;
            const r4 = ydiff - h * (k7cur[i] as number) - bspl;
            const r5 =
              h *
              (D1 * (a[i] as number) +
                D3 * (k3[i] as number) +
                D4 * (k4[i] as number) +
                D5 * (k5[i] as number) +
                D6 * (k6[i] as number) +
                D7 * (k7cur[i] as number));
            out[base + i] = y0i + th * (ydiff + th1 * (bspl + th * (r4 + th1 * r5)));
          }
        }
      }
      // FSAL: f(t+h, y_new) is the next step's first stage.
      const tmpk = k1cur;
      k1cur = k7cur;
      k7cur = tmpk;
      const tmpy = ycur;
      ycur = ynew;
      ynew = tmpy;
      t = tEndStep;
      if (hnew > hmax) hnew = hmax;
      if (reject) hnew = Math.min(hnew, h);
      reject = false;
      h = hnew;
      if (last) break;
    } else {
      h = h / Math.min(facc1, fac11 / safe);
      reject = true;
      last = false;
      rejected++;
    }
  }
  return {
    t: Float64Array.from(times.subarray(0, nOut)),
    y: ndarray(nOut === nt ? out : out.slice(0, nOut * n), [nOut, n]),
    final: Float64Array.from(ycur),
    tEnd: t,
    evaluations,
    accepted,
    rejected,
    status,
    success: status === 'success',
  };
}

/** Checks output times: numbers in [t0, t1], non-decreasing (default [t0, t1]). @internal */
export function checkOutputTimes(times: ArrayLike<number> | undefined, t0: number, t1: number): Float64Array {
  if (times === undefined) return Float64Array.of(t0, t1);
  if (typeof times !== 'object' || times === null || typeof times.length !== 'number') {
    throw new TypeError(`options.times: expected an array of numbers, received ${describeValue(times)}`);
  }
  const ts = checkVector('options.times', times);
  for (let i = 0; i < ts.length; i++) {
    const v = ts[i] as number;
    if (v < t0 || v > t1) throw new RangeError(`options.times: expected times in [${t0}, ${t1}], received ${v} at index ${i}`);
    if (i > 0 && v < (ts[i - 1] as number)) {
      throw new RangeError(`options.times: expected non-decreasing times, received ${v} after ${ts[i - 1] as number} at index ${i}`);
    }
  }
  return ts === times ? Float64Array.from(ts) : ts;
}

/** Hairer–Nørsett–Wanner's initial step (dopri5.f / dop853.f, HINIT) for a method of order `order`. @internal */
export function initialStep(
  rhs: OdeRhs,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  hmax: number,
  rtol: number,
  atol: number,
  y1: Float64Array,
  f1: Float64Array,
  order = 5,
): number {
  const n = y0.length;
  let dnf = 0;
  let dny = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y0[i] as number);
    dnf += ((f0[i] as number) / sk) ** 2;
    dny += ((y0[i] as number) / sk) ** 2;
  }
  let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
  h = Math.min(h, hmax);
  for (let i = 0; i < n; i++) y1[i] = (y0[i] as number) + h * (f0[i] as number);
  rhs(t0 + h, y1, f1);
  let der2 = 0;
  for (let i = 0; i < n; i++) {
    const sk = atol + rtol * Math.abs(y0[i] as number);
    der2 += (((f1[i] as number) - (f0[i] as number)) / sk) ** 2;
  }
  der2 = Math.sqrt(der2) / h;
  const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
  const h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : (0.01 / der12) ** (1 / order);
  return Math.min(100 * h, h1, hmax);
}
