import { describe, expect, it } from 'vitest';
import {
  dop853,
  dop853Async,
  dormandPrince,
  dormandPrinceAsync,
  type OdeOptions,
  type OdeProgress,
  type OdeResult,
  type OdeRhs,
} from '../../../src/core/index';
import * as optim from '../../../src/optim/index';
import type { DormandPrinceOptions, DormandPrinceResult } from '../../../src/optim/index';

/** A forced pendulum: non-linear, time-dependent, both components moving (many steps at rtol 1e-10). */
const pendulum: OdeRhs = (t, y, out) => {
  out[0] = y[1] as number;
  out[1] = -Math.sin(y[0] as number) + 0.1 * Math.cos(t);
};
const grid = (t1: number, m: number): number[] => Array.from({ length: m }, (_, i) => (i === m - 1 ? t1 : (t1 * i) / (m - 1)));
/** Two results agree bit for bit in everything they report. */
function expectSameRun(a: OdeResult, b: OdeResult): void {
  expect(Array.from(a.t)).toEqual(Array.from(b.t));
  expect(Array.from(a.y.data)).toEqual(Array.from(b.y.data));
  expect(a.y.shape).toEqual(b.y.shape);
  expect(Array.from(a.final)).toEqual(Array.from(b.final));
  expect([a.tEnd, a.evaluations, a.accepted, a.rejected, a.stopReason]).toEqual([b.tEnd, b.evaluations, b.accepted, b.rejected, b.stopReason]);
}

describe('dormandPrince', () => {
  it('dense output is exact (to rounding) for a quartic solution: y′ = 4t³, y = t⁴', () => {
    // The continuous extension has order 4, so it reproduces polynomials of degree ≤ 4 exactly and
    // the 5th-order step does too: any error is rounding (~10 ε at |y| ≤ 16).
    const ts = Array.from({ length: 41 }, (_, i) => (2 * i) / 40);
    const r = dormandPrince((t, _y, out) => void (out[0] = 4 * t ** 3), [0], 0, 2, { rtol: 1e-3, atol: 1e-3, times: ts });
    expect(r.success).toBe(true);
    expect(r.stopReason).toBe('time');
    expect(r.accepted).toBeLessThan(41); // so most outputs come from the interpolant
    ts.forEach((t, i) => expect(Math.abs(r.y.get(i, 0) - t ** 4)).toBeLessThan(1e-13));
  });

  it('dense output has order 4: halving the step cuts the interpolation error by ≈ 2⁵ (local)', () => {
    // y′ = y, one step of size h (huge tolerance so it is accepted, h0 = hmax = h): the
    // interpolant's error at mid-step is C h⁵ + O(h⁶) for an order-4 continuous extension.
    const err = (h: number): number => {
      const r = dormandPrince((_t, y, out) => void (out[0] = y[0] as number), [1], 0, h, { h0: h, hmax: h, rtol: 1, atol: 1, times: [h / 2] });
      return Math.abs(r.y.get(0, 0) - Math.exp(h / 2));
    };
    const ratio = err(0.2) / err(0.1);
    // One step: the interpolant's error is C h⁵ + O(h⁶): ratio 2⁵ = 32 within ±25%.
    expect(ratio).toBeGreaterThan(24);
    expect(ratio).toBeLessThan(40);
  });

  it('integrates a time-dependent linear ODE: y′ = −2t y, y = e^{−t²}', () => {
    const r = dormandPrince((t, y, out) => void (out[0] = -2 * t * (y[0] as number)), [1], 0, 3, { rtol: 1e-10, atol: 1e-14, times: [1, 2, 3] });
    // Global error a few times atol + rtol·|y|; 1e-9 absolute is > 10× that for |y| ≤ 1.
    [1, 2, 3].forEach((t, i) => expect(Math.abs(r.y.get(i, 0) - Math.exp(-t * t))).toBeLessThan(1e-9));
  });

  it('reports a blow-up instead of throwing: y′ = y², y(0) = 1 explodes at t = 1', () => {
    const r = dormandPrince((_t, y, out) => void (out[0] = (y[0] as number) ** 2), [1], 0, 2, { times: [0.5, 1.5] });
    expect(r.success).toBe(false);
    expect(['step-size-too-small', 'max-steps']).toContain(r.status);
    expect(['step-size-too-small', 'budget']).toContain(r.stopReason);
    // It stalls at the singularity (within the local error there, ~1e-5 in t) with a huge y.
    expect(Math.abs(r.tEnd - 1)).toBeLessThan(1e-5);
    expect(r.final[0]).toBeGreaterThan(1e8);
    expect(r.t.length).toBe(1); // only t = 0.5 reached
    expect(Math.abs(r.y.get(0, 0) - 2)).toBeLessThan(1e-5); // y = 1/(1 − t)
  });

  it('stops at maxSteps and says so', () => {
    const r = dormandPrince((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 100, { rtol: 1e-12, maxSteps: 5 });
    expect(r.stopReason).toBe('budget');
    expect(r.status).toBe('max-steps');
    expect(r.success).toBe(false);
    expect(r.accepted + r.rejected).toBe(5);
  });

  it('checks its arguments', () => {
    const f = (_t: number, y: Float64Array, out: Float64Array): void => out.set(y);
    expect(() => dormandPrince(f, [1], 1, 1)).toThrow(/t1: expected a number greater than t0 = 1, received 1/);
    expect(() => dormandPrince(f, [1], 0, 1, { rtol: 0, atol: 0 })).toThrow(/options.atol: expected atol > 0 or rtol > 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { facMax: 0.5 })).toThrow(/options.facMax: expected a number in \(1, Infinity\]/);
    expect(() => dormandPrince(1 as never, [1], 0, 1)).toThrow(/f: expected a function/);
    expect(() => dormandPrince(f, [1], 0, 1, { h0: 0 })).toThrow(/options.h0: expected a positive number, received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { hmax: -1 })).toThrow(/options.hmax: expected a positive number, received -1/);
    expect(() => dormandPrince(f, [1], 0, 1, { maxSteps: 0 })).toThrow(/options.maxSteps: expected an integer ≥ 1, received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { safety: 1 })).toThrow(/options.safety: expected a number in \(0, 1\), received 1/);
    expect(() => dormandPrince(f, [1], 0, 1, { facMin: 0 })).toThrow(/options.facMin: expected a number in \(0, 1\), received 0/);
    expect(() => dormandPrince(f, [1], 0, 1, { beta: 0.3 })).toThrow(/options.beta: expected a number in \[0, 0.2\], received 0.3/);
    expect(() => dormandPrince(f, [1], 0, 1, { onProgress: 1 as never })).toThrow(/options.onProgress: expected a function, received 1/);
    expect(() => dormandPrince(f, [1], 0, 1, { signal: {} as never })).toThrow(/options.signal: expected an AbortSignal/);
  });
});

