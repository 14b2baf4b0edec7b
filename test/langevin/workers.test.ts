import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateEnsemble, type EnsembleResult, type SimulateEnsembleOptions } from '../../src/langevin/index';
import { doubleWell } from '../../src/objectives/index';
import { chunkBounds } from '../../src/langevin/simulate-ensemble';

const userModule = pathToFileURL(join(__dirname, 'fixtures', 'user-code.ts')).href;

const same = (a: EnsembleResult, b: EnsembleResult) => {
  expect(Array.from(a.firstPassage)).toEqual(Array.from(b.firstPassage));
  expect(Array.from(a.escaped)).toEqual(Array.from(b.escaped));
  expect(Array.from(a.steps)).toEqual(Array.from(b.steps));
  expect(Array.from(a.final.data)).toEqual(Array.from(b.final.data));
  expect(a.escapedCount).toBe(b.escapedCount);
  expect(a.walkerRange).toEqual(b.walkerRange);
};

describe('simulateEnsemble on worker threads', () => {
  const opts: SimulateEnsembleOptions = {
    objective: { builtin: 'doubleWell', options: { barrier: 0.25 } },
    x0: [-1],
    dt: 0.01,
    temperature: 0.15,
    tMax: 20,
    walkers: 60,
    seed: 'threads',
    stop: { coordinate: 0, atLeast: 0 },
  };

  it('1, 2 and 3 workers give the same numbers bit for bit (a built-in objective by description)', async () => {
    const one = await simulateEnsemble(opts);
    expect(one.escapedCount).toBeGreaterThan(0);
    expect(one.escapedCount).toBeLessThan(60);
    // The description builds the same objective as the factory.
    same(await simulateEnsemble({ ...opts, objective: doubleWell({ barrier: 0.25 }) }), one);
    const reports: number[] = [];
    const two = await simulateEnsemble({ ...opts, workers: 2, onProgress: (p) => reports.push(p.done) });
    same(two, one);
    expect(reports[reports.length - 1]).toBe(60);
    same(await simulateEnsemble({ ...opts, workers: 3 }), one);
    // A range on workers merges like any shard.
    const part = await simulateEnsemble({ ...opts, workers: 2, walkerRange: [10, 40] });
    expect(Array.from(part.firstPassage)).toEqual(Array.from(one.firstPassage.slice(10, 40)));
  });

  it("a user's objective and stop predicate reach the workers as { module, export }; SGD walkers too", async () => {
    const user: SimulateEnsembleOptions = {
      ...opts,
      objective: { module: userModule, export: 'makeWell', args: [0.25] },
      stop: { module: userModule, export: 'crossed' },
      bridge: false,
    };
    const one = await simulateEnsemble(user);
    same(await simulateEnsemble({ ...user, workers: 2 }), one);
    const region = await simulateEnsemble({ ...opts, bridge: false });
    expect(Array.from(one.firstPassage)).toEqual(Array.from(region.firstPassage));
    const sgd: SimulateEnsembleOptions = {
      method: 'sgd',
      objective: { builtin: 'doubleWellFiniteSum', options: { size: 200, noise: 3, seed: 1 } },
      lr: 0.01,
      batchSize: 2,
      x0: [-1],
      tMax: 20,
      walkers: 30,
      seed: 5,
      stop: { coordinate: 0, atLeast: 0 },
    };
    same(await simulateEnsemble({ ...sgd, workers: 2 }), await simulateEnsemble(sgd));
  });

  it('aborting from onProgress returns the finished prefix, equal to the one-thread numbers', async () => {
    const many = { ...opts, walkers: 400, tMax: 5 };
    const full = await simulateEnsemble(many);
    const ctl = new AbortController();
    const part = await simulateEnsemble({
      ...many,
      workers: 2,
      signal: ctl.signal,
      onProgress: () => {
        ctl.abort();
      },
    });
    expect(part.stopReason).toBe('aborted');
    const k = part.firstPassage.length;
    expect(k).toBeLessThan(400);
    expect(part.walkerRange).toEqual([0, k]);
    expect(Array.from(part.firstPassage)).toEqual(Array.from(full.firstPassage.slice(0, k)));
  });

  it('a closure that cannot cross threads is refused with an error naming the option', async () => {
    await expect(simulateEnsemble({ ...opts, workers: 2, stop: (x) => x[0]! >= 0 })).rejects.toThrow(
      /options\.stop: expected a region or a predicate as \{ module, export \} with options\.workers > 1 \(functions cannot cross threads\), received a function/,
    );
    await expect(simulateEnsemble({ ...opts, workers: 2, objective: doubleWell() })).rejects.toThrow(/options\.objective: expected a serialisable description/);
    await expect(simulateEnsemble({ ...opts, workers: 2, objective: undefined, gradient: (_x, out) => void (out[0] = 1) })).rejects.toThrow(
      /options\.gradient/,
    );
    await expect(simulateEnsemble({ ...opts, workers: 2, temperature: undefined, diffusion: (_x, out) => void out.fill(0.1) })).rejects.toThrow(
      /options\.diffusion: expected a number or a constant matrix/,
    );
    await expect(simulateEnsemble({ ...opts, workers: 0 })).rejects.toThrow(/options\.workers/);
    await expect(simulateEnsemble({ ...opts, objective: { builtin: 'nope' } as never })).rejects.toThrow(/options\.objective\.builtin/);
    await expect(simulateEnsemble({ ...opts, objective: { module: userModule, export: 'missing' } })).rejects.toThrow(
      /options\.objective\.export: expected an export/,
    );
  });
});

