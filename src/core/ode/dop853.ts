/**
 * Dormand & Prince's 8th-order pair DOP853 with order-7 dense output: the high-accuracy sibling of
 * {@link dormandPrince}, same options and result ({@link OdeOptions}, {@link OdeResult}); with its
 * event-loop-friendly driver {@link dop853Async}.
 *
 * @module
 */
import { A_ROWS, C, D, E3, E5 } from './dop853-coefficients';
import { integrateEmbeddedRk, integrateEmbeddedRkAsync, type EmbeddedRkMethod, type EmbeddedRkStepper } from './embedded-runge-kutta';
import type { OdeOptions, OdeResult, OdeRhs } from './ode-types';

/** A sparse weight vector as parallel typed arrays: stage indices and weights. */
interface Sparse {
  idx: Int32Array;
  w: Float64Array;
}
function sparse(pairs: readonly (readonly [number, number])[]): Sparse {
  return { idx: Int32Array.from(pairs, (p) => p[0]), w: Float64Array.from(pairs, (p) => p[1]) };
}
function nonZero(w: readonly number[]): Sparse {
  const pairs: [number, number][] = [];
  w.forEach((v, j) => {
    if (v !== 0) pairs.push([j, v]);
  });
  return sparse(pairs);
}
const ROWS = A_ROWS.map(sparse);
const E5NZ = nonZero(E5);
const E3NZ = nonZero(E3);
const DNZ = D.map(nonZero);

/**
 * Integrates y' = f(t, y), y(t0) = y0 over [t0, t1] (t1 > t0) with DOP853 (Hairer, Nørsett &
 * Wanner, II.10): an explicit Runge–Kutta method of order 8 (12 stages, the 13th evaluation
 * f(t + h, y_new) reused as the next step's first), with HNW's combined 5th/3rd-order error
 * estimate
 *
 *     ‖err‖ = |h| · E5² / √(n (E5² + 0.01 E3²)),  E_p² = Σᵢ (Σⱼ e_pⱼ kⱼᵢ / scᵢ)²,
 *     scᵢ = atol + rtol·max(|y_old,ᵢ|, |y_new,ᵢ|),
 *
 * step-size control h·min(facMax, max(facMin, safety·‖err‖^{−1/8})) (defaults safety 0.9,
 * facMin 0.333, facMax 6, β = 0, as dop853.f), HNW's initial step for order 8, and output at
 * `times` from the order-7 continuous extension (3 extra evaluations in each step that holds an
 * output time).
 *
 * Pays over {@link dormandPrince} at tight tolerances (rtol ≲ 1e-8): fewer evaluations for the same
 * error (see the optim benchmark). Result and failure reporting as {@link dormandPrince}.
 *
 * @example
 * const r = dop853((t, y, out) => { out[0] = -y[0]!; }, [1], 0, 1, { rtol: 1e-12, times: [1] });
 * r.y.get(0, 0); // e^{−1} to ~1e-12
 */
export function dop853(f: OdeRhs, y0: Float64Array | readonly number[], t0: number, t1: number, options?: OdeOptions): OdeResult {
  return integrateEmbeddedRk(DOP853, f, y0, t0, t1, options);
}

/**
 * {@link dop853} driven as {@link dormandPrinceAsync} drives DOPRI5: the same integration and the
 * same bits, yielding to the event loop every ~10 ms of work so that an `AbortSignal` fired from a
 * timer or another task stops it (`stopReason: 'aborted'`, with the outputs reached).
 *
 * @example
 * const r = await dop853Async((t, y, out) => { out[0] = -y[0]!; }, [1], 0, 1, { rtol: 1e-12 });
 * r.final[0]; // e^{−1} to ~1e-12
 */
export function dop853Async(f: OdeRhs, y0: Float64Array | readonly number[], t0: number, t1: number, options?: OdeOptions): Promise<OdeResult> {
  return integrateEmbeddedRkAsync(DOP853, f, y0, t0, t1, options);
}

