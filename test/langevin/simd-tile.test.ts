import { afterEach, describe, expect, it } from 'vitest';
import { exp } from '../../src/core/elementary/index';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { simulateEnsemble, type SimulateEnsembleOptions } from '../../src/langevin/index';
import { simdTileAvailable, simdTileExp } from '../../src/langevin/simd-tile-kernels';
import { rngFor } from '../../src/random/index';
import { doubleWell, mullerBrown } from '../../src/objectives/index';
import { blockStream } from '../../src/random/xoshiro';
import { zigguratTables } from '../../src/random/ziggurat';

// The WebAssembly SIMD tile (walkers in lanes) against the JavaScript tile it falls back to, and
// against the general loop (the objective object, which never takes the fast path): every output bit
// for bit (Object.is, so −0 and NaN count). Seeds and sizes are not used by the other langevin tests;
// walker counts are odd so that tiles of 8 (double well) and 4 (Müller–Brown) drain part-full.

afterEach(() => {
  setSimdEnabled(true);
});

const DW = { objective: { builtin: 'doubleWell' }, x0: [-1] } as const;
const MB = { objective: { builtin: 'mullerBrown' }, x0: [-0.558, 1.442] } as const;

type Opts = Omit<SimulateEnsembleOptions, 'objective'> & { objective: unknown };

async function run(opts: Opts, simd: boolean) {
  const was = setSimdEnabled(simd);
  try {
    return await simulateEnsemble(opts as SimulateEnsembleOptions);
  } finally {
    setSimdEnabled(was);
  }
}

function expectSame(a: Awaited<ReturnType<typeof simulateEnsemble>>, b: Awaited<ReturnType<typeof simulateEnsemble>>): void {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  expect(eq(a.firstPassage, b.firstPassage)).toBe(true);
  expect(eq(a.escaped, b.escaped)).toBe(true);
  expect(eq(a.steps, b.steps)).toBe(true);
  expect(eq(a.final.data, b.final.data)).toBe(true);
}

const cases: [string, Opts][] = [
  ['double well, no stop, 37 walkers', { ...DW, dt: 0.005, temperature: 0.12, tMax: 15, walkers: 37, seed: 'simd-1' }],
  ['double well, one walker', { ...DW, dt: 0.005, temperature: 0.12, tMax: 5, walkers: 1, seed: 'simd-2' }],
  [
    'double well, atLeast half-space without bridge (escapes and censoring)',
    { ...DW, dt: 0.01, temperature: 0.25, tMax: 25, walkers: 43, seed: 'simd-3', stop: { coordinate: 0, atLeast: 0.1 }, bridge: false },
  ],
  [
    'double well, atMost half-space without bridge',
    { ...DW, x0: [1], dt: 0.01, temperature: 0.3, tMax: 30, walkers: 13, seed: 'simd-4', stop: { coordinate: 0, atMost: -0.2 }, bridge: false },
  ],
  [
    'double well, half-space with the bridge (the JavaScript tile either way)',
    { ...DW, dt: 0.01, temperature: 0.25, tMax: 25, walkers: 19, seed: 'simd-5', stop: { coordinate: 0, atLeast: 0 } },
  ],
  ['double well, ball', { ...DW, dt: 0.005, temperature: 0.2, tMax: 20, walkers: 27, seed: 'simd-6', stop: { center: [1], radius: 0.25 } }],
  ['double well, diverging walkers (non-finite: censored)', { ...DW, x0: [40], dt: 0.05, temperature: 1, tMax: 5, walkers: 11, seed: 'simd-7' }],
  [
    'noisy-gd on the double well, half-space',
    { ...DW, method: 'noisy-gd', lr: 0.01, temperature: 0.25, tMax: 20, walkers: 21, seed: 'simd-8', stop: { coordinate: 0, atLeast: 0 } },
  ],
  ['Müller–Brown, no stop, 23 walkers', { ...MB, dt: 1e-5, temperature: 10, tMax: 0.05, walkers: 23, seed: 'simd-9' }],
  [
    'Müller–Brown, half-space on y without bridge',
    { ...MB, dt: 1e-4, temperature: 20, tMax: 0.4, walkers: 15, seed: 'simd-10', stop: { coordinate: 1, atMost: 1 }, bridge: false },
  ],
  [
    'Müller–Brown, half-space on x without bridge',
    { ...MB, dt: 1e-4, temperature: 20, tMax: 0.4, walkers: 17, seed: 'simd-11', stop: { coordinate: 0, atLeast: -0.3 }, bridge: false },
  ],
  [
    'Müller–Brown, half-space with the bridge',
    { ...MB, dt: 1e-4, temperature: 20, tMax: 0.3, walkers: 9, seed: 'simd-12', stop: { coordinate: 0, atLeast: -0.3 } },
  ],
  ['Müller–Brown, ball', { ...MB, dt: 1e-4, temperature: 20, tMax: 0.4, walkers: 13, seed: 'simd-13', stop: { center: [-0.05, 0.467], radius: 0.2 } }],
  // exp's arguments below −708 (its large-argument branch: a subnormal result) on the one step taken:
  // the Müller–Brown kernel hands that step's gradient to its caller (it returns 4).
  ['Müller–Brown, far start (exp below −708)', { ...MB, x0: [-0.4, 8.5], dt: 1e-6, temperature: 1e6, tMax: 1e-6, walkers: 7, seed: 'simd-14' }],
  // Outside the kernel's box |x|, |y| < 4 (its steps' gradients computed by the driver), then inside.
  ['Müller–Brown, start outside the kernel box', { ...MB, x0: [4.3, 0.2], dt: 1e-10, temperature: 1e4, tMax: 1e-8, walkers: 6, seed: 'simd-16' }],
  // exp(+∞) and ∞·0: the walkers go non-finite on the first step.
  ['Müller–Brown, huge start (non-finite)', { ...MB, x0: [1e200, 0], dt: 1e-4, temperature: 1, tMax: 0.01, walkers: 5, seed: 'simd-15' }],
];