describe('fast gradients of built-in descriptions', () => {
  it("equal the objective's own gradient bit for bit (doubleWell quartic and sextic in 1-D, mullerBrown)", async () => {
    const { fastGradient } = await import('../../src/langevin/objective-spec');
    const { mullerBrown } = await import('../../src/objectives/index');
    const cases = [
      [{ builtin: 'doubleWell' }, doubleWell()],
      [
        { builtin: 'doubleWell', options: { barrier: 0.7, curvature: 3, curvatureSaddle: -0.9 } },
        doubleWell({ barrier: 0.7, curvature: 3, curvatureSaddle: -0.9 }),
      ],
      [{ builtin: 'mullerBrown' }, mullerBrown()],
    ] as const;
    for (const [spec, f] of cases) {
      const fast = fastGradient(spec, f)!;
      expect(fast).not.toBeNull();
      const x = new Float64Array(f.dim);
      const g1 = new Float64Array(f.dim);
      const g2 = new Float64Array(f.dim);
      for (let k = 0; k < 500; k++) {
        for (let i = 0; i < f.dim; i++) x[i] = Math.sin(17 * k + 3 * i) * 1.7;
        fast(x, g1);
        f.gradient(x, g2);
        expect(Array.from(g1)).toEqual(Array.from(g2));
      }
    }
    expect(fastGradient({ builtin: 'doubleWell', options: { dim: 2 } }, doubleWell({ dim: 2 }))).toBeNull();
  });
});

describe('chunkBounds (guided self-scheduling of worker chunks)', () => {
  it('cuts [start, end) into contiguous chunks, multiples of 8 but the last, never growing, at most 256 and 1/(4·workers) of the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 2, max: 64 }), (start, total, workers) => {
        const b = chunkBounds(start, start + total, workers);
        expect(b[0]).toBe(start);
        expect(b[b.length - 1]).toBe(start + total);
        expect(b.length - 1).toBeLessThanOrEqual(256 + 1);
        const least = Math.ceil(Math.max(8, total / 256) / 8) * 8;
        for (let c = 0; c + 1 < b.length; c++) {
          const size = (b[c + 1] as number) - (b[c] as number);
          const rest = start + total - (b[c] as number);
          expect(size).toBeGreaterThan(0);
          if (c + 2 < b.length) {
            expect(size % 8).toBe(0);
            expect(size).toBeLessThanOrEqual(Math.max(least, Math.ceil(rest / (4 * workers) / 8) * 8));
          }
          if (c > 0 && c + 2 < b.length) expect(size).toBeLessThanOrEqual((b[c] as number) - (b[c - 1] as number));
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
