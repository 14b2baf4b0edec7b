/**
 * The shared foundations in the spectral module: seeds (a number or a string, through rngFor),
 * deprecated option aliases, onProgress/signal with partial results, stopReason/converged, the
 * tridiagonal QL's reported non-convergence, and operators whose apply returns a new array.
 */
import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { denseOperator } from '../../src/spectral/dense-operator';
import { operatorFromFunction } from '../../src/spectral/function-operator';
import { hessianOperator } from '../../src/spectral/hessian-operator';
import { hessianSummary } from '../../src/spectral/hessian-summary';
import { hutchPlusPlus } from '../../src/spectral/hutch-plus-plus';
import { hutchinsonTrace, rademacherProbe } from '../../src/spectral/hutchinson-trace';
import { lanczosTridiagonal } from '../../src/spectral/lanczos-tridiagonal';
import { powerIteration } from '../../src/spectral/power-iteration';
import { sharpnessAlong } from '../../src/spectral/sharpness-along';
import { spectralDensity } from '../../src/spectral/spectral-density';
import { tridiagonalEigen } from '../../src/spectral/tridiagonal-eigen';
import { finiteDifferenceHvp } from '../../src/objectives/finite-difference-hvp';
import { quadratic } from '../../src/objectives/quadratic';
import { NonFiniteError } from '../../src/core/errors';
import type { Objective, SymmetricOperator } from '../../src/core/types';
import { createRng, rngFor } from '../../src/random/rng';
import { fromEigen, randomOrthogonal } from './helpers';

const n = 24;
const lambda = Float64Array.from({ length: n }, (_, i) => (i < 3 ? ([6, 4, -3][i] as number) : 0.1 * (i % 7)));
const A = fromEigen(lambda, randomOrthogonal(n, 71));
const op = denseOperator(A);
/** The same operator, but its apply returns a fresh array and leaves `out` alone. */
const returning: SymmetricOperator = { dim: n, apply: (x) => op.apply(x, new Float64Array(n)) };
const f = quadratic({ hessian: A });
const x0 = createRng(72).fillNormal(new Float64Array(n));
const noHvp: Objective = { dim: n, value: (z) => f.value(z), gradient: (z, out) => f.gradient(z, out) };

/** An AbortController whose signal fires when `after(info)` says so, from inside onProgress. */
function abortWhen<P>(after: (info: P) => boolean): { signal: AbortSignal; onProgress: (info: P) => void; calls: P[] } {
  const c = new AbortController();
  const calls: P[] = [];
  const options = {
    signal: c.signal,
    onProgress: (info: P) => {
      calls.push(info);
      if (after(info)) c.abort();
    },
  };
  // Not enumerable: spreading these into an entry point's options passes only signal and onProgress (unknown keys are refused).
  return Object.defineProperty(options, 'calls', { value: calls, enumerable: false }) as typeof options & { calls: P[] };
}

