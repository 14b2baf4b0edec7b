/**
 * The combined entry points (`valueGradient`, `batchValueGradient`) give, bit for bit, what the
 * separate calls give, on every landscape and every finite-sum model; the unchecked batch kernels
 * that the optimizers use give the same bits as the checked methods, and exist only for the
 * library's own models.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng, type Rng } from '../../src/random/rng';
import {
  deepLinearNetwork,
  doubleWell,
  linearRegression,
  logisticRegression,
  mlp,
  mullerBrown,
  quadratic,
  rosenbrock,
  styblinskiTang,
  type FiniteSumModel,
} from '../../src/objectives/index';
import { uncheckedBatchKernels } from '../../src/objectives/finite-sum';
import type { Objective } from '../../src/core/types';

/** The bit patterns of a vector, so that −0 ≠ +0 and every last bit counts. */
const bits = (a: Float64Array): bigint[] => Array.from(new BigUint64Array(Float64Array.from(a).buffer));

const box = (dim: number, lo: number, hi: number): fc.Arbitrary<Float64Array> =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: dim, maxLength: dim }).map((a) => Float64Array.from(a));

/** valueGradient(x, out) returns value(x) and writes gradient(x), with the same bits. */
function sameAsSeparate(f: Objective & { valueGradient(x: Float64Array, out: Float64Array): number }, x: Float64Array): void {
  const out = new Float64Array(f.dim).fill(Number.NaN); // stale contents must not leak through
  const v = f.valueGradient(x, out);
  expect(v).toBe(f.value(x)); // toBe is Object.is: the same double
  expect(bits(out)).toEqual(bits(f.gradient(x)));
}

describe('valueGradient on the landscapes: the bits of value and gradient', () => {
  it("quadratic (random symmetric H of order 1 … 9, so matVec's 4-row blocks and remainders both run)", () => {
    const arb = fc.integer({ min: 1, max: 9 }).chain((d) => fc.tuple(box(d * d, -3, 3), box(d, -2, 2), box(d, -3, 3)));
    fc.assert(
      fc.property(arb, ([b, c, x]) => {
        const d = c.length;
        const H = new Float64Array(d * d);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) H[i * d + j] = (b[i * d + j] as number) + (b[j * d + i] as number);
        sameAsSeparate(quadratic({ hessian: H, center: c }), x);
      }),
      { seed: 701, numRuns: 60 },
    );
  });

  it('doubleWell (quartic and sextic, random direction and transverse curvatures)', () => {
    const arb = fc.integer({ min: 1, max: 5 }).chain((d) =>
      fc.tuple(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        box(d, -1, 1).filter((a) => Math.hypot(...a) > 0.1),
        box(d - 1, 0.1, 20),
        box(d, -2, 2),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })),
      ),
    );
    fc.assert(
      fc.property(arb, ([barrier, curvature, raw, transverse, x, frac]) => {
        const n = Math.hypot(...raw);
        const direction = raw.map((t) => t / n);
        const curvatureSaddle = frac === null ? undefined : (-frac * curvature) / 2;
        // A direction normalised in floating point may miss norm 1 by an ulp or two: within the 1e-12 check.
        sameAsSeparate(doubleWell({ barrier, curvature, curvatureSaddle, direction, transverse }), x);
      }),
      { seed: 702, numRuns: 60 },
    );
  });

  it('styblinskiTang, rosenbrock and mullerBrown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((d) => box(d, -5, 5)),
        (x) => sameAsSeparate(styblinskiTang(x.length), x),
      ),
      { seed: 703, numRuns: 40 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((d) => box(d, -2, 2)),
        (x) => sameAsSeparate(rosenbrock(x.length), x),
      ),
      { seed: 704, numRuns: 40 },
    );
    const V = mullerBrown();
    fc.assert(
      fc.property(fc.tuple(fc.double({ min: -1.5, max: 1.2, noNaN: true }), fc.double({ min: -0.5, max: 2, noNaN: true })), ([a, b]) =>
        sameAsSeparate(V, Float64Array.of(a, b)),
      ),
      { seed: 705, numRuns: 40 },
    );
  });

  it('checks its arguments as gradient does', () => {
    expect(() => rosenbrock(3).valueGradient(new Float64Array(2), new Float64Array(3))).toThrow(/x: expected length 3, received length 2/);
    expect(() => styblinskiTang(2).valueGradient(new Float64Array(2), new Float64Array(3))).toThrow(/out: expected length 2, received length 3/);
    expect(() => mullerBrown().valueGradient(new Float64Array(2), [0, 0] as never)).toThrow(/out: expected a Float64Array/);
  });
});

