/**
 * Ensembles of independent walkers of an SDE or of a discrete optimizer, with per-walker streams,
 * stop regions, censoring at tMax and first-passage times (bridge-corrected for half-spaces).
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkFunction, checkInteger, checkOptions, checkSignal, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { LongRunOptions, Objective, Points, Seed } from '../core/types';
import type { DiffusionInput } from './diffusion-kernels';
import { simulateWalkers, walkerConfig, walkerOutput, type EnsembleMethod } from './ensemble-kernels';
import type { GradientFunction } from './run-kernels';
import type { StopPredicate, StopRegion } from './types';
import { toSquareMatrix, type SquareMatrixLike } from '../core/dense';
import { fastLandscape } from './fast-kernels';
import { fastGradient, isSpec, resolveObjectiveSpec, resolveStopSpec, type ModuleExportSpec, type ObjectiveSpec } from './objective-spec';
import type { EnsembleTask, EnsembleTaskResult } from './ensemble-worker';
import type { WalkerOptions } from './ensemble-kernels';

/** What `onProgress` of {@link simulateEnsemble} receives. */
export interface EnsembleProgress {
  /** Walkers finished so far (of this range). */
  done: number;
  /** Walkers in this range. */
  total: number;
  /** How many of the finished walkers escaped. */
  escaped: number;
}

/** Options of {@link simulateEnsemble}. */
export interface SimulateEnsembleOptions extends LongRunOptions<EnsembleProgress> {
  /**
   * `'overdamped'` (default: Euler–Maruyama, as `overdampedLangevin`), `'underdamped'` (BAOAB, as
   * `underdampedLangevin`, from rest), `'noisy-gd'` (θ ← θ − η∇L + √(2ηT)ξ) or `'sgd'` (minibatch
   * SGD on a finite-sum objective, θ ← θ − η ∇L_B).
   */
  method?: EnsembleMethod;
  /**
   * The loss (a `FiniteSumObjective` for `'sgd'`), or its serialisable description — a built-in
   * landscape `{ builtin: 'doubleWell', options }` (also `'doubleWellFiniteSum'`, `'mullerBrown'`,
   * `'quadratic'`, `'rosenbrock'`, `'styblinskiTang'`) or a user's `{ module, export, args? }` —
   * which `workers > 1` needs. Exactly one of `objective` and `gradient` (not for `'sgd'`).
   */
  objective?: Objective | ObjectiveSpec;
  /** ∇L alone, `(x, out) => …`. */
  gradient?: GradientFunction;
  /** The starting point of every walker (length d). */
  x0: Float64Array | readonly number[];
  /** Time step dt > 0 of the SDE methods. */
  dt?: number;
  /** Learning rate η > 0 of `'sgd'` and `'noisy-gd'` (their time step: t = η·k). */
  lr?: number;
  /** The time limit: walkers run ⌊tMax/dt⌋ steps at most and are censored there. */
  tMax: number;
  /** Number of walkers (an integer ≥ 1). */
  walkers: number;
  /** Walker i draws from `blockStream(seed, i)` (xoshiro128**, random module). Default 0. */
  seed?: Seed;
  /** T (overdamped, noisy-gd) or kT / a constant matrix K (underdamped). */
  temperature?: number | SquareMatrixLike;
  /** D(θ) for `'overdamped'`: a number, constant matrix, function or `DiffusionField` (as `overdampedLangevin`). */
  diffusion?: DiffusionInput;
  /** Underdamped: the friction rate γ > 0. */
  friction?: number;
  /** Underdamped: the mass (default 1). */
  mass?: number;
  /** SGD: minibatch size B. */
  batchSize?: number;
  /** SGD: draw each batch's B indices with replacement (default true); false: B distinct indices per step. */
  replacement?: boolean;
  /**
   * When a walker has escaped: a region `{ coordinate, atLeast | atMost }` / `{ center, radius }`,
   * a predicate on the calling thread, or a predicate as `{ module, export }` (for workers).
   */
  stop?: StopRegion | StopPredicate | ModuleExportSpec;
  /**
   * Worker threads (Node's worker_threads, through tinypool; default 1: the calling thread). The
   * numbers are the same for any count. With more than one, `objective` and a predicate `stop` must
   * be descriptions, and `diffusion` a number or constant matrix: closures cannot cross threads.
   */
  workers?: number;
  /** Brownian-bridge crossing correction for a half-space stop with `'overdamped'` (default true). */
  bridge?: boolean;
  /** Run only walkers [start, end) of the ensemble (default [0, walkers)): a shard that `mergeEnsembles` joins. */
  walkerRange?: readonly [number, number];
}

