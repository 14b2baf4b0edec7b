import { describe, expect, it } from 'vitest';
import type { Objective } from '../../src/core/types';
import { simulateWalkers, walkerConfig, walkerOutput, type WalkerOptions, type WalkerOutput } from '../../src/langevin/ensemble-kernels';
import { fastApplies, fastLandscape } from '../../src/langevin/fast-kernels';
import { fastGradient, isSpec, resolveObjectiveSpec } from '../../src/langevin/objective-spec';
import { simulateEnsemble } from '../../src/langevin/index';

/** The configuration simulateEnsemble builds (objective by description: fast gradient and landscape). */
async function config(opts: WalkerOptions & { objective?: unknown }, fast: boolean) {
  const spec = isSpec(opts.objective) ? opts.objective : null;
  const objective = spec === null ? opts.objective : await resolveObjectiveSpec('options.objective', spec);
  const cfg = walkerConfig({ ...opts, objective });
  if (objective !== undefined) {
    const g = fastGradient(spec, objective as Objective);
    if (g !== null) cfg.drift.gradient = g;
    cfg.landscape = fastLandscape(spec, objective as Objective);
  }
  cfg.fast = fast;
  return cfg;
}

function sameBits(a: WalkerOutput, b: WalkerOutput): boolean {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  return eq(a.firstPassage, b.firstPassage) && eq(a.escaped, b.escaped) && eq(a.steps, b.steps) && eq(a.final, b.final);
}

const MB = { objective: { builtin: 'mullerBrown' }, x0: [-0.558, 1.442] } as const;
const DW = { objective: { builtin: 'doubleWell' }, x0: [-1] } as const;
const Q3 = {
  objective: {
    builtin: 'quadratic',
    options: {
      hessian: [
        [2, 0.5, 0],
        [0.5, 1, 0.1],
        [0, 0.1, 3],
      ],
      center: [1, 0, -1],
    },
  },
  x0: [0, 0, 0],
} as const;
const Q5 = {
  objective: {
    builtin: 'quadratic',
    options: {
      hessian: [
        [2, 0.5, 0, 0, 0],
        [0.5, 1, 0, 0, 0],
        [0, 0, 3, 0, 0],
        [0, 0, 0, 1, 0.2],
        [0, 0, 0, 0.2, 1],
      ],
    },
  },
  x0: [1, 0, 0, 0, 0],
} as const;

// Every stop kind on each built-in landscape the fast path writes inline, at seeds and sizes not
// used elsewhere; walker counts not multiples of the tile (8) so that tiles drain part-full.
const cases: [string, WalkerOptions & { objective?: unknown }][] = [
  ['double well, no stop', { ...DW, dt: 0.005, temperature: 0.1, tMax: 10, walkers: 37, seed: 11 }],
  ['double well, half-space with bridge', { ...DW, dt: 0.005, temperature: 0.15, tMax: 40, walkers: 61, seed: 'fp', stop: { coordinate: 0, atLeast: 0 } }],
  [
    'double well, half-space without bridge',
    { ...DW, dt: 0.02, temperature: 0.3, tMax: 40, walkers: 45, seed: 12, stop: { coordinate: 0, atLeast: 0 }, bridge: false },
  ],
  ['double well, atMost half-space', { ...DW, x0: [1], dt: 0.01, temperature: 0.3, tMax: 40, walkers: 29, seed: 13, stop: { coordinate: 0, atMost: 0 } }],
  ['double well, ball', { ...DW, dt: 0.005, temperature: 0.2, tMax: 30, walkers: 33, seed: 14, stop: { center: [1], radius: 0.3 } }],
  ['double well, predicate', { ...DW, dt: 0.005, temperature: 0.2, tMax: 30, walkers: 19, seed: 15, stop: (x: Float64Array) => (x[0] as number) > 0.2 }],
  ['double well, diverging (dt too large)', { ...DW, dt: 0.9, temperature: 1, tMax: 90, walkers: 17, seed: 16 }],
  [
    'noisy-gd on the double well',
    { ...DW, method: 'noisy-gd', lr: 0.01, temperature: 0.2, tMax: 30, walkers: 23, seed: 17, stop: { coordinate: 0, atLeast: 0 } },
  ],
  ['Müller–Brown, no stop', { ...MB, dt: 1e-4, temperature: 15, tMax: 0.3, walkers: 21, seed: 18 }],
  ['Müller–Brown, half-space on y', { ...MB, dt: 1e-4, temperature: 20, tMax: 0.5, walkers: 27, seed: 19, stop: { coordinate: 1, atMost: 1 } }],
  ['Müller–Brown, half-space on x', { ...MB, dt: 1e-4, temperature: 20, tMax: 0.5, walkers: 27, seed: 20, stop: { coordinate: 0, atLeast: -0.3 } }],
  ['Müller–Brown, ball', { ...MB, dt: 1e-4, temperature: 20, tMax: 0.5, walkers: 25, seed: 21, stop: { center: [-0.05, 0.467], radius: 0.2 } }],
  ['quadratic d = 3, half-space', { ...Q3, dt: 0.01, temperature: 0.5, tMax: 10, walkers: 20, seed: 22, stop: { coordinate: 2, atMost: -2 } }],
  [
    'quadratic d = 5 (4-row mat-vec blocks)',
    { ...Q5, dt: 0.01, temperature: 0.5, tMax: 5, walkers: 9, seed: 23, stop: { center: [0, 0, 0, 0, 0], radius: 0.05 } },
  ],
  [
    'Styblinski–Tang (gradient call)',
    { objective: { builtin: 'styblinskiTang', dim: 2 }, x0: [-2.9, -2.9], dt: 0.001, temperature: 5, tMax: 1, walkers: 10, seed: 24 },
  ],
  [
    'd = 1030 (a normal block wider than 1024)',
    {
      gradient: (x: Float64Array, g: Float64Array) => g.set(x),
      x0: new Float64Array(1030).fill(0.5),
      dt: 0.01,
      temperature: 1,
      tMax: 0.2,
      walkers: 3,
      seed: 25,
    },
  ],
];