describe('dormandPrince and dop853: stop reasons, progress and cancellation', () => {
  const integrators = [
    ['dormandPrince', dormandPrince, dormandPrinceAsync],
    ['dop853', dop853, dop853Async],
  ] as const;

  for (const [name, integrate, integrateAsync] of integrators) {
    it(`${name}: stopReason 'time' and the deprecated status/success aliases`, () => {
      const ok = integrate(pendulum, [1, 0], 0, 5, { rtol: 1e-8 });
      expect([ok.stopReason, ok.status, ok.success]).toEqual(['time', 'success', true]);
      expect(ok.tEnd).toBe(5);
      const short = integrate(pendulum, [1, 0], 0, 5, { rtol: 1e-8, maxSteps: 4 });
      expect([short.stopReason, short.status, short.success]).toEqual(['budget', 'max-steps', false]);
      expect(short.accepted + short.rejected).toBe(4);
      expect(short.tEnd).toBeLessThan(5);
      // y′ = y², y(0) = 1 blows up at t = 1: the step shrinks below the rounding of t.
      const blow = integrate((_t, y, out) => void (out[0] = (y[0] as number) ** 2), [1], 0, 2, { maxSteps: 1e6 });
      expect([blow.stopReason, blow.status, blow.success]).toEqual(['step-size-too-small', 'step-size-too-small', false]);
    });

    it(`${name}: onProgress reports each 1% of [t0, t1] once, at most 100 times, and changes nothing`, () => {
      const t0 = 1;
      const t1 = 21;
      const opts: OdeOptions = { rtol: 1e-9, times: grid(t1, 33).map((t) => t0 + (t * (t1 - t0)) / t1) };
      const plain = integrate(pendulum, [1, 0], t0, t1, opts);
      const seen: OdeProgress[] = [];
      const withProgress = integrate(pendulum, [1, 0], t0, t1, { ...opts, onProgress: (p) => void seen.push({ ...p }) });
      expectSameRun(withProgress, plain);
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.length).toBeLessThanOrEqual(100);
      for (let i = 1; i < seen.length; i++) {
        expect((seen[i] as OdeProgress).t).toBeGreaterThan((seen[i - 1] as OdeProgress).t);
        expect((seen[i] as OdeProgress).evaluations).toBeGreaterThan((seen[i - 1] as OdeProgress).evaluations);
      }
      expect(seen.every((p) => p.t1 === t1)).toBe(true);
      // The last report comes at t1, after the last step: all evaluations done.
      expect(seen.at(-1)).toEqual({ t: t1, t1, evaluations: plain.evaluations });
      // Steps far below 1% of the interval: every mark is crossed by its own step, so exactly 100 calls.
      let calls = 0;
      integrate(pendulum, [1, 0], t0, t1, {
        hmax: (t1 - t0) / 1000,
        onProgress: () => {
          calls++;
        },
      });
      expect(calls).toBe(100);
    });

    it(`${name}: an abort from inside onProgress stops at once and returns the outputs reached, bit for bit`, () => {
      const times = grid(20, 41);
      const full = integrate(pendulum, [1, 0], 0, 20, { rtol: 1e-10, times });
      const ac = new AbortController();
      let abortedAt: OdeProgress | null = null;
      const cut = integrate(pendulum, [1, 0], 0, 20, {
        rtol: 1e-10,
        times,
        signal: ac.signal,
        onProgress: (p) => {
          if (abortedAt === null && p.t >= 8) {
            abortedAt = { ...p };
            ac.abort();
          }
        },
      });
      expect([cut.stopReason, cut.status, cut.success]).toEqual(['aborted', 'aborted', false]);
      const at = abortedAt as unknown as OdeProgress;
      // Nothing was evaluated after the abort, and it ended where the callback saw it.
      expect(cut.tEnd).toBe(at.t);
      expect(cut.evaluations).toBe(at.evaluations);
      // The outputs reached are the times ≤ tEnd, exactly those of the unaborted run.
      const reached = times.filter((t) => t <= cut.tEnd).length;
      expect(reached).toBeGreaterThan(10);
      expect(reached).toBeLessThan(41);
      expect(Array.from(cut.t)).toEqual(times.slice(0, reached));
      expect(cut.y.shape).toEqual([reached, 2]);
      expect(Array.from(cut.y.data)).toEqual(Array.from(full.y.data.subarray(0, 2 * reached)));
      // The same run stopped by its budget at the same step: the same state, bit for bit.
      const budget = integrate(pendulum, [1, 0], 0, 20, { rtol: 1e-10, times, maxSteps: cut.accepted + cut.rejected });
      expect(Array.from(budget.final)).toEqual(Array.from(cut.final));
      expect(budget.tEnd).toBe(cut.tEnd);
    });

    it(`${name}: an already aborted signal returns the start at once`, () => {
      const ac = new AbortController();
      ac.abort();
      const r = integrate(pendulum, [1, 0], 0, 20, { signal: ac.signal, times: [0, 10, 20] });
      expect(r.stopReason).toBe('aborted');
      expect([r.tEnd, r.accepted, r.rejected]).toEqual([0, 0, 0]);
      expect(Array.from(r.t)).toEqual([0]);
      expect(Array.from(r.final)).toEqual([1, 0]);
    });

    it(`${name}Async gives the same bits as ${name}, and lets timers run while it works`, async () => {
      const opts: OdeOptions = { rtol: 1e-12, atol: 1e-14, times: grid(3000, 7), maxSteps: 1e7 };
      const sync = integrate(pendulum, [1, 0], 0, 3000, opts);
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
      }, 0);
      const started = Date.now();
      const viaAsync = await integrateAsync(pendulum, [1, 0], 0, 3000, opts);
      const elapsed = Date.now() - started;
      clearInterval(timer);
      expectSameRun(viaAsync, sync);
      // It pauses every ~10 ms of work: a run of ≥ 40 ms lets the interval fire at least once.
      if (elapsed >= 40) expect(ticks).toBeGreaterThan(0);
      await expect(integrateAsync(pendulum, [1], 0, 1, { times: [2] })).rejects.toThrow(/options.times: expected times in \[0, 1\], received 2 at index 0/);
    });
  }

  it('dormandPrinceAsync is stopped by an AbortController fired from a timer', async () => {
    // y′ = −1000 y on [0, 1e6]: stability keeps h ≈ 3.3e-3, so ~3·10⁸ steps (minutes) unless stopped.
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const started = Date.now();
    const r = await dormandPrinceAsync((_t, y, out) => void (out[0] = -1000 * (y[0] as number)), [1], 0, 1e6, {
      signal: ac.signal,
      maxSteps: 1e9,
      times: [0, 1e-3, 5e5, 1e6],
    });
    // A generous bound against a machine under load; the pauses come every ~10 ms.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stopReason).toBe('aborted');
    expect(r.tEnd).toBeGreaterThan(1e-3);
    expect(r.tEnd).toBeLessThan(5e5);
    expect(Array.from(r.t)).toEqual([0, 1e-3]);
  });

  it('the old names still work from sgd-dynamics/optim: same functions, deprecated type aliases', () => {
    expect(optim.dormandPrince).toBe(dormandPrince);
    expect(optim.dop853).toBe(dop853);
    const opts: DormandPrinceOptions = { rtol: 1e-8, times: [0, 1] };
    const r: DormandPrinceResult = optim.dormandPrince((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 1, opts);
    const viaNew: OdeResult = dormandPrince((_t, y, out) => void (out[0] = -(y[0] as number)), [1], 0, 1, opts);
    expectSameRun(r, viaNew);
    // ~1e-8 local tolerance on one component of size ≤ 1: 1e-7 absolute allows 10× the tolerance.
    expect(Math.abs((r.final[0] as number) - Math.exp(-1))).toBeLessThan(1e-7);
  });
});