/** The result of {@link simulateEnsemble}, for the walkers of `walkerRange`. */
export interface EnsembleResult {
  /** Per walker: the first-passage time into the stop region, or the censoring time when it did not escape (never NaN or ∞). */
  firstPassage: Float64Array;
  /** Per walker: 1 when it escaped, 0 when censored (at tMax, or at a non-finite point: then `steps` < ⌊tMax/dt⌋). */
  escaped: Uint8Array;
  /** Per walker: its last point, [walkers in range, d]. */
  final: Points;
  /** Per walker: the steps it took. */
  steps: Float64Array;
  /** The walkers [start, end) held here. */
  walkerRange: [number, number];
  /** The ensemble's size (all ranges together). */
  walkers: number;
  /** The time limit. */
  tMax: number;
  /** Time per step: dt, or η for a discrete method. */
  dt: number;
  /** Σ escaped. */
  escapedCount: number;
  /** `'time'`: every walker escaped or reached tMax; `'aborted'`: the signal fired (the range ends at the last finished walker). */
  stopReason: 'time' | 'aborted';
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Simulates `walkers` independent walkers from x0 until each enters the stop region or reaches
 * tMax, and returns the first-passage times (in the SDE's time t; t = η·k for `'sgd'` and
 * `'noisy-gd'`, so steps = t/η).
 *
 * - Walker i draws every random number from `blockStream(seed, i)` (its normals in blocks of 1024,
 *   its batches, its bridge uniforms), so its numbers do not depend on the other walkers: a run
 *   split into ranges (`walkerRange`) merges with `mergeEnsembles` into exactly the one-run result.
 * - A walker is tested after each step; one that does not escape by step ⌊tMax/dt⌋ is censored:
 *   `escaped` 0 and `firstPassage` the censoring time.
 * - Half-space stops with `'overdamped'` get the Brownian-bridge correction: after a step from a
 *   to b (distances to the boundary, both outside), the path is taken to have crossed with
 *   probability exp(−a b / (D_cc dt)) (D_cc the diffusion along the coordinate at the start of the
 *   step), at the mid-step time; a step that lands inside gets its crossing time by linear
 *   interpolation of the distance. This removes the O(√dt) bias of the discrete first passage.
 *   Balls, predicates, the underdamped method (whose positions are differentiable) and the discrete
 *   optimizers (whose passage is that of the chain itself) get none.
 * - With `workers: 1` (default) it runs on the calling thread, yielding to the event loop about
 *   every 10 ms (between walkers); `onProgress` at most ~100 times, `signal` checked between
 *   walkers. With `workers: n > 1` the walkers go to n worker threads (tinypool, loaded only then)
 *   in contiguous chunks that shrink towards the end (guided self-scheduling, at most 256), the objective and a predicate stop as descriptions (see
 *   `ObjectiveSpec`); a closure is refused with an error naming the option. The same bits for any n.
 *
 * Cost: Σ steps × (one gradient + d normals); memory O(walkers·d).
 *
 * @example
 * const r = await simulateEnsemble({ objective: doubleWell(), x0: [-1], dt: 0.005, temperature: 0.1, tMax: 200, walkers: 1000, seed: 1, stop: { coordinate: 0, atLeast: 0 } });
 * r.escapedCount; // walkers that reached the saddle by t = 200
 */
export async function simulateEnsemble(options: SimulateEnsembleOptions): Promise<EnsembleResult> {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [
    'batchSize',
    'bridge',
    'diffusion',
    'dt',
    'friction',
    'gradient',
    'lr',
    'mass',
    'method',
    'objective',
    'onProgress',
    'replacement',
    'seed',
    'signal',
    'stop',
    'tMax',
    'temperature',
    'walkerRange',
    'walkers',
    'workers',
    'x0',
  ]);
  const workers = checkInteger('options.workers', opts.workers ?? 1, 1, 1024);
  if (workers > 1) checkCrossable(opts);
  const spec = isSpec(opts.objective) ? opts.objective : null;
  const stopSpec = isModuleStop(opts.stop) ? opts.stop : null;
  const objective = spec === null ? opts.objective : await resolveObjectiveSpec('options.objective', spec);
  const stop = stopSpec === null ? opts.stop : await resolveStopSpec('options.stop', stopSpec);
  const cfg = walkerConfig({ ...opts, objective, stop });
  const fast = objective === undefined ? null : fastGradient(spec, objective as Objective);
  if (fast !== null) cfg.drift.gradient = fast;
  cfg.landscape = objective === undefined ? null : fastLandscape(spec, objective as Objective);
  const [start, end] = readRange(opts.walkerRange, cfg.walkers);
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(p: EnsembleProgress) => void>('options.onProgress', opts.onProgress);
  const signal = checkSignal('options.signal', opts.signal);
  const total = end - start;
  const out = walkerOutput(total, cfg.d);
  const reportEvery = Math.max(1, Math.ceil(total / 100));
  if (workers > 1 && total > 1) {
    const payload = serialisable(opts, spec as ObjectiveSpec);
    const finished = await runOnWorkers(payload, workers, start, end, out, cfg.d, signal, onProgress);
    return result(out, finished, start, cfg.d, cfg, finished !== total);
  }
  let done = 0;
  let escaped = 0;
  let chunk = 8; // at least one tile of the fast path (8 walkers side by side)
  let lastYield = now();
  while (done < total && signal?.aborted !== true) {
    const t0 = now();
    const upTo = Math.min(total, done + chunk, (Math.floor(done / reportEvery) + 1) * reportEvery);
    const n = simulateWalkers(cfg, start + done, start + upTo, sliceOutput(out, done, cfg.d), () => signal?.aborted === true);
    for (let i = done; i < done + n; i++) escaped += out.escaped[i] as number;
    done += n;
    if (onProgress !== undefined && (done % reportEvery === 0 || done === total)) onProgress({ done, total, escaped });
    const t1 = now();
    if (t1 - t0 < 4 && chunk < 1 << 20) chunk *= 2;
    else if (t1 - t0 > 20 && chunk > 1) chunk >>= 1;
    // Yield to the event loop (timers, an abort from elsewhere) about every 10 ms of work.
    if (done < total && t1 - lastYield >= 10) {
      await yieldToLoop();
      lastYield = now();
    }
  }
  return result(out, done, start, cfg.d, cfg, done !== total);
}

