/**
 * The step-level functional API: one optimizer step, state in, state out, written into the state's
 * own buffers. The drivers `gd`, `sgd` and `noisyGd` are loops over these functions; users who
 * write their own loop call them directly.
 *
 * A step never leaves a non-finite point behind: it computes θ_{k+1} into the workspace, and only
 * when every coordinate is finite does it commit θ_{k+1} (and the velocity) to the state and return
 * `true`. Otherwise it returns `false` with `x`, `velocity`, `step` and `time` unchanged (the random
 * stream and the epoch cursor have advanced).
 *
 * @module
 */
import {
  checkAllocation,
  checkBoolean,
  checkInRange,
  checkInteger,
  checkKnownOptions,
  checkNonNegative,
  checkObjective,
  checkOneOf,
  checkOptions,
  checkSeed,
  checkVector,
} from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import { commitIfFinite, descentUpdate, eulerMaruyamaUpdate } from '../core/run/step-kernels';
import type { RunStepper } from '../core/run/recorder';
import type { FiniteSumObjective, Objective, RngState, Seed } from '../core/types';
import { uncheckedBatchKernels } from '../objectives/finite-sum';
import { sampleWithReplacementUnchecked, shuffleUnchecked } from '../random/batch';
import { rngFor, rngFromStateNamed, type Rng } from '../random/rng';
import { checkLearningRate, lrAt, type LearningRate } from './schedules';

/** The live, mutable state of a discrete optimizer (see {@link createStepState}). */
export interface StepState {
  /** θ_k (updated in place). */
  x: Float64Array;
  /** k: steps taken so far (global: a resumed run continues the count). */
  step: number;
  /** Continuous time t_k = Σ_{j<k} η_j (computed as η·k exactly while one constant rate is used throughout). */
  time: number;
  /** Heavy-ball buffer v_k (PyTorch's `momentum_buffer`), allocated at the first momentum step. */
  velocity: Float64Array | null;
  /** The current epoch's permutation (sampling without replacement), allocated at first use. */
  order: Uint32Array | null;
  /** Position in `order` of the next batch; `order.length` means "reshuffle before the next batch". */
  cursor: number;
  /** The random stream (SGD sampling, noisy GD's noise); null for plain GD. */
  rng: Rng | null;
}

/**
 * A saved {@link StepState}: everything needed to continue a run exactly, as plain JSON-ready data
 * (numbers and arrays of numbers, the random stream as its `RngState`). `JSON.stringify` it to save
 * a run to disk; pass `JSON.parse` of that text back as the `resume` option of `gd`/`sgd`/`noisyGd`
 * (with `x0: null`), or to {@link restoreStepState}, and the run continues bit for bit. (JSON has
 * no −0: a coordinate that is exactly −0 comes back as +0, which changes no later value, only the
 * sign of that zero.)
 */
export interface ResumeState {
  /** Which driver produced it. */
  method: 'gd' | 'sgd' | 'noisy-gd';
  /** θ_k. */
  x: number[];
  /** k: steps taken so far. */
  step: number;
  /** t_k. */
  time: number;
  /** The heavy-ball buffer (null before the first momentum step, and without momentum). */
  velocity: number[] | null;
  /** The current epoch's permutation (SGD without replacement; null before the first batch). */
  order: number[] | null;
  /** Position in `order` of the next batch. */
  cursor: number;
  /** The random stream's state (null for plain GD). */
  rngState: RngState | null;
}

/** A saved state whose vectors are any array-likes of numbers (typed arrays from an older release, say). */
export type SavedStepStateLike = Omit<ResumeState, 'x' | 'velocity' | 'order'> & {
  x: ArrayLike<number>;
  velocity: ArrayLike<number> | null;
  order: ArrayLike<number> | null;
};

/** Scratch buffers for the step functions, allocated once per run (see {@link createStepWorkspace}). */
export interface StepWorkspace {
  /** The (batch) gradient, then the update direction. */
  grad: Float64Array;
  /** θ_{k+1} before it is committed. */
  next: Float64Array;
  /** v_{k+1} before it is committed. */
  nextVelocity: Float64Array;
  /** The minibatch indices. */
  batch: Uint32Array;
  /** The last, smaller batch of an epoch (`partialBatch: 'small'`), allocated at first use. */
  tail: Uint32Array;
}

