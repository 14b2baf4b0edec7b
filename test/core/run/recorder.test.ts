import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRecorder, runToEnd, runToEndAsync, type RunStepper } from '../../../src/core/run/recorder';

/** A 1-D counter method: x_k = k, t_k = k/4, loss L(x) = x (free when `free`), diverging at step `divergeAt`. */
function counter(k0: number, divergeAt = Number.POSITIVE_INFINITY) {
  const state = { x: Float64Array.of(k0), step: k0, time: k0 / 4 };
  const stepper: RunStepper = {
    evaluate: () => state.x[0] as number,
    advance: () => {
      if (state.step + 1 >= divergeAt) return false;
      state.step += 1;
      state.time = state.step / 4;
      state.x[0] = state.step;
      return true;
    },
  };
  return { state, stepper };
}

describe('run recorder', () => {
  it('records exactly the steps k ≡ 0 (mod every) of the call, plus its first and last, for any start, budget, cadence and stop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
        fc.constantFrom('full' as const, 'none' as const),
        (k0, steps, every, stopAfter, freeLoss) => {
          const { state, stepper } = counter(k0);
          let values = 0;
          const rec = runToEnd(
            createRecorder(state, stepper, {
              steps,
              every,
              freeLoss,
              value: (x) => (values++, x[0] as number),
              stop: stopAfter === undefined ? undefined : (_x, _step, time) => time >= (k0 + stopAfter) / 4,
              onProgress: undefined,
              signal: undefined,
            }),
          );
          const last = k0 + (stopAfter === undefined ? steps : Math.min(steps, stopAfter));
          const expected = [k0];
          for (let k = k0 + 1; k <= last; k++) if (k % every === 0 || k === last) expected.push(k);
          expect(Array.from(rec.steps)).toEqual(expected);
          expect(Array.from(rec.points.data)).toEqual(expected); // x_k = k
          expect(Array.from(rec.losses ?? [])).toEqual(expected); // L(x_k) = k at every snapshot
          expect(Array.from(rec.times)).toEqual(expected.map((k) => k / 4));
          expect(rec.stopReason).toBe(stopAfter !== undefined && stopAfter <= steps && stopAfter > 0 ? 'predicate' : 'steps');
          expect(rec.stepsTaken).toBe(last - k0);
          // Free losses: only the final point is evaluated, and only when no step evaluated it.
          if (freeLoss === 'full') expect(values).toBeLessThanOrEqual(1);
          else expect(values).toBe(expected.length);
        },
      ),
      { seed: 99, numRuns: 300 },
    );
  });

  it('a step that fails ends the run as diverged at k + 1 with the last finite point recorded', () => {
    const { state, stepper } = counter(0, 7);
    const rec = runToEnd(
      createRecorder(state, stepper, {
        steps: 20,
        every: 5,
        freeLoss: 'full',
        value: (x) => x[0] as number,
        stop: undefined,
        onProgress: undefined,
        signal: undefined,
      }),
    );
    expect(rec.stopReason).toBe('diverged');
    expect(rec.divergedAt).toBe(7);
    expect(Array.from(rec.steps)).toEqual([0, 5, 6]);
    expect(Array.from(rec.final)).toEqual([6]);
  });

  it('a non-finite loss at a snapshot ends the run there', () => {
    const { state, stepper } = counter(0);
    const rec = runToEnd(
      createRecorder(state, stepper, {
        steps: 20,
        every: 4,
        freeLoss: 'none',
        value: (x) => ((x[0] as number) >= 8 ? Number.POSITIVE_INFINITY : 0),
        stop: undefined,
        onProgress: undefined,
        signal: undefined,
      }),
    );
    expect(rec.stopReason).toBe('diverged');
    expect(rec.divergedAt).toBe(8);
    expect(Array.from(rec.steps)).toEqual([0, 4, 8]);
  });

  it('minibatch losses: one per step taken', () => {
    const { state, stepper } = counter(3);
    const rec = runToEnd(
      createRecorder(state, stepper, {
        steps: 10,
        every: 100,
        freeLoss: 'batch',
        value: null,
        stop: (_x, step) => step === 9,
        onProgress: undefined,
        signal: undefined,
      }),
    );
    expect(rec.losses).toBeNull();
    expect(Array.from(rec.batchLosses ?? [])).toEqual([3, 4, 5, 6, 7, 8]); // evaluated at θ_3 … θ_8
  });

  it('progress: at most ~100 reports, the last one after the final snapshot; async runs give the same record', async () => {
    const reports: (number | null)[] = [];
    const cfg = { steps: 1000, every: 300, freeLoss: 'none' as const, value: (x: Float64Array) => x[0] as number, stop: undefined, signal: undefined };
    const a = counter(0);
    const rec = runToEnd(createRecorder(a.state, a.stepper, { ...cfg, onProgress: (p) => reports.push(p.loss) }));
    expect(reports.length).toBe(100);
    expect(reports[99]).toBe(1000); // the final point's loss
    expect(reports[0]).toBe(0); // step 10: the latest snapshot is θ_0
    const b = counter(0);
    const asyncRec = await runToEndAsync(createRecorder(b.state, b.stepper, { ...cfg, onProgress: undefined }), 0.01);
    expect(asyncRec).toEqual(rec);
  });
});
