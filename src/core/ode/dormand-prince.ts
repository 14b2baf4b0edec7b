/**
 * A generic adaptive Dormand–Prince 5(4) integrator with dense output, for y' = f(t, y) on
 * [t0, t1]: {@link dormandPrince} and its event-loop-friendly driver {@link dormandPrinceAsync}.
 * `gradientFlow` (optim) is a thin wrapper; the Langevin and Fokker–Planck modules reuse it.
 *
 * @module
 */
import { integrateEmbeddedRk, integrateEmbeddedRkAsync, type EmbeddedRkMethod, type EmbeddedRkStepper } from './embedded-runge-kutta';
import type { OdeOptions, OdeResult, OdeRhs } from './ode-types';

// Dormand & Prince (1980) coefficients, as in Hairer's dopri5.f.
const C2 = 1 / 5,
  C3 = 3 / 10,
  C4 = 4 / 5,
  C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40,
  A32 = 9 / 40;
const A41 = 44 / 45,
  A42 = -56 / 15,
  A43 = 32 / 9;
const A51 = 19372 / 6561,
  A52 = -25360 / 2187,
  A53 = 64448 / 6561,
  A54 = -212 / 729;
const A61 = 9017 / 3168,
  A62 = -355 / 33,
  A63 = 46732 / 5247,
  A64 = 49 / 176,
  A65 = -5103 / 18656;
const A71 = 35 / 384,
  A73 = 500 / 1113,
  A74 = 125 / 192,
  A75 = -2187 / 6784,
  A76 = 11 / 84;
const E1 = 71 / 57600,
  E3 = -71 / 16695,
  E4 = 71 / 1920,
  E5 = -17253 / 339200,
  E6 = 22 / 525,
  E7 = -1 / 40;
const D1 = -12715105075 / 11282082432,
  D3 = 87487479700 / 32700410799,
  D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632,
  D6 = -1453857185 / 822651844,
  D7 = 69997945 / 29380423;

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
 * It never throws for a hard problem: it reports `stopReason` (`'time'` when it reached t1;
 * `'budget'` when `maxSteps` ran out; `'step-size-too-small'`, also when the solution blows up to
 * non-finite values; `'aborted'` when `signal` fired) and returns the outputs reached. `onProgress`
 * is called each time t crosses another 1% of [t0, t1]; `signal` is checked before every attempted
 * step, so an abort from inside `onProgress` stops the call at once.
 * Cost: 6 evaluations per attempted step + 2 (start, initial step); memory O(n·(8 + |times|)).
 *
 * @example
 * // y' = −y, y(0) = 1 on [0, 1]
 * const r = dormandPrince((t, y, out) => { out[0] = -y[0]!; }, [1], 0, 1, { rtol: 1e-8, times: [0, 0.5, 1] });
 * r.y.get(2, 0); // ≈ e^{−1}
 */
export function dormandPrince(f: OdeRhs, y0: Float64Array | readonly number[], t0: number, t1: number, options?: OdeOptions): OdeResult {
  return integrateEmbeddedRk(DOPRI5, f, y0, t0, t1, options);
}

/**
 * {@link dormandPrince} for long integrations on a thread that must stay responsive: the same
 * integration (one resumable core, two drivers), so the same bits, but it yields to the event loop
 * (`setTimeout(…, 0)`) every ~10 ms of work, so that timers run and an `AbortSignal` fired from
 * elsewhere stops it (`stopReason: 'aborted'`, with the outputs reached). Bad arguments reject the
 * promise with the errors {@link dormandPrince} throws.
 *
 * @example
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 1000);
 * const r = await dormandPrinceAsync(f, y0, 0, 1e6, { signal: ac.signal, maxSteps: 1e9 });
 * r.stopReason; // 'time', or 'aborted' after about a second
 */
export function dormandPrinceAsync(f: OdeRhs, y0: Float64Array | readonly number[], t0: number, t1: number, options?: OdeOptions): Promise<OdeResult> {
  return integrateEmbeddedRkAsync(DOPRI5, f, y0, t0, t1, options);
}

/** DOPRI5's workspace for one call: stages k1…k7 (k1cur / k7cur swap on acceptance, FSAL), stage argument yt. */
interface Dopri5Work {
  readonly n: number;
  readonly rhs: OdeRhs;
  readonly rtol: number;
  readonly atol: number;
  k1cur: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  readonly k5: Float64Array;
  readonly k6: Float64Array;
  k7cur: Float64Array;
  readonly yt: Float64Array;
}