describe('the ensemble fast path', () => {
  it.each(cases)('%s: the same bits as the general loop', async (_name, opts) => {
    const fast = await config(opts, true);
    const slow = await config(opts, false);
    expect(fastApplies(fast)).toBe(true);
    const a = walkerOutput(fast.walkers, fast.d);
    const b = walkerOutput(slow.walkers, slow.d);
    expect(simulateWalkers(fast, 0, fast.walkers, a)).toBe(fast.walkers);
    expect(simulateWalkers(slow, 0, slow.walkers, b)).toBe(slow.walkers);
    expect(sameBits(a, b)).toBe(true);
    // The case exercises something: not all walkers identical.
    expect(new Set(Array.from(a.final)).size).toBeGreaterThan(1);
  });

  it('tiles: any split of the range gives the same walkers (walkers finish out of order within a tile)', async () => {
    const opts = cases[1]?.[1] as WalkerOptions;
    const cfg = await config(opts, true);
    const whole = walkerOutput(cfg.walkers, 1);
    simulateWalkers(cfg, 0, cfg.walkers, whole);
    for (const cut of [1, 7, 8, 9, 30]) {
      const left = walkerOutput(cut, 1);
      const right = walkerOutput(cfg.walkers - cut, 1);
      simulateWalkers(cfg, 0, cut, left);
      simulateWalkers(cfg, cut, cfg.walkers, right);
      expect(Array.from(left.firstPassage).concat(Array.from(right.firstPassage))).toEqual(Array.from(whole.firstPassage));
      expect(Array.from(left.final).concat(Array.from(right.final))).toEqual(Array.from(whole.final));
    }
  });

  it('an abort returns the longest finished prefix, whose walkers are those of the full run', async () => {
    const opts = cases[1]?.[1] as WalkerOptions;
    const cfg = await config(opts, true);
    const whole = walkerOutput(cfg.walkers, 1);
    simulateWalkers(cfg, 0, cfg.walkers, whole);
    let calls = 0;
    const part = walkerOutput(cfg.walkers, 1);
    const n = simulateWalkers(cfg, 0, cfg.walkers, part, () => ++calls > 20);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(cfg.walkers);
    expect(Array.from(part.firstPassage.subarray(0, n))).toEqual(Array.from(whole.firstPassage.subarray(0, n)));
    expect(Array.from(part.final.subarray(0, n))).toEqual(Array.from(whole.final.subarray(0, n)));
  });

  it('simulateEnsemble by description equals the objective object (general loop with its gradient call)', async () => {
    const { doubleWell, mullerBrown } = await import('../../src/objectives/index');
    for (const [spec, obj, x0, dt, T] of [
      [{ builtin: 'doubleWell' }, doubleWell(), [-1], 0.005, 0.15],
      [{ builtin: 'mullerBrown' }, mullerBrown(), [-0.558, 1.442], 1e-4, 20],
    ] as const) {
      const base = { x0, dt, temperature: T, tMax: 2000 * dt, walkers: 40, seed: 26, stop: { coordinate: 0, atLeast: 0 } };
      const a = await simulateEnsemble({ ...base, objective: spec });
      const b = await simulateEnsemble({ ...base, objective: obj });
      expect(Array.from(a.firstPassage)).toEqual(Array.from(b.firstPassage));
      expect(Array.from(a.final.data)).toEqual(Array.from(b.final.data));
    }
  });
});