/**
 * A fresh state at θ_0 = x0 (copied), step 0, time 0. `seed` (or an `Rng`) gives the random stream
 * that `sgdStep` (batches) and `noisyGdStep` (noise) need: a seed draws `rngFor('optimizer', seed)`,
 * the stream that the drivers `sgd` and `noisyGd` draw from for that seed, so a hand-written loop
 * reproduces a driver's run. (Initialisations such as `mlp(…).initialParameters(seed)` draw from
 * streams of their own purpose: one seed for both does not correlate them.)
 *
 * @example
 * const state = createStepState(new Float64Array([1, 2]), 7);
 */
export function createStepState(x0: Float64Array, seed?: Seed | Rng): StepState {
  const x = checkVector('x0', x0);
  if (x.length === 0) throw new DimensionError('x0: expected a non-empty vector, received length 0');
  const rng =
    seed === undefined ? null : seed !== null && typeof seed === 'object' ? checkRng('seed', seed) : rngFor(OPTIMIZER_STREAM, checkSeed('seed', seed));
  return { x: Float64Array.from(x), step: 0, time: 0, velocity: null, order: null, cursor: 0, rng };
}

/** An `Rng` (an object with the stream's methods), else a TypeError naming `name`. @internal */
export function checkRng(name: string, rng: unknown): Rng {
  const r = rng as Partial<Rng> | null;
  if (r === null || typeof r !== 'object' || typeof r.uint32 !== 'function' || typeof r.fillNormal !== 'function' || typeof r.state !== 'function') {
    throw new TypeError(`${name}: expected a seed (a finite number or a string) or an Rng, received ${describeValue(rng)}`);
  }
  return r as Rng;
}

/**
 * Checks a {@link StepState} at a step function's boundary (O(1): types and lengths, not the
 * entries, which a step only ever commits finite): x a Float64Array of length `dim`, step an
 * integer ≥ 0, time ≥ 0, velocity null or of length dim, order null or of length `size` with
 * cursor in [0, order.length], rng null or an Rng. @internal
 */
export function checkStepState(name: string, state: unknown, dim: number, size?: number): StepState {
  if (state === null || typeof state !== 'object')
    throw new TypeError(`${name}: expected a StepState (createStepState(x0, seed)), received ${describeValue(state)}`);
  const s = state as Partial<StepState>;
  if (!(s.x instanceof Float64Array)) throw new TypeError(`${name}.x: expected a Float64Array, received ${describeValue(s.x)}`);
  if (s.x.length !== dim) throw new DimensionError(`${name}.x: expected length ${dim} (objective.dim), received length ${s.x.length}`);
  checkInteger(`${name}.step`, s.step, 0);
  checkNonNegative(`${name}.time`, s.time);
  if (s.velocity !== null && (!(s.velocity instanceof Float64Array) || s.velocity.length !== dim)) {
    throw new TypeError(`${name}.velocity: expected null or a Float64Array of length ${dim}, received ${describeValue(s.velocity)}`);
  }
  if (s.order !== null) {
    if (!(s.order instanceof Uint32Array) || (size !== undefined && s.order.length !== size)) {
      throw new TypeError(`${name}.order: expected null or a Uint32Array of length ${size ?? 'N'}, received ${describeValue(s.order)}`);
    }
    checkInteger(`${name}.cursor`, s.cursor, 0, s.order.length);
  } else checkInteger(`${name}.cursor`, s.cursor, 0);
  if (s.rng !== null) checkRng(`${name}.rng`, s.rng);
  return s as StepState;
}

