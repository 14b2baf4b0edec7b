/**
 * Issue 15's findings, one regression test each (the losses' lost digits are in
 * test/objectives/stable-losses.test.ts; every export's bad-input behaviour in fuzz-exports.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { asymmetry, checkSymmetricMatrix, checkKnownOptions, matVec, meanStandardError, symmetricEigen, symmetrizeInPlace } from '../../src/core/index';
import { createRng, sampleWithoutReplacement, shuffle } from '../../src/random/index';
import {
  activation,
  checkBatch,
  classifyEigenvalues,
  criticalPointFromHessian,
  gaussianBlobs,
  gradientCovariance,
  linearRegression,
  linearTeacher,
  networkLayout,
  quadratic,
  rosenbrock,
} from '../../src/objectives/index';
import { createStepState, createStepWorkspace, gd, gdStep, gradientFlow, noisyGdStep, sgd, sgdStep } from '../../src/optim/index';
import { csrOperator, denseOperator, hutchinsonTrace, rademacherProbe } from '../../src/spectral/index';
import { checkHvp } from '../../src/testing/index';

const model = linearRegression({
  features: [
    [1, 0],
    [0, 1],
    [1, 1],
    [2, 1],
  ],
  targets: [1, 2, 3, 4],
});
const q = quadratic({
  hessian: [
    [2, 0],
    [0, 1],
  ],
});

describe('silent NaN or wrong results', () => {
  it('gradientCovariance refuses size 0, a NaN per-sample gradient and dim NaN, naming them', () => {
    const x = Float64Array.of(0.5, 0.5);
    expect(() => gradientCovariance({ ...model, size: 0 }, x)).toThrow(/objective.size: expected an integer ≥ 1, received 0/);
    const nan = { ...model, sampleGradient: (_x: Float64Array, _n: number, out: Float64Array) => out.fill(NaN) };
    expect(() => gradientCovariance(nan as never, x)).toThrow(/objective.sampleGradient: expected finite values, received NaN/);
    expect(() => gradientCovariance({ ...model, dim: NaN }, x)).toThrow(/objective.dim: expected an integer, received NaN/);
  });
  it("a schedule returning '0.1' or NaN stops the run with an error naming options.lr, not NaN times", () => {
    expect(() => gd(q, [1, 1], { lr: (() => '0.1') as never, steps: 3 })).toThrow(
      /options.lr: expected the schedule to return a positive finite number, received "0.1" at step 0/,
    );
    expect(() => gd(q, [1, 1], { lr: (k: number) => (k < 1 ? 0.1 : NaN), steps: 3 })).toThrow(/options.lr: .* received NaN at step 1/);
  });
  it('symmetry tolerances must be numbers ≥ 0: NaN no longer passes a non-symmetric matrix', () => {
    expect(() =>
      symmetricEigen(
        [
          [1, 5],
          [0, 1],
        ],
        { symmetryTol: NaN },
      ),
    ).toThrow(/options.symmetryTol: expected a number ≥ 0/);
    expect(() => checkSymmetricMatrix('a', Float64Array.of(1, 5, 0, 1), 2, NaN)).toThrow(/tol: expected a number ≥ 0/);
    expect(() => checkSymmetricMatrix('a', Float64Array.of(1, 5, 0, 1), 2, 1e-12)).toThrow(/a: expected a symmetric matrix/);
    expect(() => checkSymmetricMatrix('a', Float64Array.of(1, 5, 0, 1), 2, Infinity)).not.toThrow(); // documented: Infinity skips
  });
  it('classifyEigenvalues and criticalPointFromHessian check their tolerance', () => {
    expect(() => classifyEigenvalues(Float64Array.of(1, -1, 2), -1)).toThrow(/zeroTol: expected a non-negative number, received -1/);
    expect(classifyEigenvalues(Float64Array.of(1, -1, 2))).toEqual({ index: 1, kind: 'saddle' });
    expect(() => criticalPointFromHessian(Float64Array.of(0, 0), 0, Float64Array.of(1, 0, 0, 1), NaN)).toThrow(
      /zeroTol: expected a finite number, received NaN/,
    );
    expect(() => criticalPointFromHessian(Float64Array.of(0, 0), 0, Float64Array.of(1, 5, 0, 1))).toThrow(/hessian: expected a symmetric matrix/);
  });
  it('operators refuse a wrong-length x or out instead of returning zeros or NaN', () => {
    const d = denseOperator([
      [1, 0],
      [0, 1],
    ]);
    expect(() => d.apply(Float64Array.of(1, 2, 3), new Float64Array(2))).toThrow(/x: expected a Float64Array of length 2, received Float64Array\(3\)/);
    const c = csrOperator({ dim: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] });
    expect(() => c.apply(Float64Array.of(1), new Float64Array(2))).toThrow(/x: expected a Float64Array of length 2/);
    expect(() => c.apply(Float64Array.of(1, 2), new Float64Array(3))).toThrow(/out: expected a Float64Array of length 2/);
  });
  it('networkLayout refuses a parameter count that is not a safe integer', () => {
    expect(() => networkLayout([1e9, 1e9, 1e9], true)).toThrow(/widths: expected widths whose parameter count is a safe integer/);
    expect(networkLayout([3, 4, 2], true).dim).toBe(26);
  });
});

describe('the step-level API checks its arguments', () => {
  const ws = createStepWorkspace(2);
  it('gdStep refuses lr −0.5 instead of stepping uphill', () => {
    expect(() => gdStep(q, createStepState(Float64Array.of(1, 1)), { lr: -0.5 }, ws)).toThrow(/options.lr: expected a positive number, received -0.5/);
  });
  it('noisyGdStep without temperature names it (no false that reads as divergence)', () => {
    expect(() => noisyGdStep(q, createStepState(Float64Array.of(1, 1), 1), { lr: 0.1 } as never, ws)).toThrow(
      /options.temperature: expected a finite number, received undefined/,
    );
  });
  it("createStepState('abc') and a bad seed are refused", () => {
    expect(() => createStepState('abc' as never)).toThrow(/x0: expected a Float64Array or an array of numbers, received "abc"/);
    expect(() => createStepState(Float64Array.of(1), {} as never)).toThrow(
      /seed: expected a seed \(a finite number or a string\) or an Rng, received an object/,
    );
    expect(() => createStepState(Float64Array.of(1), NaN)).toThrow(/seed: expected a finite number or a string, received NaN/);
  });
  it('state, workspace and options are checked against the objective; unknown keys refused', () => {
    expect(() => gdStep(q, createStepState(Float64Array.of(1, 1, 1)), { lr: 0.1 }, ws)).toThrow(
      /state.x: expected length 2 \(objective.dim\), received length 3/,
    );
    expect(() => gdStep(q, createStepState(Float64Array.of(1, 1)), { lr: 0.1 }, createStepWorkspace(3))).toThrow(
      /ws.grad: expected a Float64Array of length 2/,
    );
    expect(() => gdStep(q, createStepState(Float64Array.of(1, 1)), { lr: 0.1, momentun: 0.9 } as never, ws)).toThrow(/options.momentun: unknown option/);
    const s = createStepState(Float64Array.of(0, 0), 1);
    expect(() => sgdStep(model, s, { lr: 0.1, batchSize: 9 }, createStepWorkspace(2, 9))).toThrow(
      /options.batchSize: expected an integer in \[1, 4\], received 9/,
    );
    expect(() => sgdStep(model, s, { lr: 0.1, batchSize: 2 }, createStepWorkspace(2, 3))).toThrow(/ws.batch: expected a Uint32Array of length 2/);
  });
  it('a valid loop still gives the driver’s bits (the checks change no number)', () => {
    const run = gd(q, [1, 1], { lr: 0.1, steps: 5 });
    const s = createStepState(Float64Array.of(1, 1));
    const opts = { lr: 0.1 };
    for (let k = 0; k < 5; k++) expect(gdStep(q, s, opts, ws)).toBe(true);
    expect(Array.from(s.x)).toEqual(Array.from(run.final));
  });
});

describe('resume validates its input', () => {
  const run = sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 3, seed: 1 });
  const resume = (order: number[]) => () => sgd(model, null, { lr: 0.1, batchSize: 2, steps: 3, resume: { ...run.state, order } });
  it('order must be a permutation; an out-of-range index names options.resume.order, not batch', () => {
    expect(resume([0, 0, 0, 0])).toThrow(/options.resume.order: expected a permutation of 0..3, received 0 at index 1 \(a repeat\)/);
    expect(resume([0, 1, 2, 9])).toThrow(/options.resume.order: expected a permutation of 0..3, received 9 at index 3/);
    expect(resume([0, 1, 2])).toThrow(/options.resume.order: expected a permutation of length 4, received length 3/);
    expect(() => sgd(model, null, { lr: 0.1, batchSize: 2, steps: 3, resume: { ...run.state, rngState: { ...run.state.rngState, s0: 2 } as never } })).toThrow(
      /options.resume.rngState.s0: expected a number in \[0, 1\)/,
    );
  });
  it('x0: null with resume stays legal and continues the run exactly', () => {
    const whole = sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 6, seed: 1 });
    const rest = sgd(model, null, { lr: 0.1, batchSize: 2, steps: 3, resume: run.state });
    expect(Array.from(rest.final)).toEqual(Array.from(whole.final));
  });
});

describe('valid input works and huge input is refused up front, naming the option', () => {
  // The case itself (a Set holds at most 2²⁴ entries): ~7 s of random draws on one core, the cost of 4e7 draws.
  it('sampleWithoutReplacement(rng, 3e7, 2e7) returns 2e7 distinct indices (no "Set maximum size exceeded")', () => {
    const b = sampleWithoutReplacement(createRng(1), 3e7, 2e7);
    expect(b.length).toBe(2e7);
    const seen = new Uint8Array(3e7);
    let ok = true;
    for (let k = 0; k < b.length; k++) {
      const i = b[k] as number;
      if (i >= 3e7 || seen[i] === 1) ok = false;
      seen[i] = 1;
    }
    expect(ok).toBe(true);
  });
  it('the Set and bitmap paths draw the same sample (the bitmap only replaces the membership test)', () => {
    // Below and above 2²⁰: both are Floyd's algorithm on the same draws; compare against a plain re-implementation.
    for (const [n, k] of [
      [50, 20],
      [1.2e6, 1.1e6], // just above 2²⁰ = 1048576: the bitmap path
    ] as const) {
      const rng = createRng(5);
      const ref = createRng(5);
      const got = sampleWithoutReplacement(rng, n, k);
      const taken = new Set<number>();
      const want = new Uint32Array(k);
      let m = 0;
      for (let j = n - k; j < n; j++) {
        const t = ref.integer(j + 1);
        const pick = taken.has(t) ? j : t;
        taken.add(pick);
        want[m++] = pick;
      }
      for (let i = k - 1; i > 0; i--) {
        const j = ref.integer(i + 1);
        const t = want[i] as number;
        want[i] = want[j] as number;
        want[j] = t;
      }
      expect(got).toEqual(want);
    }
  });
  it('steps 1e12 with every 1, points, samples, dim and probes 1e12 are refused before any work', () => {
    const limit = /expected at most 134217728 elements \(1 GiB of doubles\)/;
    expect(() => gd(q, [1, 1], { lr: 0.1, steps: 1e12, every: 1 })).toThrow(new RegExp(`options.steps: ${limit.source}`));
    expect(() => gradientFlow(q, [1, 1], { t1: 1, points: 1e12 })).toThrow(new RegExp(`options.points: ${limit.source}`));
    expect(() => gaussianBlobs({ samples: 1e12 })).toThrow(new RegExp(`options.samples: ${limit.source}`));
    expect(() => linearTeacher({ samples: 10, dim: 1e12 })).toThrow(new RegExp(`options.dim: ${limit.source}`));
    expect(() => hutchinsonTrace(denseOperator([[1]]), { probes: 1e12 })).toThrow(new RegExp(`options.probes: ${limit.source}`));
    expect(() => rosenbrock(1e12)).toThrow(new RegExp(`dim: ${limit.source}`));
  });
});

describe('no hang when a size is Infinity', () => {
  it('asymmetry, checkSymmetricMatrix, symmetrizeInPlace, matVec and meanStandardError refuse it at once', () => {
    const a = Float64Array.of(1, 2, 2, 1);
    expect(() => asymmetry(a, Infinity)).toThrow(/n: expected an integer, received Infinity/);
    expect(() => checkSymmetricMatrix('a', a, Infinity)).toThrow(/n: expected an integer, received Infinity/);
    expect(() => symmetrizeInPlace(a, Infinity)).toThrow(/n: expected an integer, received Infinity/);
    expect(() => matVec(a, Infinity, 2, Float64Array.of(1, 1), new Float64Array(2))).toThrow(/rows: expected an integer, received Infinity/);
    expect(() => meanStandardError(Infinity, () => 1)).toThrow(/count: expected an integer, received Infinity/);
    expect(() => meanStandardError(2, () => NaN)).toThrow(/sample: expected a finite number from sample\(0\), received NaN/);
  });
});

describe('clear errors', () => {
  it('seed {} and seed null name options.seed', () => {
    expect(() => sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 2, seed: {} as never })).toThrow(
      /options.seed: expected a finite number or a string, received an object/,
    );
    expect(() => sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 2, seed: null as never })).toThrow(
      /options.seed: expected a finite number or a string, received null/,
    );
  });
  it("activation('relu', null) names options", () => {
    expect(() => activation('relu', null as never)).toThrow(/options: expected an options object, received null/);
  });
  it('dataset and checkHvp seed errors name options.seed', () => {
    expect(() => gaussianBlobs({ samples: 4, seed: {} as never })).toThrow(/options.seed: expected/);
    expect(() => checkHvp(rosenbrock(2), [0, 0], undefined, { seed: NaN })).toThrow(/options.seed: expected/);
  });
  it('sampling helpers refuse a number as rng', () => {
    expect(() => shuffle(3 as never, [1, 2, 3])).toThrow(/rng: expected an Rng \(createRng\(seed\)\), received 3/);
    expect(() => sampleWithoutReplacement(3 as never, 5, 2)).toThrow(/rng: expected an Rng/);
  });
  it("rademacherProbe: NaN and undefined refused, 'NaN' is a string seed", () => {
    expect(() => rademacherProbe(NaN, 0, new Float64Array(3))).toThrow(/seed: expected a finite number or a string, received NaN/);
    expect(() => rademacherProbe(undefined as never, 0, new Float64Array(3))).toThrow(/seed: expected a finite number or a string, received undefined/);
    expect(() => rademacherProbe(1, 0, null as never)).toThrow(/out: expected a Float64Array, received null/);
    expect(rademacherProbe('NaN', 0, new Float64Array(3)).every((v) => v === 1 || v === -1)).toBe(true);
  });
  it('checkBatch checks size', () => {
    expect(() => checkBatch('batch', new Uint32Array([0]), 0)).toThrow(/size: expected an integer ≥ 1, received 0/);
    expect(() => checkBatch('batch', new Uint32Array([0]), NaN)).toThrow(/size: expected an integer, received NaN/);
  });
  it('misspelt options are refused with the nearest known name, nested ones with their prefix; deprecated aliases are known', () => {
    expect(() => sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 2, momentun: 0.9 } as never)).toThrow(
      'options.momentun: unknown option; did you mean momentum?',
    );
    expect(() => gradientFlow(q, [1, 1], { t1: 1, tolerance: 1e-6 } as never)).toThrow(/options.tolerance: unknown option; known options: /);
    expect(() =>
      sgd(model, null, { lr: 0.1, batchSize: 2, steps: 2, resume: { ...sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 1 }).state, cursr: 0 } as never }),
    ).toThrow(/options.resume.cursr: unknown option; did you mean cursor\?/);
    expect(() => linearRegression({ features: [[1]], targets: [1] })).not.toThrow();
    expect(() => checkKnownOptions('options', 42 as never, ['a'])).toThrow(/options: expected an options object, received 42/);
  });
});

describe('seeds: 7 and "7" are the same seed (documented, kept)', () => {
  it('a number seed is read as its decimal string, everywhere', () => {
    // Documented in createRng and docs/core.md: separating them would change what every seeded test meant.
    expect(createRng(7).uniform()).toBe(createRng('7').uniform());
    const a = sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 4, seed: 7 });
    const b = sgd(model, [0, 0], { lr: 0.1, batchSize: 2, steps: 4, seed: '7' });
    expect(Array.from(a.final)).toEqual(Array.from(b.final));
    expect(createRng(7).uniform()).not.toBe(createRng(8).uniform());
  });
});
