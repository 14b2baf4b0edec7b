import { describe, expect, it } from 'vitest';
import { gd, gdAsync, noisyGd, noisyGdAsync, sgd, sgdAsync, createStepState, createStepWorkspace, sgdStep } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import type { FiniteSumObjective, Objective } from '../../src/core/types';
import { leastSquares } from './fixtures';

/** Counts value/gradient calls of an objective (forwarding every method it has). */
function counting<O extends Objective>(f: O): { f: O; counts: { value: number; gradient: number; valueGradient: number } } {
  const counts = { value: 0, gradient: 0, valueGradient: 0 };
  const g = Object.create(f) as O & { valueGradient?: Objective['valueGradient'] };
  g.value = (x) => (counts.value++, f.value(x));
  g.gradient = (x, out) => (counts.gradient++, f.gradient(x, out));
  if (f.valueGradient !== undefined) {
    const vg = f.valueGradient.bind(f);
    g.valueGradient = (x, out) => (counts.valueGradient++, vg(x, out));
  }
  return { f: g, counts };
}

/** The same least squares with a batchValueGradient that returns exactly batchValue's number. */
function withBatchValueGradient(ls: FiniteSumObjective): FiniteSumObjective {
  return {
    ...ls,
    value: ls.value.bind(ls),
    gradient: ls.gradient.bind(ls),
    batchValue: ls.batchValue.bind(ls),
    batchGradient: ls.batchGradient.bind(ls),
    batchValueGradient: (x, batch, out) => {
      ls.batchGradient(x, batch, out);
      return ls.batchValue(x, batch);
    },
  };
}