/** Checks a {@link StepWorkspace} for dimension `dim` (and batches of `batchSize`). @internal */
function checkWorkspace(ws: unknown, dim: number, batchSize = 0): StepWorkspace {
  if (ws === null || typeof ws !== 'object')
    throw new TypeError(`ws: expected a StepWorkspace (createStepWorkspace(dim, batchSize)), received ${describeValue(ws)}`);
  const w = ws as Partial<StepWorkspace>;
  for (const key of ['grad', 'next', 'nextVelocity'] as const) {
    const v = w[key];
    if (!(v instanceof Float64Array) || v.length !== dim)
      throw new DimensionError(`ws.${key}: expected a Float64Array of length ${dim}, received ${describeValue(v)}`);
  }
  if (!(w.batch instanceof Uint32Array) || w.batch.length !== batchSize) {
    throw new DimensionError(`ws.batch: expected a Uint32Array of length ${batchSize} (options.batchSize), received ${describeValue(w.batch)}`);
  }
  if (!(w.tail instanceof Uint32Array)) throw new TypeError(`ws.tail: expected a Uint32Array, received ${describeValue(w.tail)}`);
  return w as StepWorkspace;
}

/** Options objects whose keys were already found known (a loop passes the same object every step: no allocation then). */
const knownKeysChecked = new WeakSet();
function checkStepOptions(options: unknown, known: readonly string[]): Record<string, unknown> {
  const opts = checkOptions('options', options as object | undefined) as Record<string, unknown>;
  if (!knownKeysChecked.has(opts)) {
    checkKnownOptions('options', opts, known);
    knownKeysChecked.add(opts);
  }
  return opts;
}

/** The purpose under which the optimizers draw their random stream (`rngFor('optimizer', seed)`). @internal */
export const OPTIMIZER_STREAM = 'optimizer';

/**
 * Buffers for a problem of dimension `dim` with minibatches of `batchSize` (0 for GD and noisy
 * GD): allocate once, reuse for every step. O(dim + batchSize) memory.
 *
 * @example
 * const ws = createStepWorkspace(model.dim, 32);
 */
export function createStepWorkspace(dim: number, batchSize = 0): StepWorkspace {
  checkInteger('dim', dim, 1);
  checkInteger('batchSize', batchSize, 0);
  checkAllocation('dim', 3 * dim, 'the workspace (3·dim doubles)');
  checkAllocation('batchSize', batchSize, 'the batch buffer');
  return {
    grad: new Float64Array(dim),
    next: new Float64Array(dim),
    nextVelocity: new Float64Array(dim),
    batch: new Uint32Array(batchSize),
    tail: new Uint32Array(0),
  };
}

/**
 * A JSON-ready copy of `state` that {@link restoreStepState} (or a driver's `resume` option)
 * continues exactly: θ, step, time, velocity, epoch permutation and cursor, and the RNG state.
 * O(d + N).
 *
 * @example
 * const saved = saveStepState(state, 'sgd');
 * const run = sgd(model, null, { ...opts, steps: 1000, resume: saved });
 */
export function saveStepState(state: StepState, method: ResumeState['method']): ResumeState {
  checkOneOf('method', method, ['gd', 'sgd', 'noisy-gd']);
  if (state === null || typeof state !== 'object') throw new TypeError(`state: expected a StepState, received ${describeValue(state)}`);
  checkStepState('state', state, (state as Partial<StepState>).x?.length ?? 0);
  return {
    method,
    x: Array.from(state.x),
    step: state.step,
    time: state.time,
    velocity: state.velocity === null ? null : Array.from(state.velocity),
    order: state.order === null ? null : Array.from(state.order),
    cursor: state.cursor,
    rngState: state.rng === null ? null : state.rng.state(),
  };
}

/**
 * A live state from a saved one (copies: the saved state can be restored again). Accepts typed or
 * plain arrays for `x`, `velocity` and `order` (a JSON round trip gives plain ones). Checks what
 * it reads (the same checks as the drivers' `resume` option, without an objective to compare
 * against): finite x, step an integer ≥ 0, time ≥ 0, velocity of x's length, order a permutation
 * of 0..N−1 with cursor in [0, N], a valid RngState.
 *
 * @example
 * const state = restoreStepState(JSON.parse(text));
 */