describe('the WebAssembly SIMD tile', () => {
  it('is available on Node (WebAssembly SIMD)', () => {
    expect(simdTileAvailable()).toBe(true);
  });

  it.each(cases)('%s: the same bits with SIMD, without (the JavaScript tile) and on the general loop', async (name, opts) => {
    const simd = await run(opts, true);
    const js = await run(opts, false);
    expectSame(simd, js);
    const builtin = (opts.objective as { builtin: string }).builtin;
    const general = await run({ ...opts, objective: builtin === 'doubleWell' ? doubleWell() : mullerBrown() }, true);
    expectSame(simd, general);
    // The case exercises something: walkers differ (or all went non-finite, for the cases that test that).
    const distinct = new Set(Array.from(simd.final.data, String)).size;
    if (opts.walkers > 1 && !name.includes('non-finite')) expect(distinct).toBeGreaterThan(1);
    if (name.includes('non-finite')) expect(simd.final.data.some((v) => !Number.isFinite(v))).toBe(true);
  });

  it('the cases cover escapes, censoring, and a 2-worker split', async () => {
    const opts = cases[2]?.[1] as Opts;
    const r = await run(opts, true);
    const escaped = r.escaped.reduce((s, v) => s + v, 0);
    expect(escaped).toBeGreaterThan(0);
    expect(escaped).toBeLessThan(r.escaped.length);
    expectSame(r, await run({ ...opts, workers: 2 }, true));
  });

  it("the Müller–Brown kernel's inline wedges may skip exp's range test: a wedge's x stays below √(2·708)", () => {
    // A wedge of layer i ≥ 1 has x = rabs·wn[i] with rabs < 2^52 (layer 0 beyond kn[0] is the tail, finished in JavaScript).
    const { wn } = zigguratTables();
    let widest = 0;
    for (let i = 1; i < 256; i++) widest = Math.max(widest, 2 ** 52 * (wn[i] as number));
    expect(widest).toBeGreaterThan(3.6);
    expect(widest).toBeLessThan(Math.sqrt(2 * 708));
  });

  it("the Müller–Brown kernel's box |x|, |y| < 4 keeps every term's exponent in exp's fast range −708 < x < 709.4", () => {
    // The forms a dx² + b dx dy + c dy² (objectives/muller-brown's terms, with the kernel's arithmetic)
    // at random points of the box and at its corners: within [−600.5, 32.8], as the kernel's comment says.
    const terms = [
      [-1, 0, -10, 1, 0],
      [-1, 0, -10, 0, 0.5],
      [-6.5, 11, -6.5, -0.5, 1.5],
      [0.7, 0.6, 0.7, -1, 1],
    ] as const;
    const rng = rngFor('simd-tile-box', 'mb-box');
    const points: [number, number][] = [];
    for (const x of [-4, 4]) for (const y of [-4, 4]) points.push([x, y]);
    for (let i = 0; i < 20000; i++) points.push([8 * rng.uniform() - 4, 8 * rng.uniform() - 4]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const [x, y] of points) {
      for (const [a, b, c, x0, y0] of terms) {
        const dx = x - x0;
        const dy = y - y0;
        const arg = a * dx * dx + b * dx * dy + c * dy * dy;
        lo = Math.min(lo, arg);
        hi = Math.max(hi, arg);
      }
    }
    expect(lo).toBeGreaterThanOrEqual(-600.5 - 1e-9);
    expect(lo).toBeLessThan(-590); // the corner is reached: the bound is tight, not loose
    expect(hi).toBeLessThanOrEqual(32.8 + 1e-9);
    expect(lo).toBeGreaterThan(-708);
    expect(hi).toBeLessThan(709.4);
  });

  /** Stream indices of `seed` whose normal number `at` (0 or 1) is a ziggurat wedge or tail draw, the draws before it fast. */
  function slowIndices(seed: string, at: number, kind: 'wedge' | 'tail', count: number): number[] {
    const { kn } = zigguratTables();
    const found: number[] = [];
    for (let i = 0; found.length < count && i < 1e6; i++) {
      const rng = blockStream(seed, i);
      let ok = true;
      for (let n = 0; n <= at && ok; n++) {
        const u1 = rng.uint32();
        const u2 = rng.uint32();
        const idx = u1 & 255;
        const fast = (u1 >>> 9) * 536870912 + (u2 >>> 3) < (kn[idx] as number);
        if (n < at) ok = fast;
        else ok = !fast && (kind === 'tail' ? idx === 0 : idx !== 0);
      }
      if (ok) found.push(i);
    }
    return found;
  }

  it.each([
    ['double well', 'wedge', 0],
    ['double well', 'tail', 0],
    ['Müller–Brown', 'wedge', 0],
    ['Müller–Brown', 'tail', 0],
    ['Müller–Brown', 'wedge', 1],
    ['Müller–Brown', 'tail', 1],
  ] as const)('%s: a walker whose normal %s is on the slow path (normal %i of its stream), in each lane', async (land, kind, at) => {
    const seed = `slow-${kind}`;
    const mb = land === 'Müller–Brown';
    const base = mb ? MB : DW;
    const dt = mb ? 1e-5 : 0.005;
    const temperature = mb ? 10 : 0.1;
    for (const i of slowIndices(seed, at, kind, 2)) {
      const lanes = mb ? 4 : 8;
      for (const lane of [0, lanes - 1]) {
        const from = Math.max(0, i - lane);
        const opts: Opts = { ...base, dt, temperature, tMax: dt, walkers: i + 1, walkerRange: [from, i + 1], seed };
        const simd = await run(opts, true);
        expectSame(simd, await run(opts, false));
        // Its first step took that normal: x₁ = x₀ − dt ∇L(x₀) + σ z with z the stream's normal.
        const z = blockStream(seed, i).fillNormal(new Float64Array(2));
        const x0 = Float64Array.from(base.x0);
        const g = (mb ? mullerBrown() : doubleWell()).gradient(x0);
        const sigma = Math.sqrt(2 * temperature * dt);
        const d = x0.length;
        const k = mb ? at : 0; // the coordinate that drew normal `at` (Müller–Brown: x, then y)
        const got = simd.final.data[(i - from) * d + k] as number;
        expect(Math.abs((got - ((x0[k] as number) - dt * (g[k] as number))) / sigma - (z[at] as number))).toBeLessThan(1e-6);
        if (kind === 'tail') expect(Math.abs(z[at] as number)).toBeGreaterThan(3.65);
      }
    }
  });

  it('an abort mid-run returns a prefix of the full run (SIMD on)', async () => {
    const opts: Opts = { ...DW, dt: 0.005, temperature: 0.12, tMax: 50, walkers: 3000, seed: 'simd-abort' };
    const whole = await run({ ...opts, walkers: 200 }, true);
    const controller = new AbortController();
    let reports = 0;
    const part = await simulateEnsemble({
      ...(opts as SimulateEnsembleOptions),
      signal: controller.signal,
      onProgress: () => {
        if (++reports === 2) controller.abort();
      },
    });
    expect(part.stopReason).toBe('aborted');
    const n = Math.min(part.final.data.length, 200);
    expect(n).toBeGreaterThan(0);
    expect(Array.from(part.final.data.subarray(0, n))).toEqual(Array.from(whole.final.data.subarray(0, n)));
  });

  /** The arguments of the exp check: edges of every branch of core's exp, then random ones (fixed seed). */
  function expArguments(): Float64Array {
    const edges: number[] = [
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      1,
      -1,
      0.5,
      1e-300,
      -1e-300,
    ];
    const bits = new Float64Array(1);
    const word = new BigInt64Array(bits.buffer);
    /** x and its k neighbouring doubles each side. */
    const around = (x: number, k: number): void => {
      bits[0] = x;
      const w = word[0] as bigint;
      for (let d = -k; d <= k; d++) {
        word[0] = w + BigInt(d);
        edges.push(...bits);
      }
    };
    // The fast range's ends, overflow and underflow thresholds, the subnormal range's ends, k = 1024.
    for (const x of [
      -708, 709.4, 709.782712893384, -745.1332191019412, -745.1332191019411, -708.3964185322641, 709.0895657128241, -744.44007192138, -1e-17, 1e-17,
    ])
      around(x, 8);
    // Halfway cases of n = round(x·128/ln2) and the table's ends (j = 0, 127) with a k step between.
    const c = 0.005415212347998022;
    for (let m = -130000; m <= 130000; m += 997) {
      around((m + 0.5) * c, 2);
      around(m * c, 1);
    }
    for (let m = -1022 * 128; m <= 1023 * 128; m += 128 * 37) for (const d of [-1, 0, 1, 127, 128]) around((m + d) * c, 1);
    const rng = rngFor('simd-tile-exp', 'exp-bits');
    const random: number[] = [];
    for (let i = 0; i < 100000; i++) {
      const u = rng.uniform();
      // Uniform on [−750, 750] (every branch), on [−20, 20] (the gradients' range), the wedges'
      // −x²/2 for x in [0, 4], magnitudes 2^±10 of either sign, and (−745.2, −708] (subnormal results).
      const kind = i % 5;
      if (kind === 0) random.push(1500 * u - 750);
      else if (kind === 1) random.push(40 * u - 20);
      else if (kind === 2) random.push(-0.5 * (4 * u) ** 2);
      else if (kind === 3) random.push((u < 0.5 ? -1 : 1) * 2 ** (rng.uniform() * 20 - 10));
      else random.push(-708 - 37.2 * u);
    }
    return Float64Array.from([...edges, ...random]);
  }

  it.each([true, false])(
    "the kernels' exp (the Müller–Brown tile's four-wide form: %s) is core's exp bit for bit on 10^5 random and edge arguments",
    (simd) => {
      const x = expArguments();
      const got = simdTileExp(x, simd);
      expect(got).not.toBeNull();
      let bad = 0;
      let first = '';
      let subnormal = 0;
      for (let i = 0; i < x.length; i++) {
        const want = exp(x[i] as number);
        if (want > 0 && want < 2 ** -1022) subnormal++;
        if (!Object.is(got?.[i], want)) {
          if (bad++ === 0) first = `exp(${String(x[i])}) = ${String(want)}, kernel ${String(got?.[i])}`;
        }
      }
      expect(first).toBe('');
      expect(bad).toBe(0);
      // Every branch is exercised: subnormal results, overflow to +∞, underflow to +0, NaN.
      expect(subnormal).toBeGreaterThan(10000);
      // (Of the 20000 uniform on [−750, 750]: ≈ 536 above the overflow threshold, ≈ 65 below the underflow one.)
      expect(x.filter((v) => !(v < 709.4 && v > -708)).length).toBeGreaterThan(20000);
      expect(x.filter((v) => exp(v) === Infinity).length).toBeGreaterThan(500);
      expect(x.filter((v) => exp(v) === 0).length).toBeGreaterThan(50);
      expect(x.filter((v) => Number.isNaN(v)).length).toBe(1);
    },
  );
});