/**
 * Yields one turn of the event loop: `setImmediate` where it exists (Node: microseconds, after
 * pending I/O and timers), else `setTimeout(0)` (a browser; Node clamps that one to ≥ 1 ms, which
 * at one yield per 10 ms of work cost a tenth of the throughput).
 */
function yieldToLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  return new Promise<void>((resolve) => (g.setImmediate !== undefined ? g.setImmediate(resolve) : setTimeout(resolve, 0)));
}

function result(
  out: ReturnType<typeof walkerOutput>,
  done: number,
  start: number,
  d: number,
  cfg: { walkers: number; tMax: number; dt: number },
  trim: boolean,
): EnsembleResult {
  let escaped = 0;
  for (let i = 0; i < done; i++) escaped += out.escaped[i] as number;
  return {
    firstPassage: trim ? out.firstPassage.slice(0, done) : out.firstPassage,
    escaped: trim ? out.escaped.slice(0, done) : out.escaped,
    final: ndarray(trim ? out.final.slice(0, done * d) : out.final, [done, d]),
    steps: trim ? out.steps.slice(0, done) : out.steps,
    walkerRange: [start, start + done],
    walkers: cfg.walkers,
    tMax: cfg.tMax,
    dt: cfg.dt,
    escapedCount: escaped,
    stopReason: trim ? 'aborted' : 'time',
  };
}

function sliceOutput(out: ReturnType<typeof walkerOutput>, from: number, d: number): ReturnType<typeof walkerOutput> {
  return {
    firstPassage: out.firstPassage.subarray(from),
    escaped: out.escaped.subarray(from),
    steps: out.steps.subarray(from),
    final: out.final.subarray(from * d),
  };
}

/** Reads `walkerRange` [start, end) within [0, walkers]. @internal */
export function readRange(range: unknown, walkers: number): [number, number] {
  if (range === undefined) return [0, walkers];
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError(`options.walkerRange: expected [start, end], received ${describeValue(range)}`);
  const start = checkInteger('options.walkerRange[0]', range[0], 0, walkers);
  const end = checkInteger('options.walkerRange[1]', range[1], start, walkers);
  return [start, end];
}

function isModuleStop(stop: unknown): stop is ModuleExportSpec {
  return stop !== null && typeof stop === 'object' && 'module' in stop;
}