describe('seeds: a string equals its number form, through rngFor', () => {
  it('hutchinsonTrace, hutchPlusPlus, powerIteration, spectralDensity', () => {
    expect(hutchinsonTrace(op, { probes: 5, seed: '7' })).toEqual(hutchinsonTrace(op, { probes: 5, seed: 7 }));
    expect(hutchPlusPlus(op, { maxMatvecs: 12, seed: '7' })).toEqual(hutchPlusPlus(op, { maxMatvecs: 12, seed: 7 }));
    expect(powerIteration(op, { k: 2, seed: '7' })).toEqual(powerIteration(op, { k: 2, seed: 7 }));
    const a = spectralDensity(op, { probes: 3, lanczosSteps: 5, seed: '7' });
    const b = spectralDensity(op, { probes: 3, lanczosSteps: 5, seed: 7 });
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    // Default seed 0.
    expect(hutchinsonTrace(op, { probes: 3 }).samples).toEqual(hutchinsonTrace(op, { probes: 3, seed: 0 }).samples);
  });

  it("hutchinsonTrace's probe i is rngFor('hutchinson', seed, i); a string seed that is no number works", () => {
    const z = rademacherProbe('abc', 3, new Float64Array(n));
    expect(Array.from(z)).toEqual(Array.from(rngFor('hutchinson', 'abc', 3).fillRademacher(new Float64Array(n))));
    const r = hutchinsonTrace(op, { probes: 4, seed: 'abc' });
    const az = op.apply(z, new Float64Array(n));
    let zaz = 0;
    for (let i = 0; i < n; i++) zaz += (z[i] as number) * (az[i] as number);
    // Only the summation order of the dot product may differ: ≤ 2n·ε·Σ|zᵢ(Az)ᵢ|.
    const abs = az.reduce((s, v) => s + Math.abs(v), 0);
    expect(Math.abs((r.samples[3] as number) - zaz)).toBeLessThanOrEqual(2 * n * Number.EPSILON * abs);
  });

  it('operatorFromFunction (symmetry probe), hessianSummary, sharpnessAlong', () => {
    const seen = (seed: number | string): number[] => {
      const xs: number[] = [];
      operatorFromFunction(
        n,
        (x, out) => {
          xs.push(x[0] as number);
          return op.apply(x, out);
        },
        { checkSymmetry: true, seed },
      );
      return xs;
    };
    expect(seen('3')).toEqual(seen(3));
    expect(seen(3)).not.toEqual(seen(4));
    const s1 = hessianSummary(f, x0, { maxMatvecs: 300, k: 2, seed: '5' });
    const s2 = hessianSummary(f, x0, { maxMatvecs: 300, k: 2, seed: 5 });
    expect(s1.trace).toEqual(s2.trace);
    expect(Array.from(s1.top.values)).toEqual(Array.from(s2.top.values));
    const pts = ndarray(Float64Array.from([...x0, ...x0.map((v) => v / 2)]), [2, n]);
    const t1 = sharpnessAlong(pts, f, { traceProbes: 3, seed: '5' });
    const t2 = sharpnessAlong(pts, f, { traceProbes: 3, seed: 5 });
    expect(Array.from(t1.trace!)).toEqual(Array.from(t2.trace!));
    expect(Array.from(t1.lambdaMax)).toEqual(Array.from(t2.lambdaMax));
  });
});