export function restoreStepState(saved: ResumeState | SavedStepStateLike): StepState {
  const r = checkOptions('saved', saved as SavedStepStateLike | undefined);
  checkSavedState('saved', r, undefined, undefined);
  return restoreUnchecked(r);
}

/**
 * Checks a saved state (a `resume` option or {@link restoreStepState}'s argument) against the
 * objective's dimension `dim` and size `size` when known. @internal
 */
export function checkSavedState(name: string, r: SavedStepStateLike, dim: number | undefined, size: number | undefined): void {
  checkKnownOptions(name, r, ['cursor', 'method', 'order', 'rngState', 'step', 'time', 'velocity', 'x']);
  checkOneOf(`${name}.method`, r.method, ['gd', 'sgd', 'noisy-gd']);
  const x = checkVector(`${name}.x`, r.x, dim);
  checkInteger(`${name}.step`, r.step, 0);
  checkNonNegative(`${name}.time`, r.time);
  if (r.velocity != null) checkVector(`${name}.velocity`, r.velocity, x.length);
  if (r.order != null) {
    const order = checkVector(`${name}.order`, r.order);
    const n = order.length;
    if (n === 0) throw new DimensionError(`${name}.order: expected null or a permutation of 0..N−1 (N ≥ 1), received an empty array`);
    if (size !== undefined && n !== size) throw new DimensionError(`${name}.order: expected a permutation of length ${size}, received length ${n}`);
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = order[i] as number;
      if (!Number.isInteger(v) || v < 0 || v >= n || seen[v] === 1) {
        throw new RangeError(
          `${name}.order: expected a permutation of 0..${n - 1}, received ${describeValue(v)} at index ${i}${seen[v] === 1 ? ' (a repeat)' : ''}`,
        );
      }
      seen[v] = 1;
    }
    checkInteger(`${name}.cursor`, r.cursor, 0, n);
  } else checkInteger(`${name}.cursor`, r.cursor, 0);
  if (r.rngState != null) rngFromStateNamed(`${name}.rngState`, r.rngState);
}

/** {@link restoreStepState} of a state already checked. @internal */
export function restoreUnchecked(saved: SavedStepStateLike): StepState {
  return {
    x: Float64Array.from(saved.x),
    step: saved.step,
    time: saved.time,
    velocity: saved.velocity == null ? null : Float64Array.from(saved.velocity),
    order: saved.order == null ? null : Uint32Array.from(saved.order),
    cursor: saved.cursor,
    rng: saved.rngState == null ? null : rngFromStateNamed('saved.rngState', saved.rngState),
  };
}

/**
 * A user's gradient may return its own array instead of writing into `out`: what it returns is the
 * gradient, so copy it into the workspace then (no copy when it wrote into ws.grad, as the library's
 * objectives do).
 */
function intoGrad(g: Float64Array, ws: StepWorkspace): void {
  if (g !== ws.grad) ws.grad.set(g);
}

function advanceTime(state: StepState, lr: LearningRate, eta: number): void {
  // A run at one constant rate keeps t = η·k exactly (no accumulated rounding); a schedule, or a
  // run resumed at another rate, accumulates t ← t + η_k.
  const exact = typeof lr === 'number' && state.time === lr * state.step;
  state.step += 1;
  state.time = exact ? lr * state.step : state.time + eta;
}

/** Options of {@link gdStep}. */
export interface GdStepOptions {
  /** η > 0, or a schedule k ↦ η_k (evaluated at `state.step`). */
  lr: LearningRate;
}

/**
 * One gradient-descent step θ_{k+1} = θ_k − η_k ∇L(θ_k), in place. Cost: one gradient. No
 * allocation. Returns false (state unchanged) if θ_{k+1} would not be finite.
 *
 * @example
 * const ws = createStepWorkspace(f.dim);
 * const s = createStepState(x0);
 * for (let k = 0; k < 100; k++) gdStep(f, s, { lr: 0.1 }, ws);
 */