const crossError = (name: string, what: string, received: string): TypeError =>
  new TypeError(`${name}: expected ${what} with options.workers > 1 (functions cannot cross threads), received ${received}`);

/** Refuses, naming the option, whatever cannot reach a worker thread. */
function checkCrossable(opts: SimulateEnsembleOptions): void {
  if (opts.gradient !== undefined) throw crossError('options.gradient', 'undefined (give options.objective as { module, export })', 'a function');
  if (opts.objective !== undefined && !isSpec(opts.objective)) {
    throw crossError('options.objective', "a serialisable description ({ builtin: 'doubleWell', options } or { module, export })", 'an objective object');
  }
  if (typeof opts.stop === 'function') throw crossError('options.stop', 'a region or a predicate as { module, export }', 'a function');
  const d = opts.diffusion;
  if (d !== undefined && (typeof d === 'function' || (typeof d === 'object' && !Array.isArray(d) && !(d instanceof Float64Array) && 'form' in d))) {
    throw crossError('options.diffusion', 'a number or a constant matrix', typeof d === 'function' ? 'a function' : 'a diffusion field');
  }
}

/** The options as plain data (matrices as row-major arrays) for a worker. */
function serialisable(opts: SimulateEnsembleOptions, objective: ObjectiveSpec): EnsembleTask['payload'] {
  const matrix = (name: string, v: unknown): unknown =>
    v === undefined || typeof v === 'number' ? v : Array.from(toSquareMatrix(name, v as SquareMatrixLike).data);
  const toData = (name: string, v: unknown): unknown => {
    const m = matrix(name, v);
    return Array.isArray(m) ? Float64Array.from(m as number[]) : m;
  };
  const payload: WalkerOptions & { objective: ObjectiveSpec } = {
    method: opts.method,
    objective,
    x0: Array.from(opts.x0),
    dt: opts.dt,
    lr: opts.lr,
    tMax: opts.tMax,
    walkers: opts.walkers,
    seed: opts.seed,
    temperature: toData('options.temperature', opts.temperature),
    diffusion: toData('options.diffusion', opts.diffusion),
    friction: opts.friction,
    mass: opts.mass,
    batchSize: opts.batchSize,
    replacement: opts.replacement,
    stop: opts.stop,
    bridge: opts.bridge,
  };
  return JSON.parse(
    JSON.stringify(payload, (_k, v: unknown) => (v instanceof Float64Array ? { f64: Array.from(v) } : v)),
    (_k, v: unknown) => (v !== null && typeof v === 'object' && 'f64' in v ? Float64Array.from((v as { f64: number[] }).f64) : v),
  ) as EnsembleTask['payload'];
}

let keyCounter = 0;

/** The worker pools kept across calls, by worker module and size. */
const pools = new Map<string, import('tinypool').Tinypool>();

/** Runs walkers [start, end) on a pool of `workers` threads in contiguous chunks; returns how many walkers from `start` on are done. */
async function runOnWorkers(
  payload: EnsembleTask['payload'],
  workers: number,
  start: number,
  end: number,
  out: ReturnType<typeof walkerOutput>,
  d: number,
  signal: AbortSignal | undefined,
  onProgress: ((p: EnsembleProgress) => void) | undefined,
): Promise<number> {
  const { Tinypool } = await import('tinypool');
  const filename = await workerFile();
  const total = end - start;
  const bounds = chunkBounds(start, end, workers);
  const chunks = bounds.length - 1;
  // One pool per worker module and size, kept across calls: its threads start once (each loads the
  // library: a few hundred ms, which per call would eat the second thread's gain on a one-second
  // ensemble), and tinypool unrefs idle threads, so a kept pool does not hold the process open.
  const poolKey = `${filename}|${String(workers)}`;
  let pool = pools.get(poolKey);
  if (pool === undefined) {
    pool = new Tinypool({ filename, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: 2 });
    pools.set(poolKey, pool);
  }
  const thisPool = pool;
  // A worker that fails to start (a module that does not load) rejects the run instead of hanging.
  let startupError: unknown = null;
  let onError: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    onError = (e: unknown) => {
      startupError = e;
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    thisPool.on('error', onError);
  });
  failed.catch(() => undefined);
  const key = `${String(++keyCounter)}:${JSON.stringify(payload)}`;
  const doneChunk: boolean[] = [];
  let walkersDone = 0;
  let escaped = 0;
  try {
    const tasks: Promise<void>[] = [];
    for (let c = 0; c < chunks; c++) {
      const s = bounds[c] as number;
      const e = bounds[c + 1] as number;
      const task: EnsembleTask = { key, payload, start: s, end: e };
      tasks.push(
        (pool.run(task, signal === undefined ? {} : { signal }) as Promise<EnsembleTaskResult>).then((r) => {
          const o = s - start;
          out.firstPassage.set(r.firstPassage, o);
          out.escaped.set(r.escaped, o);
          out.steps.set(r.steps, o);
          out.final.set(r.final, o * d);
          doneChunk[c] = true;
          walkersDone += e - s;
          for (const v of r.escaped) escaped += v;
          onProgress?.({ done: walkersDone, total, escaped });
        }),
      );
    }
    const settled = await Promise.race([Promise.allSettled(tasks), failed]);
    if (startupError !== null) throw asError(startupError);
    const failure = settled.find((r) => r.status === 'rejected');
    if (failure !== undefined && signal?.aborted !== true) throw asError(failure.reason);
  } finally {
    thisPool.off('error', onError);
    if (startupError !== null) {
      // A pool whose threads cannot start is not kept.
      pools.delete(poolKey);
      await thisPool.destroy();
    }
  }
  let prefix = 0;
  for (let c = 0; c < chunks && doneChunk[c] === true; c++) prefix = (bounds[c + 1] as number) - start;
  return prefix;
}

