import { describe, expect, it } from 'vitest';
import { gradientFlow, gradientFlowAsync, type GradientFlowResult } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { spectralApply, symmetricWithEigenvalues } from './fixtures';

function relErr(got: Float64Array, exact: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < exact.length; i++) {
    num += ((got[i] as number) - (exact[i] as number)) ** 2;
    den += (exact[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

describe('gradientFlow', () => {
  const d = 6;
  const c = Float64Array.from([1, -1, 0.5, 0, 2, -0.5]);
  const x0 = Float64Array.from([2, 0, -1, 1, 1, 3]);
  const cases = [
    { name: 'definite', lambdas: [0.1, 0.3, 1, 2, 5, 10] },
    { name: 'indefinite', lambdas: [-1, -0.2, 0.5, 1, 3, 8] },
  ];

  for (const [{ name, lambdas }, method] of cases.flatMap((cs) => (['dopri5', 'dop853'] as const).map((m) => [cs, m] as const))) {
    it(`equals c + e^{−tH}(x0 − c) at the requested times (${name} H, ${method}), within a small multiple of rtol`, () => {
      const H = symmetricWithEigenvalues(lambdas, 21);
      const f = quadratic({ hessian: H, center: c });
      const eig = symmetricEigen(H);
      const times = [0, 0.013, 0.1, 0.5, 0.77, 1.2, 2, 2.5, 3];
      const rtols = [1e-4, 1e-6, 1e-8, 1e-10];
      const errs: number[] = [];
      for (const rtol of rtols) {
        const flow = gradientFlow(f, x0, { t1: 3, rtol, atol: rtol * 1e-2, times, method });
        expect(flow.success).toBe(true);
        expect(flow.converged).toBe(true);
        expect(flow.stopReason).toBe('time');
        expect(Array.from(flow.times)).toEqual(times);
        let worst = 0;
        times.forEach((t, i) => {
          const exact = spectralApply(eig, c, x0, (l) => Math.exp(-t * l));
          const got = flow.points.data.subarray(i * d, (i + 1) * d);
          worst = Math.max(worst, relErr(got, exact));
          expect(flow.losses[i]).toBe(f.value(got)); // the loss at the returned point, by construction
        });
        expect(Array.from(flow.points.data.subarray(0, d))).toEqual(Array.from(x0));
        expect(Array.from(flow.final)).toEqual(Array.from(flow.points.data.subarray((times.length - 1) * d)));
        // Global error: the controller keeps each local error ≤ tol, but local control gives no
        // rigorous a-priori global bound (HNW II.4: tolerance proportionality, error ≈ C·tol with C of
        // order one, times up to e^{|λ_min| t} = e³ ≈ 20 of propagation in the indefinite case). What
        // is asserted is the contract gradientFlow documents, "to the requested tolerance", as a
        // global error below 5·rtol on these well-scaled problems (observed 0.03–0.6·rtol).
        expect(worst).toBeLessThan(5 * rtol);
        errs.push(worst);
      }
      // Order check: tightening rtol by 100 must cut the error by at least 10 (for a 5th-order
      // method with error-per-step control the error scales like rtol^{≈1}; 10 allows a slack of 10).
      for (let i = 1; i < errs.length; i++) expect(errs[i] as number).toBeLessThan((errs[i - 1] as number) / 10);
    });
  }

  it('reports evaluations (6 per attempted step + 2) and rejected steps', () => {
    let calls = 0;
    const q = quadratic({ hessian: symmetricWithEigenvalues([0.5, 1, 50], 2) });
    const counted = { dim: 3, value: (x: Float64Array) => q.value(x), gradient: (x: Float64Array, out?: Float64Array) => (calls++, q.gradient(x, out)) };
    const flow = gradientFlow(counted, [1, 2, 3], { t1: 5, rtol: 1e-6 });
    expect(flow.evaluations).toBe(calls);
    expect(flow.evaluations).toBe(6 * (flow.accepted + flow.rejected) + 2);
    expect(flow.accepted).toBeGreaterThan(0);
    // Default output grid: 101 equally spaced times from 0 to t1.
    expect(flow.times.length).toBe(101);
    expect(flow.times[0]).toBe(0);
    expect(flow.times[100]).toBe(5);
    expect(flow.times[50]).toBe(2.5);
  });

  it('checks its arguments', () => {
    const q = quadratic({
      hessian: [
        [1, 0],
        [0, 2],
      ],
    });
    expect(() => gradientFlow(q, [1, 1], { t1: 0 })).toThrow(/options.t1: expected a positive number, received 0/);
    expect(() => gradientFlow(q, [1], { t1: 1 })).toThrow(/x0: expected length 2, received length 1/);
    expect(() => gradientFlow(q, [1, NaN], { t1: 1 })).toThrow(/x0: expected finite values, received NaN at index 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, points: 1 })).toThrow(/options.points: expected an integer ≥ 2, received 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, times: [0, 2] })).toThrow(/options.times: expected times in \[0, 1\], received 2 at index 1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, times: [0.5, 0.2] })).toThrow(/options.times: expected non-decreasing times/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, rtol: -1 })).toThrow(/options.rtol: expected a non-negative number, received -1/);
    expect(() => gradientFlow(q, [1, 1], { t1: 1, method: 'rk4' as never })).toThrow(/options.method: expected one of 'dopri5', 'dop853'/);
  });
});