describe('deprecated option aliases: the old name gives the same result, both different throw', () => {
  it('hessianOperator and finiteDifferenceHvp: step → fdStep', () => {
    const v = createRng(73).fillNormal(new Float64Array(n));
    const a = hessianOperator(noHvp, x0, { method: 'finite-difference', fdStep: 1e-4 });
    const b = hessianOperator(noHvp, x0, { method: 'finite-difference', step: 1e-4 });
    expect(b.fdStep).toBe(1e-4);
    expect(b.step).toBe(b.fdDisplacement);
    expect(Array.from(b.apply(v, new Float64Array(n)))).toEqual(Array.from(a.apply(v, new Float64Array(n))));
    expect(hessianOperator(noHvp, x0, { method: 'finite-difference', fdStep: 1e-4, step: 1e-4 }).fdStep).toBe(1e-4);
    expect(() => hessianOperator(noHvp, x0, { method: 'finite-difference', fdStep: 1e-4, step: 1e-3 })).toThrow(
      /options.fdStep: expected one of options.fdStep and its deprecated alias options.step, received both/,
    );
    expect(() => hessianOperator(noHvp, x0, { method: 'finite-difference', step: 0 })).toThrow(/options.step: expected a positive number, received 0/);
    const g = finiteDifferenceHvp(noHvp, { step: 1e-4 });
    expect(g.fdStep).toBe(1e-4);
    expect(Array.from(g.hvp(x0, v))).toEqual(Array.from(finiteDifferenceHvp(noHvp, { fdStep: 1e-4 }).hvp(x0, v)));
    expect(() => finiteDifferenceHvp(noHvp, { fdStep: 1e-4, step: 1e-3 })).toThrow(/options.fdStep: expected one of/);
  });

  it('hessianOperator (finite-difference) is finiteDifferenceHvp at the same step: the same bits', () => {
    const v = createRng(74).fillNormal(new Float64Array(n), 0, 3);
    const H = hessianOperator(noHvp, x0, { method: 'finite-difference' });
    const g = finiteDifferenceHvp(noHvp);
    expect(H.fdStep).toBe(g.fdStep);
    expect(Array.from(H.apply(v, new Float64Array(n)))).toEqual(Array.from(g.hvp(x0, v)));
  });

  it('hutchPlusPlus: matvecs → maxMatvecs', () => {
    expect(hutchPlusPlus(op, { matvecs: 12, seed: 1 })).toEqual(hutchPlusPlus(op, { maxMatvecs: 12, seed: 1 }));
    expect(() => hutchPlusPlus(op, { matvecs: 12, maxMatvecs: 15 })).toThrow(
      /options.maxMatvecs: expected one of options.maxMatvecs and its deprecated alias options.matvecs/,
    );
    expect(() => hutchPlusPlus(op, { matvecs: 2 })).toThrow(/options.matvecs: expected an integer ≥ 3, received 2/);
  });

  it('spectralDensity: steps → lanczosSteps; its result keeps steps', () => {
    const a = spectralDensity(op, { probes: 2, lanczosSteps: 4, seed: 1 });
    const b = spectralDensity(op, { probes: 2, steps: 4, seed: 1 });
    expect(Array.from(b.nodes)).toEqual(Array.from(a.nodes));
    expect(b.steps).toBe(b.lanczosSteps);
    expect(() => spectralDensity(op, { probes: 2, steps: 4, lanczosSteps: 5 })).toThrow(
      /options.lanczosSteps: expected one of options.lanczosSteps and its deprecated alias options.steps/,
    );
    expect(() => spectralDensity(op, { probes: 2 })).toThrow(/options.lanczosSteps: expected an integer, received undefined/);
  });

  it('hessianSummary: budget → maxMatvecs, steps → lanczosSteps, step → fdStep', () => {
    const base = { k: 2, seed: 3 };
    const ref = hessianSummary(f, x0, { ...base, maxMatvecs: 300, lanczosSteps: 8 });
    const old = hessianSummary(f, x0, { ...base, budget: 300, steps: 8 });
    expect(old.trace).toEqual(ref.trace);
    expect(Array.from(old.density.nodes)).toEqual(Array.from(ref.density.nodes));
    expect(old.matvecs).toEqual(ref.matvecs);
    expect(() => hessianSummary(f, x0, { budget: 300, maxMatvecs: 400 })).toThrow(
      /options.maxMatvecs: expected one of options.maxMatvecs and its deprecated alias options.budget/,
    );
    expect(() => hessianSummary(f, x0, { maxMatvecs: 300, steps: 8, lanczosSteps: 9 })).toThrow(/options.lanczosSteps: expected one of/);
    const fd = { ...base, maxMatvecs: 300, method: 'finite-difference' as const };
    const a = hessianSummary(noHvp, x0, { ...fd, fdStep: 1e-4 });
    const b = hessianSummary(noHvp, x0, { ...fd, step: 1e-4 });
    expect(b.trace).toEqual(a.trace);
    expect(() => hessianSummary(noHvp, x0, { ...fd, step: 1e-4, fdStep: 1e-3 })).toThrow(/options.fdStep: expected one of/);
  });

  it('sharpnessAlong: step → fdStep', () => {
    const pts = ndarray(Float64Array.from(x0), [1, n]);
    const a = sharpnessAlong(pts, noHvp, { method: 'finite-difference', fdStep: 1e-4, seed: 1 });
    const b = sharpnessAlong(pts, noHvp, { method: 'finite-difference', step: 1e-4, seed: 1 });
    expect(Array.from(b.lambdaMax)).toEqual(Array.from(a.lambdaMax));
    expect(() => sharpnessAlong(pts, noHvp, { method: 'finite-difference', step: 1e-4, fdStep: 1e-3 })).toThrow(/options.fdStep: expected one of/);
  });
});