function rows(rng: Rng, n: number, p: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
}

// N = 150 > 64 (the networks' chunk), so batches longer than 64 span chunks; batches up to 200
// (with repeats) are longer than N, which grows the loss workspace.
const N = 150;
const P = 3;
const models: { name: string; build(r: Rng): FiniteSumModel; scale: number }[] = [
  {
    name: 'linearRegression l2',
    scale: 1,
    build: (r) => linearRegression({ features: rows(r, N, P), targets: rows(r, N, 1).map((x) => x[0] as number), l2: 0.3 }),
  },
  {
    name: 'logisticRegression intercept l2',
    scale: 1,
    build: (r) =>
      logisticRegression({ features: rows(r, N, P), targets: Array.from({ length: N }, () => (r.uniform() < 0.5 ? 1 : 0)), intercept: true, l2: 0.2 }),
  },
  { name: 'linearRegression', scale: 1, build: (r) => linearRegression({ features: rows(r, N, P), targets: rows(r, N, 1).map((x) => x[0] as number) }) },
  {
    name: 'logisticRegression',
    scale: 1,
    build: (r) => logisticRegression({ features: rows(r, N, P), targets: Array.from({ length: N }, () => (r.uniform() < 0.5 ? 1 : 0)) }),
  },
  {
    name: 'mlp leaky-relu mse, no bias',
    scale: 0.7,
    build: (r) => mlp({ layers: [P, 4, 1], activation: 'leaky-relu', bias: false, features: rows(r, N, P), targets: rows(r, N, 1).map((x) => x[0] as number) }),
  },
  {
    name: 'mlp linear cross-entropy soft targets l2',
    scale: 0.7,
    build: (r) =>
      mlp({
        layers: [P, 5, 3],
        activation: 'linear',
        loss: 'cross-entropy',
        l2: 0.05,
        features: rows(r, N, P),
        targets: Array.from({ length: N }, () => {
          const a = [r.uniform(), r.uniform(), r.uniform()];
          const t = a[0]! + a[1]! + a[2]!;
          return a.map((v) => v / t);
        }),
      }),
  },
  { name: 'deepLinearNetwork', scale: 0.7, build: (r) => deepLinearNetwork({ widths: [P, 4, 3, 2], features: rows(r, N, P), targets: rows(r, N, 2) }) },
  {
    name: 'mlp tanh mse l2',
    scale: 0.7,
    build: (r) => mlp({ layers: [P, 9, 6, 2], activation: 'tanh', l2: 0.1, features: rows(r, N, P), targets: rows(r, N, 2) }),
  },
  {
    name: 'mlp relu cross-entropy',
    scale: 0.7,
    build: (r) =>
      mlp({ layers: [P, 5, 4, 3], activation: 'relu', loss: 'cross-entropy', features: rows(r, N, P), targets: Array.from({ length: N }, () => r.integer(3)) }),
  },
  {
    name: 'mlp gelu cross-entropy, no bias',
    scale: 0.7,
    build: (r) =>
      mlp({
        layers: [P, 5, 3],
        activation: 'gelu',
        loss: 'cross-entropy',
        bias: false,
        features: rows(r, N, P),
        targets: Array.from({ length: N }, () => r.integer(3)),
      }),
  },
];

const batches = fc.array(fc.integer({ min: 0, max: N - 1 }), { minLength: 1, maxLength: 200 }).map((a) => Uint32Array.from(a));