/** Fewest walkers in a worker chunk (one tile of the fast path). */
const MIN_CHUNK = 8;
/** Most chunks one ensemble is cut into. */
const MAX_CHUNKS = 256;

/**
 * Chunk boundaries of walkers [start, end) for `workers` threads, by guided self-scheduling: each
 * chunk takes 1/(4·workers) of the walkers still unassigned (a multiple of 8, at least
 * max(8, total/256) rounded up to a multiple of 8), so chunks shrink towards the end and the threads finish within a small
 * chunk of each other (equal chunks left one thread idle for up to one chunk, an eighth of the
 * work with two workers). The boundaries do not change any walker's numbers. @internal
 */
export function chunkBounds(start: number, end: number, workers: number): number[] {
  const total = end - start;
  const least = Math.ceil(Math.max(MIN_CHUNK, total / MAX_CHUNKS) / MIN_CHUNK) * MIN_CHUNK;
  const bounds = [start];
  let s = start;
  while (s < end) {
    const guided = Math.ceil((end - s) / (4 * workers) / MIN_CHUNK) * MIN_CHUNK;
    s = Math.min(end, s + Math.max(least, guided));
    bounds.push(s);
  }
  return bounds;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * The worker module beside this one: the built `ensemble-worker.js` of the package; or, when the
 * library runs from its TypeScript sources (its own tests, development under tsx), a small
 * bootstrap written to the temporary directory that registers tsx in the worker and imports the
 * `.ts` module (Node 20 does not apply `--import` hooks to a worker's entry).
 */
async function workerFile(): Promise<string> {
  const { existsSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const here = import.meta.url as string | undefined;
  if (typeof here !== 'string')
    throw new TypeError('options.workers: expected 1 in this build (worker threads need the ES module build of sgd-dynamics), received more');
  for (const rel of ['./ensemble-worker.js', './langevin/ensemble-worker.js']) {
    const path = fileURLToPath(new URL(rel, here));
    if (existsSync(path)) return path;
  }
  if (bootstrap !== undefined) return bootstrap;
  const source = fileURLToPath(new URL('./ensemble-worker.ts', here));
  if (!existsSync(source))
    throw new TypeError('options.workers: expected the worker module ensemble-worker.js beside the library, received none (a bundle that dropped it?)');
  const { createRequire } = await import('node:module');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const cjs = createRequire(here).resolve('tsx/esm/api'); // the ES module build sits beside it
  const api = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  const file = join(mkdtempSync(join(tmpdir(), 'sgd-dynamics-worker-')), 'bootstrap.mjs');
  writeFileSync(
    file,
    `import { register } from ${JSON.stringify(api)};\nregister();\nconst m = await import(${JSON.stringify(pathToFileURL(source).href)});\nexport default m.default;\n`,
  );
  // Written once a process, so the kept pool (keyed by this file) is found again.
  bootstrap = file;
  return file;
}

/** The bootstrap file of the TypeScript sources' worker, once written. */
let bootstrap: string | undefined;