describe('long work: aborting from onProgress returns what was done', () => {
  it('hutchinsonTrace: the estimate of the probes done, null standard error below 2', () => {
    const full = hutchinsonTrace(op, { probes: 20, seed: 2 });
    expect(full.stopReason).toBe('steps');
    const p = abortWhen<{ probes: number }>((i) => i.probes === 6);
    const r = hutchinsonTrace(op, { probes: 20, seed: 2, ...p });
    expect(r.stopReason).toBe('aborted');
    expect(r.probes).toBe(6);
    expect(r.matvecs).toBe(6);
    expect(Array.from(r.samples)).toEqual(Array.from(full.samples.subarray(0, 6)));
    // Welford over the same six samples, in the same order.
    expect(r.estimate).toBe(hutchinsonTrace(op, { probes: 6, seed: 2 }).estimate);
    expect(r.standardError).toBe(hutchinsonTrace(op, { probes: 6, seed: 2 }).standardError);
    const c = new AbortController();
    c.abort();
    const one = hutchinsonTrace(op, { probes: 20, seed: 2, signal: c.signal });
    expect(one.probes).toBe(1);
    expect(one.estimate).toBe(full.samples[0]);
    expect(one.standardError).toBeNull();
    expect(() => hutchinsonTrace(op, { probes: 2, signal: {} as never })).toThrow(/options.signal: expected an AbortSignal/);
    expect(() => hutchinsonTrace(op, { probes: 2, onProgress: 1 as never })).toThrow(/options.onProgress: expected a function, received 1/);
  });

  it('hutchinsonTrace reports at most ~100 times', () => {
    let calls = 0;
    hutchinsonTrace(op, { probes: 1000, onProgress: () => calls++ });
    expect(calls).toBe(100);
  });

  it('hutchPlusPlus: Hutchinson on the sketch before the deflated probes, tr(QᵀAQ) + the probes done after', () => {
    const m = 30; // s = 10
    const early = hutchPlusPlus(op, { maxMatvecs: m, seed: 4, ...abortWhen<{ matvecs: number }>((i) => i.matvecs >= 4) });
    expect(early.stopReason).toBe('aborted');
    expect(early.rank).toBe(0);
    expect(early.matvecs).toBe(4);
    // The sketch columns are Rademacher: their samples are a Hutchinson estimate (its stream differs from hutchinsonTrace's).
    const z = new Float64Array(n);
    let mean = 0;
    for (let j = 0; j < 4; j++) {
      rngFor('hutch++-sketch', 4, j).fillRademacher(z);
      const az = op.apply(z, new Float64Array(n));
      let q = 0;
      for (let i = 0; i < n; i++) q += (z[i] as number) * (az[i] as number);
      mean += q / 4;
    }
    expect(Math.abs(early.estimate - mean)).toBeLessThanOrEqual(1e-12 * Math.abs(mean) + 1e-12);
    const full = hutchPlusPlus(op, { maxMatvecs: m, seed: 4 });
    const late = hutchPlusPlus(op, {
      maxMatvecs: m,
      seed: 4,
      ...abortWhen<{ phase: string; matvecs: number }>((i) => i.phase === 'probes' && i.matvecs >= full.sketchSize + full.rank + 3),
    });
    expect(late.stopReason).toBe('aborted');
    expect(late.rank).toBe(full.rank);
    expect(late.probes).toBe(3);
    expect(late.lowRankTrace).toBe(full.lowRankTrace);
    expect(late.matvecs).toBe(full.sketchSize + full.rank + 3);
    expect(full.stopReason).toBe('steps');
  });

  it('powerIteration: the pairs begun, not converged', () => {
    const full = powerIteration(op, { k: 3, seed: 1, tol: 1e-10, maxIterations: 2000 });
    expect(full.stopReason).toBe('converged');
    expect(full.convergedEach).toEqual([true, true, true]);
    const p = abortWhen<{ pair: number; iterations: number }>((i) => i.pair === 1);
    const r = powerIteration(op, { k: 3, seed: 1, tol: 1e-10, maxIterations: 2000, ...p });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.values.length).toBe(2);
    expect(r.convergedEach).toEqual([true, false]);
    expect(r.values[0]).toBe(full.values[0]);
    const few = powerIteration(op, { k: 1, maxIterations: 2, tol: 1e-14 });
    expect(few.stopReason).toBe('budget');
    expect(few.converged).toBe(false);
  });

  it('spectralDensity: the density of the probes done, weights summing to 1', () => {
    const full = spectralDensity(op, { probes: 6, lanczosSteps: 5, seed: 3 });
    const r = spectralDensity(op, { probes: 6, lanczosSteps: 5, seed: 3, ...abortWhen<{ probes: number }>((i) => i.probes === 2) });
    expect(r.stopReason).toBe('aborted');
    expect(r.probes).toBe(2);
    expect(r.matvecs).toBe(10);
    expect(Array.from(r.nodes)).toEqual(Array.from(full.nodes.subarray(0, 10)));
    // Weights τ²/2 instead of τ²/6: the same τ² (to the rounding of one division).
    for (let i = 0; i < 10; i++)
      expect(Math.abs((r.weights[i] as number) - 3 * (full.weights[i] as number))).toBeLessThanOrEqual(4 * Number.EPSILON * (r.weights[i] as number));
    expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-13);
    expect(full.stopReason).toBe('steps');
    expect(spectralDensity(op, { probes: 1, lanczosSteps: 3 }).moment(1).standardError).toBeNull();
  });

  it('hessianSummary: aborted in the eigen phase, the other parts get one probe each', () => {
    const phases: string[] = [];
    const c = new AbortController();
    const s = hessianSummary(f, x0, {
      maxMatvecs: 400,
      k: 2,
      seed: 1,
      signal: c.signal,
      onProgress: (i) => {
        phases.push(i.phase);
        if (i.phase === 'eigen') c.abort();
      },
    });
    expect(phases[0]).toBe('eigen');
    expect(s.stopReason).toBe('aborted');
    expect(s.converged).toBe(false);
    expect(s.trace.probes).toBe(1);
    expect(s.trace.standardError).toBeNull();
    expect(s.density.probes).toBe(1);
    expect(s.matvecs.total).toBe(s.matvecs.eigen + s.matvecs.trace + s.matvecs.density);
    const ok = hessianSummary(f, x0, { maxMatvecs: 400, k: 2, seed: 1, onProgress: (i) => phases.push(i.phase) });
    expect(ok.stopReason).toBe('converged');
    expect(phases).toContain('trace');
    expect(phases).toContain('density');
  });

  it('sharpnessAlong: the snapshots done', () => {
    const pts = ndarray(Float64Array.from([...x0, ...x0.map((v) => v / 2), ...x0.map((v) => v / 4)]), [3, n]);
    const traj = { points: pts, times: Float64Array.of(0, 1, 2), losses: null, final: x0, steps: null, stopReason: 'steps' as const };
    const r = sharpnessAlong(traj, f, { lr: 0.1, traceProbes: 2, ...abortWhen<{ snapshot: number }>((i) => i.snapshot === 2) });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.lambdaMax.length).toBe(2);
    expect(r.convergedEach.length).toBe(2);
    expect(Array.from(r.times!)).toEqual([0, 1]);
    expect(r.edgeOfStability!.length).toBe(2);
    expect(r.trace!.length).toBe(2);
    const full = sharpnessAlong(traj, f, { lr: 0.1, traceProbes: 2 });
    expect(full.stopReason).toBe('converged');
    expect(Array.from(r.lambdaMax)).toEqual(Array.from(full.lambdaMax.subarray(0, 2)));
  });
});