/** One attempted DOPRI5 step: y_new (5th order), k7 = f(t + h, y_new), returns ‖err‖ (4th-order embedded estimate). */
function dopri5Attempt(w: Dopri5Work, t: number, h: number, ycur: Float64Array, ynew: Float64Array): number {
  // Locals, not closure or property reads, in the stage loops.
  const { n, rhs, rtol, atol, k2, k3, k4, k5, k6, yt } = w;
  const a = w.k1cur;
  const k7c = w.k7cur;
  for (let i = 0; i < n; i++) yt[i] = (ycur[i] as number) + h * A21 * (a[i] as number);
  rhs(t + C2 * h, yt, k2);
  for (let i = 0; i < n; i++) yt[i] = (ycur[i] as number) + h * (A31 * (a[i] as number) + A32 * (k2[i] as number));
  rhs(t + C3 * h, yt, k3);
  for (let i = 0; i < n; i++) {
    yt[i] = (ycur[i] as number) + h * (A41 * (a[i] as number) + A42 * (k2[i] as number) + A43 * (k3[i] as number));
  }
  rhs(t + C4 * h, yt, k4);
  for (let i = 0; i < n; i++) {
    yt[i] = (ycur[i] as number) + h * (A51 * (a[i] as number) + A52 * (k2[i] as number) + A53 * (k3[i] as number) + A54 * (k4[i] as number));
  }
  rhs(t + C5 * h, yt, k5);
  for (let i = 0; i < n; i++) {
    yt[i] =
      (ycur[i] as number) +
      h * (A61 * (a[i] as number) + A62 * (k2[i] as number) + A63 * (k3[i] as number) + A64 * (k4[i] as number) + A65 * (k5[i] as number));
  }
  const tph = t + h;
  rhs(tph, yt, k6);
  for (let i = 0; i < n; i++) {
    ynew[i] =
      (ycur[i] as number) +
      h * (A71 * (a[i] as number) + A73 * (k3[i] as number) + A74 * (k4[i] as number) + A75 * (k5[i] as number) + A76 * (k6[i] as number));
  }
  rhs(tph, ynew, k7c);
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e =
      h * (E1 * (a[i] as number) + E3 * (k3[i] as number) + E4 * (k4[i] as number) + E5 * (k5[i] as number) + E6 * (k6[i] as number) + E7 * (k7c[i] as number));
    const sk = atol + rtol * Math.max(Math.abs(ycur[i] as number), Math.abs(ynew[i] as number));
    err += (e / sk) * (e / sk);
  }
  return Math.sqrt(err / n);
}

/** DOPRI5's order-4 continuous extension at t + θh of the accepted step y_old → y_new, into out[base…). */
function dopri5Dense(w: Dopri5Work, th: number, h: number, ycur: Float64Array, ynew: Float64Array, out: Float64Array, base: number): void {
  const { n, k3, k4, k5, k6 } = w;
  const a = w.k1cur;
  const k7c = w.k7cur;
  const th1 = 1 - th;
  for (let i = 0; i < n; i++) {
    const y0i = ycur[i] as number;
    const ydiff = (ynew[i] as number) - y0i;
    const bspl = h * (a[i] as number) - ydiff;
    const r4 = ydiff - h * (k7c[i] as number) - bspl;
    const r5 =
      h * (D1 * (a[i] as number) + D3 * (k3[i] as number) + D4 * (k4[i] as number) + D5 * (k5[i] as number) + D6 * (k6[i] as number) + D7 * (k7c[i] as number));
    out[base + i] = y0i + th * (ydiff + th1 * (bspl + th * (r4 + th1 * r5)));
  }
}

/** DOPRI5's stepper over workspaces for dimension n (allocated once per call). */
function dopri5Workspace(n: number, rhs: OdeRhs, rtol: number, atol: number): EmbeddedRkStepper {
  const w: Dopri5Work = {
    n,
    rhs,
    rtol,
    atol,
    k1cur: new Float64Array(n),
    k2: new Float64Array(n),
    k3: new Float64Array(n),
    k4: new Float64Array(n),
    k5: new Float64Array(n),
    k6: new Float64Array(n),
    k7cur: new Float64Array(n),
    yt: new Float64Array(n),
  };
  return {
    firstStage: w.k1cur,
    scratch: [w.yt, w.k2],
    attempt: (t, h, y, yNew) => dopri5Attempt(w, t, h, y, yNew),
    prepareDense: () => {
      // The order-4 interpolant reads the stages directly: nothing to prepare.
    },
    dense: (theta, h, y, yNew, out, offset) => dopri5Dense(w, theta, h, y, yNew, out, offset),
    advance: () => {
      const tmpk = w.k1cur;
      w.k1cur = w.k7cur;
      w.k7cur = tmpk;
    },
  };
}

/** DOPRI5 as HNW's dopri5.f: error of order 4 (expo 1/5 − 0.75β), facMin 0.2, facMax 10, β 0.04. @internal */
export const DOPRI5: EmbeddedRkMethod = {
  order: 5,
  errorExponent: 0.2,
  betaWeight: 0.75,
  defaults: { facMin: 0.2, facMax: 10, beta: 0.04 },
  workspace: dopri5Workspace,
};