export function gdStep(objective: Objective, state: StepState, options: GdStepOptions, ws: StepWorkspace): boolean {
  const f = checkObjective(objective);
  checkStepState('state', state, f.dim);
  const opts = checkStepOptions(options, ['lr']);
  checkLearningRate('options.lr', opts.lr);
  checkWorkspace(ws, f.dim);
  intoGrad(objective.gradient(state.x, ws.grad), ws);
  return gdAdvance(state, options.lr, ws);
}

/** θ_{k+1} = θ_k − η_k g from the gradient g already in ws.grad. */
function gdAdvance(state: StepState, lr: LearningRate, ws: StepWorkspace): boolean {
  const eta = lrAt(lr, state.step);
  if (!commitIfFinite(state.x, ws.next, descentUpdate(state.x, ws.grad, eta, ws.next))) return false;
  advanceTime(state, lr, eta);
  return true;
}

/**
 * The gradient at θ_k into ws.grad, returning L(θ_k) when the objective computes both in one pass
 * (`valueGradient`), else NaN.
 */
function evaluateGradient(objective: Objective, x: Float64Array, ws: StepWorkspace): number {
  if (objective.valueGradient !== undefined) return objective.valueGradient(x, ws.grad);
  intoGrad(objective.gradient(x, ws.grad), ws);
  return Number.NaN;
}

/**
 * The two-phase form of {@link gdStep} that the recorder runs: `evaluate` returns L(θ_k) when the
 * objective has `valueGradient` (NaN otherwise). Same bits as gdStep. @internal
 */
export function gdStepper(objective: Objective, state: StepState, options: GdStepOptions, ws: StepWorkspace): RunStepper {
  const { lr } = options;
  return {
    evaluate: () => evaluateGradient(objective, state.x, ws),
    advance: () => gdAdvance(state, lr, ws),
  };
}

/** Options of {@link noisyGdStep}. */
export interface NoisyGdStepOptions {
  /** η > 0, or a schedule k ↦ η_k. */
  lr: LearningRate;
  /** The temperature T ≥ 0 of the continuous limit dθ = −∇L dt + √(2T) dW. */
  temperature: number;
}

/**
 * One step of gradient descent with isotropic white noise,
 * θ_{k+1} = θ_k − η_k ∇L(θ_k) + √(2 η_k T) ξ_k, ξ_k ~ N(0, I_d): the Euler–Maruyama step of
 * dθ = −∇L dt + √(2T) dW with dt = η_k (so t = Σ η_k). Draws d normals from `state.rng`. Cost:
 * one gradient and d normals; no allocation.
 *
 * @example
 * const s = createStepState(x0, 1);
 * const ws = createStepWorkspace(f.dim);
 * for (let k = 0; k < 1000; k++) noisyGdStep(f, s, { lr: 0.01, temperature: 0.1 }, ws);
 */
export function noisyGdStep(objective: Objective, state: StepState, options: NoisyGdStepOptions, ws: StepWorkspace): boolean {
  const f = checkObjective(objective);
  checkStepState('state', state, f.dim);
  const opts = checkStepOptions(options, ['lr', 'temperature']);
  checkLearningRate('options.lr', opts.lr);
  checkNonNegative('options.temperature', opts.temperature);
  checkWorkspace(ws, f.dim);
  const rng = state.rng;
  if (rng === null) throw new TypeError('state.rng: expected a random stream (createStepState(x0, seed)), received null');
  intoGrad(objective.gradient(state.x, ws.grad), ws);
  return noisyGdAdvance(state, rng, options.lr, options.temperature, ws);
}

/** θ_{k+1} = θ_k − η_k g + √(2η_k T) ξ from the gradient already in ws.grad (the Euler–Maruyama update). */
function noisyGdAdvance(state: StepState, rng: Rng, lr: LearningRate, temperature: number, ws: StepWorkspace): boolean {
  const eta = lrAt(lr, state.step);
  const next = rng.fillNormal(ws.next);
  if (!commitIfFinite(state.x, next, eulerMaruyamaUpdate(state.x, ws.grad, eta, Math.sqrt(2 * eta * temperature), next, next))) return false;
  advanceTime(state, lr, eta);
  return true;
}