describe('tridiagonalEigen reports non-convergence instead of throwing', () => {
  const m = 20;
  const rng = createRng(75);
  const alpha = rng.fillNormal(new Float64Array(m));
  const beta = rng.fillNormal(new Float64Array(m - 1));

  it('converges by default; with maxIterations 1 says it did not, with the values it has', () => {
    const ok = tridiagonalEigen(alpha, beta, { vectors: true });
    expect(ok.converged).toBe(true);
    expect(ok.stopReason).toBe('converged');
    expect(ok.unconverged).toBe(0);
    const r = tridiagonalEigen(alpha, beta, { vectors: true, maxIterations: 1 });
    expect(r.converged).toBe(false);
    expect(r.stopReason).toBe('budget');
    expect(r.unconverged).toBeGreaterThan(0);
    expect(r.values.length).toBe(m);
    expect(r.values.every(Number.isFinite)).toBe(true);
    expect(r.vectors!.length).toBe(m);
    // The trace is invariant under the rotations: Σ values = Σ alpha to rounding, converged or not
    // (the dropped couplings do not enter the diagonal's sum).
    const sa = alpha.reduce((s, a) => s + a, 0);
    const sv = r.values.reduce((s, a) => s + a, 0);
    expect(Math.abs(sv - sa)).toBeLessThan(1e-10 * m);
    expect(tridiagonalEigen(alpha, beta).vectors).toBeNull();
  });

  it('rejects NaN and ±Infinity at the boundary with NonFiniteError', () => {
    const bad = Float64Array.from(alpha);
    bad[3] = Number.NaN;
    expect(() => tridiagonalEigen(bad, beta)).toThrow(NonFiniteError);
    expect(() => tridiagonalEigen(bad, beta)).toThrow(/alpha: expected finite values, received NaN at index 3/);
    const inf = Float64Array.from(beta);
    inf[0] = Number.POSITIVE_INFINITY;
    expect(() => tridiagonalEigen(alpha, inf)).toThrow(/beta: expected finite values, received Infinity at index 0/);
    expect(() => tridiagonalEigen(alpha, beta, { maxIterations: 0 })).toThrow(/options.maxIterations: expected an integer ≥ 1, received 0/);
  });
});