describe('dop853 through gradientFlow', () => {
  it('needs fewer evaluations than DOPRI5 at tight tolerance for the same problem', () => {
    const q = quadratic({ hessian: symmetricWithEigenvalues([0.1, 1, 3, 10], 4) });
    const a = gradientFlow(q, [1, 2, 3, 4], { t1: 10, rtol: 1e-11, atol: 1e-14, times: [10] });
    const b = gradientFlow(q, [1, 2, 3, 4], { t1: 10, rtol: 1e-11, atol: 1e-14, times: [10], method: 'dop853' });
    expect(b.evaluations).toBeLessThan(a.evaluations / 2);
  });
});

/** Two flows agree bit for bit in everything they report. */
function expectSameFlow(a: GradientFlowResult, b: GradientFlowResult): void {
  expect(Array.from(a.times)).toEqual(Array.from(b.times));
  expect(Array.from(a.points.data)).toEqual(Array.from(b.points.data));
  expect(a.points.shape).toEqual(b.points.shape);
  expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
  expect(Array.from(a.final)).toEqual(Array.from(b.final));
  expect([a.evaluations, a.accepted, a.rejected, a.stopReason, a.converged, a.status, a.success]).toEqual([
    b.evaluations,
    b.accepted,
    b.rejected,
    b.stopReason,
    b.converged,
    b.status,
    b.success,
  ]);
}