/** DOP853's stages, error norm and order-7 dense output over workspaces for dimension n. */
function dop853Workspace(n: number, rhs: OdeRhs, rtol: number, atol: number): EmbeddedRkStepper {
  const K: Float64Array[] = Array.from({ length: 16 }, () => new Float64Array(n));
  const F: Float64Array[] = Array.from({ length: 7 }, () => new Float64Array(n));
  const yt = new Float64Array(n);
  const e5v = new Float64Array(n);
  const e3v = new Float64Array(n);

  // yt ← base + h Σ_j a_sj K_j over the non-zero entries of row s.
  const combine = (s: number, base: Float64Array, target: Float64Array, hh: number): void => {
    const row = ROWS[s] as Sparse;
    target.set(base);
    for (let m = 0; m < row.idx.length; m++) {
      const kj = K[row.idx[m] as number] as Float64Array;
      const ha = hh * (row.w[m] as number);
      for (let i = 0; i < n; i++) target[i] = (target[i] as number) + ha * (kj[i] as number);
    }
  };
  // target ← Σ_j w_j K_j over the given non-zero weights.
  const weighted = (sp: Sparse, target: Float64Array): void => {
    target.fill(0);
    for (let m = 0; m < sp.idx.length; m++) {
      const kj = K[sp.idx[m] as number] as Float64Array;
      const c = sp.w[m] as number;
      for (let i = 0; i < n; i++) target[i] = (target[i] as number) + c * (kj[i] as number);
    }
  };

  return {
    firstStage: K[0] as Float64Array,
    scratch: [yt, K[1] as Float64Array],
    attempt(t: number, h: number, ycur: Float64Array, ynew: Float64Array): number {
      for (let s = 1; s < 12; s++) {
        combine(s, ycur, yt, h);
        rhs(t + (C[s] as number) * h, yt, K[s] as Float64Array);
      }
      combine(12, ycur, ynew, h); // row 12 of A is the 8th-order weights b
      rhs(t + h, ynew, K[12] as Float64Array);
      // The two embedded error vectors, accumulated stage by stage (contiguous inner loops).
      weighted(E5NZ, e5v);
      weighted(E3NZ, e3v);
      let err5 = 0;
      let err3 = 0;
      for (let i = 0; i < n; i++) {
        const sk = atol + rtol * Math.max(Math.abs(ycur[i] as number), Math.abs(ynew[i] as number));
        const a5 = (e5v[i] as number) / sk;
        const a3 = (e3v[i] as number) / sk;
        err5 += a5 * a5;
        err3 += a3 * a3;
      }
      let deno = err5 + 0.01 * err3;
      if (deno <= 0) deno = 1;
      return Math.abs(h) * err5 * Math.sqrt(1 / (n * deno));
    },
    prepareDense(t: number, h: number, ycur: Float64Array, ynew: Float64Array): void {
      for (let s = 13; s < 16; s++) {
        combine(s, ycur, yt, h);
        rhs(t + (C[s] as number) * h, yt, K[s] as Float64Array);
      }
      const k0 = K[0] as Float64Array;
      const k12 = K[12] as Float64Array;
      const F0 = F[0] as Float64Array;
      const F1 = F[1] as Float64Array;
      const F2 = F[2] as Float64Array;
      for (let i = 0; i < n; i++) {
        const dy = (ynew[i] as number) - (ycur[i] as number);
        F0[i] = dy;
        F1[i] = h * (k0[i] as number) - dy;
        F2[i] = 2 * dy - h * ((k12[i] as number) + (k0[i] as number));
      }
      for (let r = 0; r < 4; r++) {
        const Fr = F[r + 3] as Float64Array;
        weighted(DNZ[r] as Sparse, Fr);
        for (let i = 0; i < n; i++) Fr[i] = h * (Fr[i] as number);
      }
    },
    dense(x: number, _h: number, ycur: Float64Array, _ynew: Float64Array, out: Float64Array, base: number): void {
      const x1 = 1 - x;
      for (let i = 0; i < n; i++) {
        // y_old + x(F0 + (1−x)(F1 + x(F2 + (1−x)(F3 + x(F4 + (1−x)(F5 + x F6))))))
        let v = x * ((F[6] as Float64Array)[i] as number);
        v = x1 * (v + ((F[5] as Float64Array)[i] as number));
        v = x * (v + ((F[4] as Float64Array)[i] as number));
        v = x1 * (v + ((F[3] as Float64Array)[i] as number));
        v = x * (v + ((F[2] as Float64Array)[i] as number));
        v = x1 * (v + ((F[1] as Float64Array)[i] as number));
        v = x * (v + ((F[0] as Float64Array)[i] as number));
        out[base + i] = (ycur[i] as number) + v;
      }
    },
    advance(): void {
      // FSAL: K12 = f(t + h, y_new) is the next step's K0.
      const k0 = K[0] as Float64Array;
      K[0] = K[12] as Float64Array;
      K[12] = k0;
    },
  };
}

/** DOP853 as HNW's dop853.f: error of order 7 (expo 1/8 − 0.2β), facMin 0.333, facMax 6, β 0. @internal */
export const DOP853: EmbeddedRkMethod = {
  order: 8,
  errorExponent: 1 / 8,
  betaWeight: 0.2,
  defaults: { facMin: 0.333, facMax: 6, beta: 0 },
  workspace: dop853Workspace,
};