describe('run recording', () => {
  const f = quadratic({
    hessian: [
      [2, 0.5],
      [0.5, 1],
    ],
  });
  const x0 = Float64Array.of(1, -1);
  const ls = leastSquares(64, 3, 5);
  const y0 = Float64Array.of(0.3, -0.2, 0.1);

  it('a result is one JSON document: the resume state once, no deprecated alias, and it resumes', () => {
    const a = sgd(ls, y0, { lr: 0.05, batchSize: 8, momentum: 0.5, steps: 30, seed: 'json' });
    expect(a.rngState).toEqual(a.state.rngState); // deprecated alias still readable
    expect(Object.keys(a)).not.toContain('rngState');
    const text = JSON.stringify(a.state);
    expect(JSON.stringify(a).split('"rngState"').length - 1).toBe(1);
    const b = sgd(ls, null, { lr: 0.05, batchSize: 8, momentum: 0.5, steps: 30, resume: JSON.parse(text) as typeof a.state });
    const whole = sgd(ls, y0, { lr: 0.05, batchSize: 8, momentum: 0.5, steps: 60, seed: 'json' });
    expect(Array.from(b.final)).toEqual(Array.from(whole.final));
    expect(b.state).toEqual(whole.state);
  });

  it('gd and noisyGd resume from a JSON round trip of their state, bit for bit', () => {
    for (const run of [
      (steps: number, resume?: unknown) => gd(f, resume ? null : x0, { lr: 0.1, steps, ...(resume ? { resume: resume as never } : {}) }),
      (steps: number, resume?: unknown) =>
        noisyGd(f, resume ? null : x0, { lr: 0.1, temperature: 0.3, steps, seed: 9, ...(resume ? { resume: resume as never } : {}) }),
    ]) {
      const whole = run(40);
      const half = run(17);
      const rest = run(23, JSON.parse(JSON.stringify(half.state)));
      expect(Array.from(rest.final)).toEqual(Array.from(whole.final));
      expect(rest.state).toEqual(whole.state);
    }
  });

  it('sgd records the minibatch loss of every step for free, equal to batchValue on the batch it drew', () => {
    const lsv = withBatchValueGradient(ls);
    const { f: counted, counts } = counting(lsv);
    const run = sgd(counted, y0, { lr: 0.05, batchSize: 8, steps: 25, seed: 3, recordLosses: false });
    expect(run.losses).toBeNull();
    expect(counts.value).toBe(0); // recordLosses: false evaluates no full loss
    expect(run.batchLosses?.length).toBe(25);
    // Replay with the step API, evaluating batchValue on each batch before the step.
    const s = createStepState(y0, 3);
    const ws = createStepWorkspace(3, 8);
    const seen: number[] = [];
    const spy: FiniteSumObjective = { ...ls, batchGradient: (x, batch, out) => (seen.push(ls.batchValue(x, batch)), ls.batchGradient(x, batch, out)) };
    for (let k = 0; k < 25; k++) sgdStep(spy, s, { lr: 0.05, batchSize: 8 }, ws);
    expect(Array.from(run.batchLosses ?? [])).toEqual(seen);
    expect(Array.from(s.x)).toEqual(Array.from(run.final));
  });

  it('sgd without batchValueGradient has no minibatch losses (null), and the same iterates', () => {
    const a = sgd(ls, y0, { lr: 0.05, batchSize: 8, steps: 25, seed: 3 });
    const b = sgd(withBatchValueGradient(ls), y0, { lr: 0.05, batchSize: 8, steps: 25, seed: 3 });
    expect(a.batchLosses).toBeNull();
    expect(Array.from(a.final)).toEqual(Array.from(b.final));
    expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
  });

  it('default cadence keeps full losses a small fraction: every = max(⌈steps/1000⌉, ⌈10·N/B⌉) for sgd', () => {
    const run = sgd(ls, y0, { lr: 0.05, batchSize: 8, steps: 500, seed: 1 });
    // N = 64, B = 8: every = 80, snapshots at 0, 80, …, 480 and 500: 8 of them.
    expect(Array.from(run.steps)).toEqual([0, 80, 160, 240, 320, 400, 480, 500]);
    // Full losses cost 8 × 64 sample evaluations against 500 × 8 × (forward + backward): under 5%.
    const dense = sgd(ls, y0, { lr: 0.05, batchSize: 8, steps: 500, seed: 1, every: 1, recordLosses: false });
    expect(dense.points.shape).toEqual([501, 3]);
    expect(Array.from(dense.final)).toEqual(Array.from(run.final));
  });

  it('gd: losses come free with valueGradient; without it the default cadence is at least 20 steps', () => {
    const plain: Objective = { dim: 2, value: (x) => f.value(x), gradient: (x, out) => f.gradient(x, out) };
    const { f: counted, counts } = counting(plain);
    const run = gd(counted, x0, { lr: 0.1, steps: 100 });
    expect(Array.from(run.steps)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(counts.value).toBe(6);
    expect(counts.gradient).toBe(100);
    const withVg: Objective = { ...plain, valueGradient: (x, out) => (plain.gradient(x, out), plain.value(x)) };
    const { f: countedVg, counts: c2 } = counting(withVg);
    const run2 = gd(countedVg, x0, { lr: 0.1, steps: 100 });
    expect(run2.steps.length).toBe(101); // every step: the loss is free
    expect(c2.value).toBe(1); // only the final point, which no step evaluates
    expect(c2.valueGradient).toBe(100);
    expect(Array.from(run2.losses.filter((_, i) => i % 20 === 0))).toEqual(Array.from(run.losses));
  });

  it('the stop predicate receives (x, step, time)', () => {
    const calls: [number, number][] = [];
    gd(f, x0, { lr: 0.25, steps: 4, stop: (_x, step, time) => (calls.push([step, time]), false) });
    expect(calls).toEqual([
      [1, 0.25],
      [2, 0.5],
      [3, 0.75],
      [4, 1],
    ]);
  });

  it('aborting from onProgress returns what was done (stopReason aborted), and it resumes as if never stopped', () => {
    const ctl = new AbortController();
    const opts = { lr: 0.05, batchSize: 8, momentum: 0.9, steps: 1000, seed: 4, every: 10 };
    const part = sgd(ls, y0, {
      ...opts,
      onProgress: (p) => {
        if (p.step === 300) ctl.abort();
      },
      signal: ctl.signal,
    });
    expect(part.stopReason).toBe('aborted');
    expect(part.stepsTaken).toBe(300);
    const whole = sgd(ls, y0, opts);
    // The same iterates up to the abort (snapshot prefix), bit for bit.
    expect(Array.from(part.points.data)).toEqual(Array.from(whole.points.data.subarray(0, part.points.data.length)));
    const rest = sgd(ls, null, { ...opts, steps: 700, resume: JSON.parse(JSON.stringify(part.state)) as typeof part.state });
    expect(Array.from(rest.final)).toEqual(Array.from(whole.final));
    // Already aborted: no step is taken.
    const none = gd(f, x0, { lr: 0.1, steps: 10, signal: AbortSignal.abort() });
    expect(none.stopReason).toBe('aborted');
    expect(none.stepsTaken).toBe(0);
    expect(none.points.shape).toEqual([1, 2]);
  });

  it('the async drivers give the same bits as the sync ones', async () => {
    const a = await sgdAsync(ls, y0, { lr: 0.05, batchSize: 8, steps: 300, seed: 2 });
    const b = sgd(ls, y0, { lr: 0.05, batchSize: 8, steps: 300, seed: 2 });
    expect(Array.from(a.points.data)).toEqual(Array.from(b.points.data));
    expect(a.state).toEqual(b.state);
    const c = await noisyGdAsync(f, x0, { lr: 0.1, temperature: 0.1, steps: 200, seed: 2 });
    const d = noisyGd(f, x0, { lr: 0.1, temperature: 0.1, steps: 200, seed: 2 });
    expect(Array.from(c.losses)).toEqual(Array.from(d.losses));
  });

  it('an async run yields to the event loop, so a timer can abort it', async () => {
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 20);
    const run = await gdAsync(f, x0, { lr: 0.01, steps: 1e9, recordLosses: false, every: 1e6, signal: ctl.signal });
    expect(run.stopReason).toBe('aborted');
    expect(run.stepsTaken).toBeGreaterThan(0);
    expect(run.stepsTaken).toBeLessThan(1e9);
  });
});

describe('objectives that return a new array', () => {
  it('gd, noisyGd and sgd use the gradient an objective returns, not only what it wrote into out', () => {
    const f = quadratic({
      hessian: [
        [2, 0.5],
        [0.5, 1],
      ],
    });
    const fresh: Objective = { dim: 2, value: (x) => f.value(x), gradient: (x) => f.gradient(x) }; // ignores out
    const x0 = Float64Array.of(1, -1);
    expect(Array.from(gd(fresh, x0, { lr: 0.1, steps: 30 }).final)).toEqual(Array.from(gd(f, x0, { lr: 0.1, steps: 30 }).final));
    expect(Array.from(noisyGd(fresh, x0, { lr: 0.1, temperature: 0.2, steps: 30, seed: 1 }).final)).toEqual(
      Array.from(noisyGd(f, x0, { lr: 0.1, temperature: 0.2, steps: 30, seed: 1 }).final),
    );
    const ls = leastSquares(40, 3, 2);
    const freshLs: FiniteSumObjective = { ...ls, batchGradient: (x, batch) => ls.batchGradient(x, batch) };
    const y0 = Float64Array.of(0.1, 0.2, 0.3);
    expect(Array.from(sgd(freshLs, y0, { lr: 0.05, batchSize: 4, steps: 30, seed: 1 }).final)).toEqual(
      Array.from(sgd(ls, y0, { lr: 0.05, batchSize: 4, steps: 30, seed: 1 }).final),
    );
  });
});
