import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { noisyGd, sgd } from '../../src/optim/index';
import { quadratic } from '../../src/objectives/quadratic';
import { leastSquares } from './fixtures';

describe('resume (property)', () => {
  const ls = leastSquares(13, 3, 7);
  const x0 = Float64Array.of(1, -1, 0.5);

  it('sgd: any split k + (K − k) equals one run of K steps, bit for bit, for any options, through a JSON file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 13 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('drop' as const, 'small' as const),
        fc.integer({ min: 1, max: 7 }),
        (k, batchSize, momentum, nesterovIfMomentum, replacement, partialBatch, every) => {
          const opts = {
            lr: 0.02,
            batchSize,
            momentum,
            nesterov: nesterovIfMomentum && momentum > 0,
            replacement,
            partialBatch,
            every,
            seed: 'p',
          };
          const whole = sgd(ls, x0, { ...opts, steps: 60 });
          const a = sgd(ls, x0, { ...opts, steps: k });
          // The saved run as it would come back from disk: plain JSON, no typed arrays.
          const saved = JSON.parse(JSON.stringify(a.state)) as typeof a.state;
          const b = sgd(ls, null, { ...opts, steps: 60 - k, resume: saved });
          expect(Array.from(b.final)).toEqual(Array.from(whole.final));
          expect(b.state.rngState).toEqual(whole.state.rngState);
          expect(b.state.velocity).toEqual(whole.state.velocity);
          expect(b.state.order).toEqual(whole.state.order);
          expect(b.state.cursor).toBe(whole.state.cursor);
          expect(b.state.time).toBe(whole.state.time);
          // Every snapshot step the two runs share (at least step 60) holds the same point.
          const rowOf = new Map(Array.from(whole.steps, (s, i) => [s, i] as const));
          let shared = 0;
          b.steps?.forEach((s, i) => {
            const w = rowOf.get(s);
            if (w === undefined) return;
            shared++;
            expect(Array.from(b.points.data.subarray(i * 3, (i + 1) * 3))).toEqual(Array.from(whole.points.data.subarray(w * 3, (w + 1) * 3)));
          });
          expect(shared).toBeGreaterThanOrEqual(1);
        },
      ),
      { seed: 20251123, numRuns: 40 },
    );
  });

  it('noisyGd: any split equals one run, bit for bit', () => {
    const f = quadratic({
      hessian: [
        [1, 0.2, 0],
        [0.2, 2, 0],
        [0, 0, 0.5],
      ],
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (k) => {
        const opts = { lr: 0.05, temperature: 0.2, seed: 3 };
        const whole = noisyGd(f, x0, { ...opts, steps: 100 });
        const a = noisyGd(f, x0, { ...opts, steps: k });
        const b = noisyGd(f, null, { ...opts, steps: 100 - k, resume: a.state });
        expect(Array.from(b.final)).toEqual(Array.from(whole.final));
      }),
      { seed: 7, numRuns: 20 },
    );
  });
});