describe.each(models)('$name: combined and unchecked entry points', ({ build, scale }) => {
  const rng = createRng('value-gradient');
  const f = build(rng);
  const kernels = uncheckedBatchKernels(f);

  it('batchValueGradient = (batchValue, batchGradient) and the unchecked kernels the same, bit for bit, on random batches', () => {
    expect(kernels).not.toBeNull();
    const k = kernels!;
    fc.assert(
      fc.property(batches, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (batch, s) => {
        const x = createRng(s).fillNormal(new Float64Array(f.dim), 0, scale);
        const g = f.batchGradient(x, batch);
        const v = f.batchValue(x, batch);
        const out = new Float64Array(f.dim).fill(Number.NaN);
        expect(f.batchValueGradient(x, batch, out)).toBe(v);
        expect(bits(out)).toEqual(bits(g));
        const u = new Float64Array(f.dim).fill(Number.NaN);
        expect(k.batchValueGradient(x, batch, u)).toBe(v);
        expect(bits(u)).toEqual(bits(g));
        u.fill(Number.NaN);
        expect(k.batchGradient(x, batch, u)).toBe(u);
        expect(bits(u)).toEqual(bits(g));
        expect(k.batchValue(x, batch)).toBe(v);
      }),
      { seed: 710, numRuns: 25 },
    );
  });

  it('valueGradient = (value, gradient), bit for bit (the full batch)', () => {
    for (let s = 0; s < 5; s++) {
      const x = createRng(`vg-${s}`).fillNormal(new Float64Array(f.dim), 0, scale);
      const out = new Float64Array(f.dim);
      expect(f.valueGradient(x, out)).toBe(f.value(x));
      expect(bits(out)).toEqual(bits(f.gradient(x)));
    }
  });

  it('keeps the public methods checked: bad indices are a RangeError naming batch', () => {
    const x = new Float64Array(f.dim);
    const bad = Uint32Array.of(0, N);
    const out = new Float64Array(f.dim);
    for (const call of [
      () => f.batchGradient(x, bad, out),
      () => f.batchValue(x, bad),
      () => f.batchValueGradient(x, bad, out),
      () => f.batchHvp(x, bad, x, out),
    ]) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(new RegExp(`^batch: expected indices in \\[0, ${N - 1}\\], received ${N} at position 1$`));
    }
    expect(() => f.batchValueGradient(x, new Uint32Array(0), out)).toThrow(/batch: expected at least one index, received an empty batch/);
    expect(() => f.batchValueGradient(new Float64Array(1), Uint32Array.of(0), out)).toThrow(new RegExp(`x: expected length ${f.dim}, received length 1`));
    expect(() => f.valueGradient(x, new Float64Array(1))).toThrow(new RegExp(`out: expected length ${f.dim}, received length 1`));
  });
});

describe('uncheckedBatchKernels', () => {
  it('is null for anything that is not one of the library models (a user objective, a spread copy, a non-object)', () => {
    const model = linearRegression({ features: [[1], [2]], targets: [1, 2] });
    expect(uncheckedBatchKernels(model)).not.toBeNull();
    const user = {
      dim: 1,
      size: 2,
      value: (x: Float64Array) => (x[0] as number) ** 2,
      gradient: (x: Float64Array) => Float64Array.of(2 * (x[0] as number)),
      batchValue: (x: Float64Array) => (x[0] as number) ** 2,
      batchGradient: (x: Float64Array) => Float64Array.of(2 * (x[0] as number)),
    };
    expect(uncheckedBatchKernels(user)).toBeNull();
    expect(uncheckedBatchKernels({ ...model })).toBeNull();
    expect(uncheckedBatchKernels(null)).toBeNull();
    expect(uncheckedBatchKernels(3)).toBeNull();
  });

  it('belongs to its own model (two models on different data give different numbers)', () => {
    const a = linearRegression({ features: [[1], [2]], targets: [1, 2] });
    const b = linearRegression({ features: [[1], [2]], targets: [3, 5] });
    const x = Float64Array.of(0);
    const batch = Uint32Array.of(0, 1);
    expect(uncheckedBatchKernels(a)!.batchValue(x, batch)).toBe(a.batchValue(x, batch));
    expect(uncheckedBatchKernels(b)!.batchValue(x, batch)).toBe(b.batchValue(x, batch));
    expect(a.batchValue(x, batch)).not.toBe(b.batchValue(x, batch));
  });
});
