/**
 * Dormand & Prince's 8th-order pair DOP853 with order-7 dense output: the high-accuracy sibling of
 * {@link dormandPrince}, same options and result.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkFiniteNumber, checkFunction, checkInRange, checkNonNegative, checkOptions, checkPositive, checkPositiveInteger, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import { checkOutputTimes, initialStep, type DormandPrinceOptions, type DormandPrinceResult, type OdeRhs, type OdeStatus } from './dormand-prince';
import { A_ROWS, C, D, E3, E5 } from './dop853-coefficients';

const UROUND = 2.220446049250313e-16;

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
export function dop853(
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
  const facMin = checkInRange('options.facMin', opts.facMin ?? 0.333, 0, 1, { openMin: true, openMax: true });
  const facMax = checkInRange('options.facMax', opts.facMax ?? 6, 1, Infinity, { openMin: true });
  const beta = checkInRange('options.beta', opts.beta ?? 0, 0, 0.2);
  const times = checkOutputTimes(opts.times, t0, t1);
  const n = y.length;
  const nt = times.length;

  const K: Float64Array[] = Array.from({ length: 16 }, () => new Float64Array(n));
  const F: Float64Array[] = Array.from({ length: 7 }, () => new Float64Array(n));
  const yt = new Float64Array(n);
  let ycur = y;
  let ynew = new Float64Array(n);
  const out = new Float64Array(nt * n);
  let nOut = 0;
  while (nOut < nt && (times[nOut] as number) === t0) out.set(ycur, n * nOut++);

  let evaluations = 0;
  const rhs = (t: number, yy: Float64Array, o: Float64Array): void => {
    evaluations++;
    f(t, yy, o);
  };
  rhs(t0, ycur, K[0] as Float64Array);
  let h: number;
  if (opts.h0 !== undefined) h = Math.min(checkPositive('options.h0', opts.h0), hmax);
  else h = initialStep(rhs, t0, ycur, K[0] as Float64Array, hmax, rtol, atol, yt, K[1] as Float64Array, 8);
  if (!(h > 0) || !Number.isFinite(h)) h = Math.min(1e-6, hmax);

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

  const e5v = new Float64Array(n);
  const e3v = new Float64Array(n);
  // target ← Σ_j w_j K_j over the given non-zero weights.
  const weighted = (sp: Sparse, target: Float64Array): void => {
    target.fill(0);
    for (let m = 0; m < sp.idx.length; m++) {
      const kj = K[sp.idx[m] as number] as Float64Array;
      const c = sp.w[m] as number;
      for (let i = 0; i < n; i++) target[i] = (target[i] as number) + c * (kj[i] as number);
    }
  };

  const expo1 = 1 / 8 - beta * 0.2;
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
    for (let s = 1; s < 12; s++) {
      combine(s, ycur, yt, h);
      rhs(t + (C[s] as number) * h, yt, K[s] as Float64Array);
    }
    combine(12, ycur, ynew, h); // row 12 of A is the 8th-order weights b
    const tph = t + h;
    rhs(tph, ynew, K[12] as Float64Array);
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
    const err = Math.abs(h) * err5 * Math.sqrt(1 / (n * deno));

    if (!Number.isFinite(err)) {
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
      if (nOut < nt && (times[nOut] as number) <= tEndStep) {
        let prepared = false;
        for (; nOut < nt && (times[nOut] as number) <= tEndStep; nOut++) {
          const base = n * nOut;
          const tq = times[nOut] as number;
          if (tq === tEndStep) {
            out.set(ynew, base);
            continue;
          }
          if (!prepared) {
            prepared = true;
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
          }
          const x = (tq - t) / h;
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
        }
      }
      // FSAL: K12 = f(t + h, y_new) is the next step's K0.
      const k0 = K[0] as Float64Array;
      K[0] = K[12] as Float64Array;
      K[12] = k0;
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