describe('gradientFlow: the Trajectory vocabulary, progress and cancellation', () => {
  // Eigenvalues 1, 30, 1000: explicit RK's stability keeps h ≈ 3e-3, so thousands of steps on [0, 20].
  const stiff = quadratic({
    hessian: [
      [1, 0, 0],
      [0, 30, 0],
      [0, 0, 1000],
    ],
  });
  const x0 = [1, 1, 1];

  it("reports a Trajectory: steps null, converged and stopReason 'time', the deprecated status/success", () => {
    const flow = gradientFlow(stiff, x0, { t1: 2, points: 5 });
    expect(flow.steps).toBeNull();
    expect([flow.stopReason, flow.converged, flow.status, flow.success]).toEqual(['time', true, 'success', true]);
    expect(flow.losses).toBeInstanceOf(Float64Array);
    expect(flow.losses.length).toBe(5);
  });

  for (const method of ['dopri5', 'dop853'] as const) {
    it(`stops with stopReason 'budget' when maxSteps is too small, outputs a prefix of the full run (${method})`, () => {
      const full = gradientFlow(stiff, x0, { t1: 20, method });
      const short = gradientFlow(stiff, x0, { t1: 20, method, maxSteps: Math.floor(full.accepted / 2) });
      expect([short.stopReason, short.converged, short.status, short.success]).toEqual(['budget', false, 'max-steps', false]);
      expect(short.accepted + short.rejected).toBe(Math.floor(full.accepted / 2));
      const n = short.times.length;
      expect(n).toBeGreaterThan(10);
      expect(n).toBeLessThan(101);
      expect(Array.from(short.times)).toEqual(Array.from(full.times.subarray(0, n)));
      expect(Array.from(short.points.data)).toEqual(Array.from(full.points.data.subarray(0, 3 * n)));
      expect(Array.from(short.losses)).toEqual(Array.from(full.losses.subarray(0, n)));
    });

    it(`an abort from inside onProgress returns the outputs reached, bit for bit those of the full run (${method})`, () => {
      const full = gradientFlow(stiff, x0, { t1: 20, method });
      const ac = new AbortController();
      let reports = 0;
      let lastT = 0;
      const cut = gradientFlow(stiff, x0, {
        t1: 20,
        method,
        signal: ac.signal,
        onProgress: ({ t, t1 }) => {
          reports++;
          lastT = t;
          expect(t1).toBe(20);
          if (t >= 7) ac.abort();
        },
      });
      expect([cut.stopReason, cut.converged, cut.status, cut.success]).toEqual(['aborted', false, 'aborted', false]);
      // Stopped right at the report that aborted: the one for the 35% mark (t = 7), far from t1.
      expect(reports).toBe(35);
      expect(lastT).toBeGreaterThanOrEqual(7);
      expect(lastT).toBeLessThan(7.1);
      const n = cut.times.length;
      expect(n).toBe(full.times.filter((t) => t <= lastT).length);
      expect(Array.from(cut.times)).toEqual(Array.from(full.times.subarray(0, n)));
      expect(Array.from(cut.points.data)).toEqual(Array.from(full.points.data.subarray(0, 3 * n)));
      expect(Array.from(cut.losses)).toEqual(Array.from(full.losses.subarray(0, n)));
      // The progress callback alone changes nothing.
      expectSameFlow(gradientFlow(stiff, x0, { t1: 20, method, onProgress: () => undefined }), full);
    });

    it(`gradientFlowAsync equals gradientFlow bit for bit and lets timers run (${method})`, async () => {
      const sync = gradientFlow(stiff, x0, { t1: 20, method, rtol: 1e-9 });
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
      }, 0);
      const started = Date.now();
      const viaAsync = await gradientFlowAsync(stiff, x0, { t1: 20, method, rtol: 1e-9 });
      const elapsed = Date.now() - started;
      clearInterval(timer);
      expectSameFlow(viaAsync, sync);
      // It pauses every ~10 ms of work: a run of ≥ 40 ms lets the interval fire at least once.
      if (elapsed >= 40) expect(ticks).toBeGreaterThan(0);
    });
  }

  it('gradientFlowAsync is stopped by an AbortController fired from a timer, with the outputs reached', async () => {
    // t1 = 10⁶ needs ~3·10⁸ steps (minutes): only the abort ends it.
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const started = Date.now();
    const times = [0, 1e-3, 0.5, 5e5, 1e6];
    const flow = await gradientFlowAsync(stiff, x0, { t1: 1e6, times, maxSteps: 1e9, signal: ac.signal });
    // A generous bound against a machine under load; the pauses come every ~10 ms.
    expect(Date.now() - started).toBeLessThan(5000);
    expect([flow.stopReason, flow.converged]).toEqual(['aborted', false]);
    // The outputs reached: a proper prefix of the requested times (how far it got in 30 ms depends
    // on the machine's load; 5e5 needs minutes).
    const reached = flow.times.length;
    expect(reached).toBeGreaterThanOrEqual(1);
    expect(reached).toBeLessThanOrEqual(3);
    expect(Array.from(flow.times)).toEqual(times.slice(0, reached));
    expect(flow.points.shape).toEqual([reached, 3]);
    expect(flow.losses.length).toBe(reached);
    // The same flow stopped by its budget at the same step: the same outputs and end point, bit for bit.
    const budget = gradientFlow(stiff, x0, { t1: 1e6, times, maxSteps: flow.accepted + flow.rejected });
    expect(budget.stopReason).toBe('budget');
    expect(Array.from(budget.points.data)).toEqual(Array.from(flow.points.data));
    expect(Array.from(budget.final)).toEqual(Array.from(flow.final));
  });

  it('gradientFlowAsync rejects bad arguments as gradientFlow throws them; onProgress and signal are checked', async () => {
    await expect(gradientFlowAsync(stiff, [1, 1], { t1: 1 })).rejects.toThrow(/x0: expected length 3, received length 2/);
    await expect(gradientFlowAsync(stiff, x0, { t1: -1 })).rejects.toThrow(/options.t1: expected a positive number, received -1/);
    expect(() => gradientFlow(stiff, x0, { t1: 1, onProgress: 'x' as never })).toThrow(/options.onProgress: expected a function/);
    expect(() => gradientFlow(stiff, x0, { t1: 1, signal: { aborted: 'no' } as never })).toThrow(/options.signal: expected an AbortSignal/);
  });
});