describe('operators whose apply returns a new array', () => {
  it('give the same results as those that write into out', () => {
    expect(hutchinsonTrace(returning, { probes: 5, seed: 1 })).toEqual(hutchinsonTrace(op, { probes: 5, seed: 1 }));
    expect(hutchPlusPlus(returning, { maxMatvecs: 12, seed: 1 })).toEqual(hutchPlusPlus(op, { maxMatvecs: 12, seed: 1 }));
    const pa = powerIteration(returning, { k: 2, seed: 1 });
    const pb = powerIteration(op, { k: 2, seed: 1 });
    expect(Array.from(pa.values)).toEqual(Array.from(pb.values));
    expect(pa.iterations).toEqual(pb.iterations);
    const da = spectralDensity(returning, { probes: 2, lanczosSteps: 5, seed: 1 });
    const db = spectralDensity(op, { probes: 2, lanczosSteps: 5, seed: 1 });
    expect(Array.from(da.nodes)).toEqual(Array.from(db.nodes));
    const v0 = createRng(76).fillNormal(new Float64Array(n));
    const ta = lanczosTridiagonal(returning, v0, 6);
    const tb = lanczosTridiagonal(op, v0, 6);
    expect(Array.from(ta.alpha)).toEqual(Array.from(tb.alpha));
    expect(tb.basis).toBeNull();
    expect(tb.lanczosSteps).toBe(6);
    const fn = operatorFromFunction(n, (x) => op.apply(x, new Float64Array(n)));
    const out = new Float64Array(n);
    expect(fn.apply(v0, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(op.apply(v0, new Float64Array(n))));
    const hv: Objective = { ...f, hvp: (x, v) => f.hvp(x, v) };
    const H = hessianOperator(hv, x0);
    const o2 = new Float64Array(n);
    expect(H.apply(v0, o2)).toBe(o2);
    expect(Array.from(o2)).toEqual(Array.from(f.hvp(x0, v0)));
  });
});