/** The two-phase form of {@link noisyGdStep} (state.rng must be set). Same bits. @internal */
export function noisyGdStepper(objective: Objective, state: StepState, options: NoisyGdStepOptions, ws: StepWorkspace): RunStepper {
  const rng = state.rng as Rng;
  const { lr, temperature } = options;
  return {
    evaluate: () => evaluateGradient(objective, state.x, ws),
    advance: () => noisyGdAdvance(state, rng, lr, temperature, ws),
  };
}

/** Options of {@link sgdStep} (unchecked: the driver `sgd` checks them once). */
export interface SgdStepOptions {
  /** η > 0, or a schedule k ↦ η_k. */
  lr: LearningRate;
  /** B: samples per step, 1 ≤ B ≤ N. */
  batchSize: number;
  /** β ∈ [0, 1): heavy-ball momentum, PyTorch's convention. Default 0. */
  momentum?: number;
  /** Nesterov momentum (PyTorch's). Default false. */
  nesterov?: boolean;
  /** λ ≥ 0: L2 weight decay added to the gradient, g ← g + λθ (PyTorch's). Default 0. */
  weightDecay?: number;
  /** Sample with replacement (i.i.d. indices) rather than by epochs. Default false. */
  replacement?: boolean;
  /**
   * Without replacement, when B does not divide N, what happens to the last N mod B samples of an
   * epoch: `'drop'` (default; PyTorch's `drop_last=True`: they are skipped and a new epoch starts,
   * so every batch has B samples) or `'small'` (PyTorch's default: a last, smaller batch).
   */
  partialBatch?: 'drop' | 'small';
}

function nextBatch(state: StepState, n: number, options: SgdStepOptions, ws: StepWorkspace): Uint32Array {
  const rng = state.rng;
  if (rng === null) throw new TypeError('state.rng: expected a random stream (createStepState(x0, seed)), received null');
  const b = options.batchSize;
  const batch = ws.batch;
  if (options.replacement === true) return sampleWithReplacementUnchecked(rng, n, b, batch);
  let order = state.order;
  if (order === null || order.length !== n) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    state.order = order;
    state.cursor = n;
  }
  const small = options.partialBatch === 'small';
  if (small ? state.cursor >= n : state.cursor + b > n) {
    shuffleUnchecked(rng, order); // a uniform shuffle of any permutation is a uniform permutation
    state.cursor = 0;
  }
  const start = state.cursor;
  const len = Math.min(b, n - start);
  let out = batch;
  if (len < b) {
    if (ws.tail.length !== len) ws.tail = new Uint32Array(len); // once per run
    out = ws.tail;
  }
  for (let i = 0; i < len; i++) out[i] = order[start + i] as number; // no subarray view: this runs every step
  state.cursor = start + len;
  return out;
}

/**
 * One minibatch SGD step in PyTorch's convention (torch.optim.SGD with dampening 0):
 *
 *     g ← ∇L_B(θ_k) + λ θ_k                      (minibatch gradient, weight decay)
 *     v ← β v + g                                 (v_0 = 0, so v_1 = g_0 as PyTorch's first step)
 *     d ← g + β v  (Nesterov)   or   d ← v  (heavy ball; d = g when β = 0)
 *     θ_{k+1} = θ_k − η_k d
 *
 * The batch B is i.i.d. uniform indices (`replacement: true`) or the next B entries of the current
 * epoch's permutation (a fresh uniform permutation each epoch). Cost: one batch gradient plus O(d +
 * B) (plus O(N) once per epoch for the shuffle). No allocation after the first step.
 *
 * @example
 * const s = createStepState(x0, 1);
 * const ws = createStepWorkspace(model.dim, 32);
 * const opts = { lr: 0.05, batchSize: 32, momentum: 0.9 };
 * for (let k = 0; k < 1000; k++) if (!sgdStep(model, s, opts, ws)) break;
 */
