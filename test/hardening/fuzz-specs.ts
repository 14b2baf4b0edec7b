/**
 * The fuzz test's spec table: one entry per export of every subpath (an export without one fails the
 * test). An entry gives valid arguments (`args`, small so that each call takes milliseconds), the
 * names error messages use for them (`names`), and optionally which arguments are fuzzed (`mutate`),
 * which option paths are legitimate long work (`work`: not fed 1e12) and which are skipped (`skip`,
 * with the reason beside it). To add an export: a few lines with a valid call.
 *
 * @module
 */
import { toPoints } from '../../src/core/index';
import { blockStream, createRng } from '../../src/random/index';
import { simulateEnsemble } from '../../src/langevin/index';
import { doubleWell, linearRegression, mullerBrown, quadratic, rosenbrock } from '../../src/objectives/index';
import { denseOperator } from '../../src/spectral/index';
import { createStepState, createStepWorkspace } from '../../src/optim/index';
import type { FuzzSpec } from './fuzz-engine';

const q2 = (): ReturnType<typeof quadratic> =>
  quadratic({
    hessian: [
      [2, 0.5],
      [0.5, 1],
    ],
  });
const model = (): ReturnType<typeof linearRegression> =>
  linearRegression({
    features: [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, -1],
    ],
    targets: [1, 2, 3, 0],
  });
const op2 = (): ReturnType<typeof denseOperator> =>
  denseOperator([
    [2, 1],
    [1, 3],
  ]);
const op4 = (): ReturnType<typeof denseOperator> =>
  denseOperator([
    [4, 1, 0, 0],
    [1, 3, 1, 0],
    [0, 1, 2, 1],
    [0, 0, 1, 1],
  ]);
const vec = (...x: number[]): Float64Array => Float64Array.from(x);
const csr = (): { dim: number; rowPointers: number[]; columnIndices: number[]; values: number[] } => ({
  dim: 2,
  rowPointers: [0, 2, 4],
  columnIndices: [0, 1, 0, 1],
  values: [2, 1, 1, 3],
});
const ode = (_t: number, y: Float64Array, out: Float64Array): void => {
  out[0] = -(y[0] as number);
};
/** n points on the unit circle (the diffusion-map inputs). */
const circle = (n: number): number[][] => Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
/** A short planar trajectory (the analysis inputs): a damped spiral, times 0, 0.1, …. */
const spiral = (): { points: number[][]; times: number[] } => {
  const times = Array.from({ length: 12 }, (_, k) => 0.1 * k);
  return { points: times.map((t) => [Math.exp(-0.1 * t) * Math.cos(t), Math.exp(-0.1 * t) * Math.sin(t)]), times };
};
/** A small ensemble result, for mergeEnsembles (computed once when the worker loads). */
const ENSEMBLE = await simulateEnsemble({
  objective: doubleWell(),
  x0: [-1],
  dt: 0.01,
  temperature: 0.2,
  tMax: 0.1,
  walkers: 4,
  seed: 1,
  stop: { coordinate: 0, atLeast: 0 },
});

/** Names of argument-check helpers: (name, value, ...) where the fuzzed value is the second argument. */
const check = (valid: unknown, ...rest: unknown[]): FuzzSpec => ({ args: () => ['x', valid, ...rest], names: ['name', 'x'], mutate: [1] });