export function sgdStep(objective: FiniteSumObjective, state: StepState, options: SgdStepOptions, ws: StepWorkspace): boolean {
  const f = checkObjective<FiniteSumObjective>(objective, { finiteSum: true });
  checkStepState('state', state, f.dim, f.size);
  const opts = checkStepOptions(options, ['batchSize', 'lr', 'momentum', 'nesterov', 'partialBatch', 'replacement', 'weightDecay']);
  checkLearningRate('options.lr', opts.lr);
  const b = checkInteger('options.batchSize', opts.batchSize, 1, f.size);
  if (opts.momentum !== undefined) checkInRange('options.momentum', opts.momentum, 0, 1, { openMax: true });
  if (opts.nesterov !== undefined) checkBoolean('options.nesterov', opts.nesterov);
  if (opts.weightDecay !== undefined) checkNonNegative('options.weightDecay', opts.weightDecay);
  if (opts.replacement !== undefined) checkBoolean('options.replacement', opts.replacement);
  if (opts.partialBatch !== undefined) checkOneOf('options.partialBatch', opts.partialBatch, ['drop', 'small']);
  checkWorkspace(ws, f.dim, b);
  const batch = nextBatch(state, objective.size, options, ws);
  intoGrad(objective.batchGradient(state.x, batch, ws.grad), ws);
  return sgdAdvance(state, options, ws);
}

/** The momentum / weight-decay update of {@link sgdStep} from the batch gradient already in ws.grad. */
function sgdAdvance(state: StepState, options: SgdStepOptions, ws: StepWorkspace): boolean {
  const eta = lrAt(options.lr, state.step);
  const x = state.x;
  const d = x.length;
  const g = ws.grad;
  const lambda = options.weightDecay ?? 0;
  if (lambda !== 0) for (let i = 0; i < d; i++) g[i] = (g[i] as number) + lambda * (x[i] as number);
  const beta = options.momentum ?? 0;
  const next = ws.next;
  if (beta !== 0) {
    if (state.velocity === null) state.velocity = new Float64Array(d); // once per run
    const v = state.velocity;
    const vn = ws.nextVelocity;
    const nesterov = options.nesterov === true;
    let acc = 0;
    for (let i = 0; i < d; i++) {
      const gi = g[i] as number;
      const vi = beta * (v[i] as number) + gi;
      vn[i] = vi;
      const xi = (x[i] as number) - eta * (nesterov ? gi + beta * vi : vi);
      next[i] = xi;
      acc += xi - xi;
    }
    if (!commitIfFinite(x, next, acc)) return false;
    v.set(vn);
  } else if (!commitIfFinite(x, next, descentUpdate(x, g, eta, next))) {
    return false;
  }
  advanceTime(state, options.lr, eta);
  return true;
}

/**
 * The two-phase form of {@link sgdStep} that the recorder runs (state.rng must be set; options
 * checked by the driver): `evaluate` draws the batch and returns the minibatch loss L_B(θ_k)
 * (without the optimizer's weight decay) when the objective computes it with its gradient
 * (`batchValueGradient`), else NaN. The library's own models are called through their unchecked
 * kernels (the driver produced valid batches). Same bits as sgdStep. @internal
 */
export function sgdStepper(objective: FiniteSumObjective, state: StepState, options: SgdStepOptions, ws: StepWorkspace): RunStepper {
  const kernels = uncheckedBatchKernels(objective);
  const n = objective.size;
  const x = state.x;
  const grad = ws.grad;
  let evaluate: () => number;
  if (kernels !== null) {
    const vg = kernels.batchValueGradient;
    evaluate = () => vg(x, nextBatch(state, n, options, ws), grad);
  } else if (objective.batchValueGradient !== undefined) {
    const vg = objective.batchValueGradient.bind(objective);
    evaluate = () => vg(x, nextBatch(state, n, options, ws), grad);
  } else {
    evaluate = () => {
      intoGrad(objective.batchGradient(x, nextBatch(state, n, options, ws), grad), ws);
      return Number.NaN;
    };
  }
  return { evaluate, advance: () => sgdAdvance(state, options, ws) };
}