export const SPECS: Record<string, FuzzSpec> = {
  // ---- core: error classes and constants
  DimensionError: { kind: 'class' },
  NonFiniteError: { kind: 'class' },
  SymmetryError: { kind: 'class' },
  describeValue: { args: () => [3], names: ['value'] },
  // ---- core: checks (the value argument is fuzzed; their message names the `name` given, here 'x')
  checkAllFinite: check([1, 2]),
  checkBoolean: check(true),
  checkFiniteNumber: check(1),
  checkFunction: check(() => 1),
  checkInRange: check(0.5, 0, 1),
  checkInteger: check(2),
  checkKnownOptions: { args: () => ['options', { a: 1 }, ['a', 'b']], names: ['prefix', 'options', 'known'], mutate: [1] },
  checkLength: { args: () => ['x', 2, 2], names: ['name', 'x', 'expected'], mutate: [1] },
  checkNonNegative: check(1),
  checkOneOf: check('a', ['a', 'b']),
  checkOptions: check({ a: 1 }),
  checkPositive: check(1),
  checkPositiveInteger: check(2),
  checkSeed: check(1),
  checkSignal: check(new AbortController().signal),
  checkVector: check([1, 2], 2),
  optionWithAlias: { args: () => [{ fdStep: 1 }, 'fdStep', 'step', 'options'], names: ['opts'], mutate: [] },
  outVector: { ...check(new Float64Array(2), 2), mutated: [1] },
  // ---- core: BLAS-1 kernels, documented as unchecked (hot paths; lengths and finiteness are the caller's)
  axpy: { args: () => [2, vec(1, 2), vec(3, 4)], names: ['a', 'x', 'y'], unchecked: true },
  copy: { args: () => [vec(1, 2), new Float64Array(2)], names: ['x', 'out'], unchecked: true },
  distance: { args: () => [vec(1, 2), vec(3, 4)], names: ['x', 'y'], unchecked: true },
  dot: { args: () => [vec(1, 2), vec(3, 4)], names: ['x', 'y'], unchecked: true },
  norm2: { args: () => [vec(1, 2)], names: ['x'], unchecked: true },
  scale: { args: () => [2, vec(1, 2)], names: ['a', 'x'], unchecked: true },
  sub: { args: () => [vec(1, 2), vec(3, 4), new Float64Array(2)], names: ['x', 'y', 'out'], unchecked: true },
  // ---- core: elementary functions (engine-independent exp, log, sin, …), documented as unchecked like Math.*: NaN in →
  // NaN out, ±Infinity mapped as IEEE 754 says; they run inside hot loops (per point, per step), where a check would cost
  // more than the function. A non-number argument is the caller's (typed `number`).
  acos: { args: () => [0.5], names: ['x'], unchecked: true },
  asinh: { args: () => [0.5], names: ['x'], unchecked: true },
  cbrt: { args: () => [0.5], names: ['x'], unchecked: true },
  cos: { args: () => [0.5], names: ['x'], unchecked: true },
  exp: { args: () => [0.5], names: ['x'], unchecked: true },
  expm1: { args: () => [0.5], names: ['x'], unchecked: true },
  hypot: { args: () => [0.5, 2], names: ['x', 'y'], unchecked: true },
  log: { args: () => [0.5], names: ['x'], unchecked: true },
  log1p: { args: () => [0.5], names: ['x'], unchecked: true },
  log2: { args: () => [0.5], names: ['x'], unchecked: true },
  sin: { args: () => [0.5], names: ['x'], unchecked: true },
  tanh: { args: () => [0.5], names: ['x'], unchecked: true },
  // ---- core: dense helpers
  // matVec, the BLAS-2 kernel of dense operators: O(1) shape checks (no hang), entries unchecked like BLAS-1.
  matVec: { args: () => [vec(1, 2, 3, 4), 2, 2, vec(1, 1), new Float64Array(2)], names: ['A', 'rows', 'cols', 'x', 'out'], unchecked: true },
  meanStandardError: { args: () => [4, (i: number) => i], names: ['count', 'sample'], work: ['count'] },
  toPoints: {
    args: () => [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    names: ['points'],
  },
  pointRow: {
    args: () => [
      toPoints([
        [1, 2],
        [3, 4],
      ]),
      1,
    ],
    names: ['points', 'i'],
  },
  toSquareMatrix: {
    args: () => [
      'a',
      [
        [1, 2],
        [3, 4],
      ],
    ],
    names: ['name', 'a'],
    mutate: [1],
  },
  toMatrix: {
    args: () => [
      'a',
      [
        [1, 2, 3],
        [3, 4, 5],
      ],
    ],
    names: ['name', 'a'],
    mutate: [1],
  },
  toMlMatrix: { args: () => [vec(1, 2, 3, 4), 2], names: ['data', 'n'] },
  asymmetry: { args: () => [vec(1, 2, 2, 1), 2], names: ['data', 'n'] },
  checkSymmetricMatrix: { args: () => ['a', vec(1, 2, 2, 1), 2, 1e-12], names: ['name', 'a', 'n', 'tol'], mutate: [1, 2, 3] },
  matrixFromProducts: { args: () => [2, (v: Float64Array, out: Float64Array) => out.set(v)], names: ['n', 'apply'] },
  symmetrizeInPlace: { args: () => [vec(1, 2, 3, 1), 2], names: ['data', 'n'] },
  symmetricEigen: {
    args: () => [
      [
        [2, 1],
        [1, 2],
      ],
      { order: 'ascending', symmetryTol: 1e-12 },
    ],
    names: ['matrix', 'options'],
  },
  dormandPrince: { args: () => [ode, [1], 0, 1, { rtol: 1e-6 }], names: ['f', 'y0', 't0', 't1', 'options'], work: ['t1', 't0'] },
  dormandPrinceAsync: { args: () => [ode, [1], 0, 1, { rtol: 1e-6 }], names: ['f', 'y0', 't0', 't1', 'options'], work: ['t1', 't0'] },
  dop853: { args: () => [ode, [1], 0, 1, { rtol: 1e-6 }], names: ['f', 'y0', 't0', 't1', 'options'], work: ['t1', 't0'] },
  dop853Async: { args: () => [ode, [1], 0, 1, { rtol: 1e-6 }], names: ['f', 'y0', 't0', 't1', 'options'], work: ['t1', 't0'] },
  csrMatrix: { args: () => [csr()], names: ['matrix'], options: [0] },
  csrLinearOperator: { args: () => [csr()], names: ['matrix'], options: [0] },
  bandedLu: { args: () => [csr(), {}], names: ['matrix', 'options'] },
  sparseLu: { args: () => [csr(), {}], names: ['matrix', 'options'] },
  // ---- random
  createRng: { args: () => [1], names: ['seed'] },
  streamRng: { args: () => [1, 2], names: ['seed', 'index'] },
  rngFor: { args: () => ['init', 1, 0], names: ['purpose', 'seed', 'index'] },
  rngFromState: { args: () => [createRng(1).state()], names: ['state'], options: [0] },
  blockStream: { args: () => [1, 2], names: ['seed', 'index'] },
  blockRngFromState: { args: () => [JSON.parse(JSON.stringify(blockStream(1, 2).state())) as unknown], names: ['state'], options: [0] },
  permutation: { args: () => [createRng(1), 5], names: ['rng', 'n'] },
  sampleWithReplacement: { args: () => [createRng(1), 10, 3], names: ['rng', 'n', 'batchSize'] },
  sampleWithoutReplacement: { args: () => [createRng(1), 10, 3], names: ['rng', 'n', 'batchSize'] },
  shuffle: { args: () => [createRng(1), [1, 2, 3]], names: ['rng', 'array'], mutated: [1] }, // shuffled in place: any values, NaN included
  // ---- objectives
  ACTIVATION_NAMES: { kind: 'constant' },
  DEFAULT_FD_STEP: { kind: 'constant' },
  SHAPE_NAMES: { kind: 'constant' },
  activation: { args: () => ['leaky-relu', { negativeSlope: 0.1 }], names: ['name', 'options'], related: { name: ['activation'] } },
  checkBatch: { args: () => ['batch', new Uint32Array([0, 1]), 4], names: ['name', 'batch', 'size'], mutate: [1, 2] },
  classifyEigenvalues: { args: () => [vec(1, -1, 2), 1e-10], names: ['eigenvalues', 'zeroTol'] },
  criticalPointFromHessian: {
    args: () => [vec(0, 0), 1, vec(1, 0, 0, 2), 1e-10],
    names: ['point', 'value', 'hessian', 'zeroTol'],
    related: { point: ['hessian'] }, // a longer point is refused as a Hessian of the wrong order
  },
  denseHessian: { args: () => [q2(), vec(1, 1)], names: ['objective', 'x'] },
  newtonCriticalPoint: { args: () => [q2(), [1, 1], { gradientTol: 1e-10 }], names: ['objective', 'x0', 'options'], work: ['options.maxIterations'] },
  quadratic: {
    args: () => [
      {
        hessian: [
          [2, 0.5],
          [0.5, 1],
        ],
        center: [1, 0],
      },
    ],
    names: ['options'],
  },
  doubleWell: { args: () => [{ barrier: 1, curvature: 4 }], names: ['options'] },
  doubleWellFiniteSum: { args: () => [{ size: 8, noise: 1, seed: 1 }], names: ['options'] },
  styblinskiTang: { args: () => [2], names: ['dim'] },
  mullerBrown: { args: () => [], names: [] },
  rosenbrock: { args: () => [3], names: ['dim'] },
  finiteDifferenceHvp: { args: () => [q2(), { fdStep: 1e-5 }], names: ['objective', 'options'] },
  networkLayout: { args: () => [[2, 3, 1], true], names: ['widths', 'bias'] },
  linearRegression: {
    args: () => [
      {
        features: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        targets: [1, 2, 3],
        l2: 0.1,
      },
    ],
    names: ['options'],
  },
  // labels is the deprecated alias of targets: without it the message names options.targets.
  logisticRegression: {
    args: () => [
      {
        features: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        labels: [0, 1, 1],
        l2: 0.1,
      },
    ],
    names: ['options'],
    related: { 'options.labels': ['options.targets'] },
  },
  sigmoid: { args: () => [0.5], names: ['z'] },
  softplus: { args: () => [0.5], names: ['z'] },
  mlp: {
    args: () => [
      {
        layers: [2, 3, 1],
        activation: 'tanh',
        features: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        targets: [1, 2, 3],
        loss: 'mse',
      },
    ],
    names: ['options'],
  },
  deepLinearNetwork: {
    args: () => [
      {
        widths: [2, 2, 1],
        features: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        targets: [[1], [2], [3]],
      },
    ],
    names: ['options'],
  },
  gradientCovariance: { args: () => [model(), vec(0.5, 0.5), { batchSize: 2 }], names: ['objective', 'x', 'options'] },
  gaussianBlobs: { args: () => [{ samples: 10, classes: 2, dim: 2, seed: 1 }], names: ['options'] },
  twoMoons: { args: () => [{ samples: 10, noise: 0.1, seed: 1 }], names: ['options'] },
  linearTeacher: { args: () => [{ samples: 10, dim: 2, noise: 0.1, seed: 1 }], names: ['options'] },
  shapeImages: { args: () => [{ samples: 8, size: 5, classes: 2, seed: 1 }], names: ['options'] },
  // ---- optim (steps are legitimate long work; huge snapshot counts are refused: every: 1 below)
  gd: { args: () => [q2(), [1, 1], { lr: 0.1, steps: 5, every: 1 }], names: ['objective', 'x0', 'options'] },
  gdAsync: { args: () => [q2(), [1, 1], { lr: 0.1, steps: 5, every: 1 }], names: ['objective', 'x0', 'options'] },
  sgd: { args: () => [model(), [0, 0], { lr: 0.1, batchSize: 2, steps: 5, momentum: 0.5, seed: 1, every: 1 }], names: ['objective', 'x0', 'options'] },
  sgdAsync: { args: () => [model(), [0, 0], { lr: 0.1, batchSize: 2, steps: 5, momentum: 0.5, seed: 1, every: 1 }], names: ['objective', 'x0', 'options'] },
  noisyGd: { args: () => [q2(), [1, 1], { lr: 0.1, temperature: 0.1, steps: 5, seed: 1, every: 1 }], names: ['objective', 'x0', 'options'] },
  noisyGdAsync: { args: () => [q2(), [1, 1], { lr: 0.1, temperature: 0.1, steps: 5, seed: 1, every: 1 }], names: ['objective', 'x0', 'options'] },
  gradientFlow: { args: () => [q2(), [1, 1], { t1: 1, rtol: 1e-6 }], names: ['objective', 'x0', 'options'], work: ['options.t1'] },
  gradientFlowAsync: { args: () => [q2(), [1, 1], { t1: 1, rtol: 1e-6 }], names: ['objective', 'x0', 'options'], work: ['options.t1'] },
  constantLr: { args: () => [0.1], names: ['lr'] },
  stepLr: { args: () => [0.1, { stepSize: 10, gamma: 0.5 }], names: ['lr', 'options'] },
  cosineLr: { args: () => [0.1, { horizon: 100, minLr: 0.01 }], names: ['lr', 'options'] },
  inverseTimeLr: { args: () => [0.1, { decay: 0.01 }], names: ['lr', 'options'] },
  createStepState: { args: () => [vec(1, 1), 1], names: ['x0', 'seed'] },
  createStepWorkspace: { args: () => [2, 2], names: ['dim', 'batchSize'] },
  gdStep: { args: () => [q2(), createStepState(vec(1, 1)), { lr: 0.1 }, createStepWorkspace(2)], names: ['objective', 'state', 'options', 'ws'] },
  noisyGdStep: {
    args: () => [q2(), createStepState(vec(1, 1), 1), { lr: 0.1, temperature: 0.1 }, createStepWorkspace(2)],
    names: ['objective', 'state', 'options', 'ws'],
  },
  sgdStep: {
    args: () => [model(), createStepState(vec(0, 0), 1), { lr: 0.1, batchSize: 2, momentum: 0.5 }, createStepWorkspace(2, 2)],
    names: ['objective', 'state', 'options', 'ws'],
  },
  saveStepState: { args: () => [createStepState(vec(1, 1), 1), 'gd'], names: ['state', 'method'] },
  restoreStepState: {
    args: () => [{ method: 'sgd', x: [1, 1], step: 2, time: 0.2, velocity: null, order: [2, 0, 1], cursor: 1, rngState: createRng(1).state() }],
    names: ['saved'],
    options: [0],
  },
  // ---- spectral
  LANCZOS_DEFAULT_MEMORY: { kind: 'constant' },
  LANCZOS_MAX_DEFAULT_BASIS: { kind: 'constant' },
  tridiagonalEigen: {
    args: () => [vec(2, 2, 2), vec(1, 1), { vectors: true }],
    names: ['alpha', 'beta', 'options'],
    work: ['options.maxIterations'],
    related: { alpha: ['beta'] }, // a longer alpha is refused as a beta of the wrong length
  },
  lanczosTridiagonal: { args: () => [op4(), vec(1, 0, 0, 0), 3, {}], names: ['op', 'v0', 'steps', 'options'] },
  lanczos: { args: () => [op4(), { k: 1, which: 'largest', seed: 1 }], names: ['op', 'options'], work: ['options.maxMatvecs'] },
  lanczosAsync: { args: () => [op4(), { k: 1, which: 'largest', seed: 1 }], names: ['op', 'options'], work: ['options.maxMatvecs'] },
  operatorFromFunction: { args: () => [2, (x: Float64Array, out: Float64Array) => out.set(x), { seed: 1 }], names: ['dim', 'apply', 'options'] },
  denseOperator: {
    args: () => [
      [
        [2, 1],
        [1, 3],
      ],
      { symmetryTol: 1e-12 },
    ],
    names: ['matrix', 'options'],
  },
  csrOperator: { args: () => [csr(), { symmetryTol: 1e-12 }], names: ['matrix', 'options'] },
  gridLaplacian: { args: () => [3, 2], names: ['nx', 'ny'] },
  gridLaplacianEigenvalues: { args: () => [3, 2], names: ['nx', 'ny'] },
  hessianOperator: { args: () => [q2(), [1, 1], { method: 'exact' }], names: ['objective', 'x', 'options'] },
  powerIteration: { args: () => [op2(), { k: 1, tol: 1e-8, seed: 1 }], names: ['op', 'options'], work: ['options.maxIterations'] },
  hutchinsonTrace: { args: () => [op2(), { probes: 4, seed: 1 }], names: ['op', 'options'], work: ['options.probes'] },
  rademacherProbe: { args: () => [1, 0, new Float64Array(3)], names: ['seed', 'i', 'out'] },
  hutchPlusPlus: { args: () => [op4(), { maxMatvecs: 6, seed: 1 }], names: ['op', 'options'], work: ['options.maxMatvecs'] },
  spectralDensity: { args: () => [op4(), { probes: 2, lanczosSteps: 3, seed: 1 }], names: ['op', 'options'], work: ['options.probes'] },
  hessianSummary: { args: () => [q2(), [1, 1], { maxMatvecs: 100, seed: 1 }], names: ['objective', 'x', 'options'], work: ['options.maxMatvecs'] },
  sharpnessAlong: {
    args: () => [
      [
        [1, 1],
        [0.5, 0.5],
      ],
      q2(),
      { lr: 0.1, seed: 1 },
    ],
    names: ['trajectory', 'objective', 'options'],
  },
  // ---- diffusion-maps
  diffusionMap: {
    args: () => [circle(12), { epsilon: 0.5, components: 2, alpha: 0.5, t: 1, neighbors: 6, seed: 1 }],
    names: ['points', 'options'],
  },
  bandwidth: { args: () => [circle(12), { rule: 'kth-neighbor', k: 3, neighbors: 'all' }], names: ['points', 'options'] },
  intrinsicDimension: { args: () => [circle(12), { epsilon: 0.5, neighbors: 6 }], names: ['points', 'options'] },
  alignEigenvectors: {
    args: () => [
      [
        [1, 0],
        [0, 1],
        [-1, 0],
      ],
      [
        [0, -1],
        [-1, 0],
        [0, 1],
      ],
      { weights: [1, 2, 1] },
    ],
    names: ['reference', 'target', 'options'],
  },
  pairwiseSquaredDistances: {
    args: () => [circle(4), { out: new Float64Array(16) }],
    names: ['points', 'options'],
    related: { points: ['options.out'] }, // a longer points is refused as an out of the wrong length (n²)
  },
  nearestNeighbors: {
    args: () => [[[0], [1], [3], [7]], { k: 2, method: 'brute', exclude: { group: [0, 0, 1, 1], order: [0, 1, 0, 1], window: 0 } }],
    names: ['points', 'options'],
    related: { points: ['options.exclude.group', 'options.exclude.order'] }, // a longer points is refused as exclusion arrays of the wrong length
  },
  pca: {
    args: () => [
      [
        [-2, 0.1],
        [-1, -0.1],
        [0, 0],
        [1, 0.1],
        [2, -0.1],
      ],
      { components: 1, center: true, method: 'covariance', loadings: true },
    ],
    names: ['points', 'options'],
  },
  // ---- kramers
  kramersEscapeTime: { args: () => [{ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05, details: true }], names: ['options'] },
  sgdEscapeTime: { args: () => [{ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 0.1, batchSize: 2, s: 0.5, details: true }], names: ['options'] },
  whiteNoiseEscapeTime: { args: () => [{ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, temperature: 0.05, details: true }], names: ['options'] },
  findSaddle: {
    args: () => [mullerBrown(), { from: [-0.558, 1.442], to: [-0.05, 0.467], images: 6, maxIterations: 50 }],
    names: ['objective', 'options'],
    work: ['options.maxIterations'],
  },
  estimateEscapeRate: { args: () => [[0.5, 2.1, 3, 3, 0.9], { censoredAt: 3, level: 0.95 }], names: ['times', 'options'] },
  scalingFit: { args: () => [[10, 20, 40], [3, 9, 80], { regressor: 'identity', logTimeStandardErrors: [0.1, 0.1, 0.2] }], names: ['x', 'times', 'options'] },
  // ---- langevin
  overdampedLangevin: { args: () => [{ objective: q2(), x0: [1, 1], dt: 0.01, steps: 5, temperature: 0.1, seed: 1, every: 1 }], names: ['options'] },
  overdampedLangevinAsync: { args: () => [{ objective: q2(), x0: [1, 1], dt: 0.01, steps: 5, temperature: 0.1, seed: 1, every: 1 }], names: ['options'] },
  underdampedLangevin: {
    args: () => [{ objective: q2(), x0: [1, 1], dt: 0.01, steps: 5, friction: 1, temperature: 0.1, seed: 1, every: 1 }],
    names: ['options'],
  },
  underdampedLangevinAsync: {
    args: () => [{ objective: q2(), x0: [1, 1], dt: 0.01, steps: 5, friction: 1, temperature: 0.1, seed: 1, every: 1 }],
    names: ['options'],
  },
  heavyBallSde: { args: () => [{ lr: 0.1, momentum: 0.9, batchSize: 8, covariance: 1 }], names: ['options'] },
  sgdNoise: { args: () => [model(), { lr: 0.1, batchSize: 2 }], names: ['objective', 'options'] },
  simulateEnsemble: {
    args: () => [{ objective: doubleWell(), x0: [-1], dt: 0.01, temperature: 0.2, tMax: 0.1, walkers: 4, seed: 1, stop: { coordinate: 0, atLeast: 0 } }],
    names: ['options'],
    work: ['options.tMax', 'options.walkers'],
    related: { 'options.stop.atLeast': ['options.x0'] }, // a region that contains the start is refused as such
    skip: ['options.workers'], // a worker pool is out of the bundled fuzz worker's reach; checked in test/langevin/workers.test.ts
  },
  mergeEnsembles: { args: () => [[ENSEMBLE]], names: ['parts'] },
  // ---- fokker-planck
  fokkerPlanck1d: { args: () => [{ potential: (x: number) => (x * x) / 2, diffusion: 0.5, domain: [-3, 3], cells: 20 }], names: ['options'] },
  fokkerPlanck2d: {
    args: () => [
      {
        potential: (x: Float64Array) => ((x[0] as number) ** 2 + (x[1] as number) ** 2) / 2,
        diffusion: 0.5,
        domain: [
          [-3, 3],
          [-3, 3],
        ],
        cells: [6, 6],
      },
    ],
    names: ['options'],
  },
  meanFirstPassageTime1d: { args: () => [{ drift: () => 0, diffusion: 0.5, from: 0.3, to: 1, reflectAt: 0 }], names: ['options'] },
  // ---- analysis
  gdFlowGap: { args: () => [q2(), [1, 1], { lr: 0.1, steps: 5, every: 1 }], names: ['objective', 'x0', 'options'] },
  LYAPUNOV_MAX_ORDER: { kind: 'constant' },
  HEAVY_BALL_STATIONARY_MAX_DIM: { kind: 'constant' },
  TRAJECTORY_MAX_ENTRIES: { kind: 'constant' },
  AREAL_VELOCITY_MAX_DIM: { kind: 'constant' },
  EMPIRICAL_CURRENT_MAX_CELLS: { kind: 'constant' },
  DRIFT_DECOMPOSITION_MAX_ORDER: { kind: 'constant' },
  lyapunov: {
    args: () => [
      [
        [1, 0.5],
        [0, 2],
      ],
      [
        [2, 0],
        [0, 4],
      ],
      { discrete: false, residual: true },
    ],
    names: ['A', 'Q', 'options'],
  },
  heavyBallStationary: {
    args: () => [
      {
        lr: 0.1,
        momentum: 0.9,
        batchSize: 4,
        hessian: [
          [1, 0],
          [0, 3],
        ],
        noise: 0.5,
        weightDecay: 0.01,
      },
    ],
    names: ['options'],
  },
  diffusionExponent: { args: () => [spiral(), { axis: 'time', average: 'lag', points: 4 }], names: ['trajectory', 'options'] },
  driftDecomposition: {
    args: () => [
      [
        [1, 1],
        [-1, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      {},
    ],
    names: ['A', 'D', 'options'],
  },
  arealVelocity: { args: () => [spiral(), { plane: [0, 1], center: [0, 0], batches: 2 }], names: ['trajectory', 'options'] },
  empiricalCurrent: {
    args: () => [
      spiral(),
      {
        plane: [0, 1],
        cells: [2, 2],
        domain: [
          [-1, 1],
          [-1, 1],
        ],
        batches: 2,
      },
    ],
    names: ['trajectory', 'options'],
  },
  linearStationaryCurrent: {
    args: () => [
      [
        [1, 1],
        [-1, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 0.5],
      ],
      {},
    ],
    names: ['A', 'D', 'points', 'options'],
  },
  // ---- testing
  orthogonalMatrix: { args: () => [3], names: ['n'] },
  symmetricMatrixWithSpectrum: { args: () => [[1, 2, 3]], names: ['spectrum'] },
  symmetricMatrix: { args: () => [3, { minEigenvalue: -1, maxEigenvalue: 1 }], names: ['n', 'options'] },
  spdMatrix: { args: () => [3, { minEigenvalue: 0.5, maxEigenvalue: 2 }], names: ['n', 'options'] },
  parameterVector: { args: () => [3, { scale: 2 }], names: ['dim', 'options'] },
  pointCloud: { args: () => [{ dim: 2, minPoints: 2, maxPoints: 4 }], names: ['options'], related: { 'options.minPoints': ['options.maxPoints'] } },
  landscape: { args: () => [{ maxDim: 3 }], names: ['options'] },
  checkGradient: { args: () => [rosenbrock(3), [0.5, 1, -1], { probes: 2, seed: 1 }], names: ['objective', 'x', 'options'], work: ['options.probes'] },
  checkHvp: {
    args: () => [rosenbrock(3), [0.5, 1, -1], undefined, { probes: 2, seed: 1 }],
    names: ['objective', 'x', 'v', 'options'],
    mutate: [0, 1, 3],
    work: ['options.probes'],
  },
  checkSymmetric: { args: () => [rosenbrock(3), [0.5, 1, -1], { probes: 2, seed: 1 }], names: ['target', 'x', 'options'], work: ['options.probes'] },
  VERSION: { kind: 'constant' },
};
