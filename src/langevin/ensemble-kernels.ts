/**
 * The walker loop of `simulateEnsemble`: the options checked once into a {@link WalkerConfig}, and
 * {@link simulateWalkers}, which runs walkers [start, end) one after another, walker i on its own
 * stream `blockStream(seed, i)` (xoshiro128**), so that any split of the range (threads, machines) gives the same
 * numbers. The same code runs on the calling thread and in a worker. @internal
 *
 * @module
 */
import { checkBoolean, checkInteger, checkObjective, checkOneOf, checkPositive, checkSeed, checkVector } from '../core/checks';
import type { FiniteSumObjective, Seed } from '../core/types';
import { blockStream, type BlockRng } from '../random/xoshiro';
import { noiseModel, type NoiseModel } from './diffusion-kernels';
import { fastApplies, fastWalkers, type FastLandscape } from './fast-kernels';
import { readDrift, type Drift } from './run-kernels';
import { inRegion, readStop, type CompiledRegion } from './stop-kernels';
import type { StopPredicate } from './types';
import { exp } from '../core/elementary/index';

/** The methods an ensemble can run. */
export type EnsembleMethod = 'overdamped' | 'underdamped' | 'sgd' | 'noisy-gd';

/** The checked configuration of an ensemble. @internal */
export interface WalkerConfig {
  method: EnsembleMethod;
  d: number;
  x0: Float64Array;
  /** dt (SDE methods) or η (discrete methods): the time per step. */
  dt: number;
  maxSteps: number;
  tMax: number;
  seed: Seed;
  walkers: number;
  drift: Drift;
  noise: NoiseModel | null;
  region: CompiledRegion | null;
  predicate: StopPredicate | undefined;
  bridge: boolean;
  // underdamped
  friction: number;
  mass: number;
  // sgd
  finiteSum: FiniteSumObjective | null;
  batchSize: number;
  replacement: boolean;
  /** A built-in landscape the fast path writes into its loop (set by the caller from the description), else null. */
  landscape: FastLandscape | null;
  /** Take the fast path when it applies (default true; false forces the general loop, for tests). */
  fast: boolean;
}

/** What the options of `simulateEnsemble` may hold (read by {@link walkerConfig}). @internal */
export interface WalkerOptions {
  method?: EnsembleMethod;
  objective?: unknown;
  gradient?: unknown;
  x0: unknown;
  dt?: number;
  lr?: number;
  tMax: number;
  walkers: number;
  seed?: Seed;
  temperature?: unknown;
  diffusion?: unknown;
  friction?: number;
  mass?: number;
  batchSize?: number;
  replacement?: boolean;
  stop?: unknown;
  bridge?: boolean;
}

/** Checks the options once. @internal */
export function walkerConfig(opts: WalkerOptions): WalkerConfig {
  const method = checkOneOf('options.method', opts.method ?? 'overdamped', ['overdamped', 'underdamped', 'sgd', 'noisy-gd'] as const);
  const hint =
    opts.x0 !== null && opts.x0 !== undefined && typeof (opts.x0 as { length?: unknown }).length === 'number'
      ? (opts.x0 as { length: number }).length
      : undefined;
  const drift = readDrift(opts, hint);
  const d = drift.dim;
  const x0 = Float64Array.from(checkVector('options.x0', opts.x0, d));
  const discrete = method === 'sgd' || method === 'noisy-gd';
  const dt = discrete ? checkPositive('options.lr', opts.lr) : checkPositive('options.dt', opts.dt);
  const tMax = checkPositive('options.tMax', opts.tMax);
  // Steps k with k·dt ≤ tMax (with a relative slack of 1e-12 so tMax = n·dt reaches step n).
  const maxSteps = Math.floor(tMax / dt + 1e-9);
  if (maxSteps < 1) throw new RangeError(`options.tMax: expected at least one step (tMax ≥ ${discrete ? 'lr' : 'dt'} = ${dt}), received ${tMax}`);
  const walkers = checkInteger('options.walkers', opts.walkers, 1);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const { region, predicate } = readStop('options.stop', opts.stop, d);
  // A walker must start outside its stop region: inside it, it has passed at t = 0 (and the bridge
  // correction, written for a start outside, would misread it as censored).
  if (region !== null && inRegion(region, x0)) {
    throw new RangeError('options.x0: expected a start outside the stop region (every walker would have passed at t = 0), received a point inside it');
  }
  const bridge = checkBoolean('options.bridge', opts.bridge ?? true) && method === 'overdamped' && region !== null && region.kind === 'half';
  let noise: NoiseModel | null = null;
  let friction = 0;
  let mass = 1;
  let finiteSum: FiniteSumObjective | null = null;
  let batchSize = 1;
  let replacement = true;
  if (method === 'overdamped') noise = noiseModel(opts, d, dt);
  else if (method === 'noisy-gd') {
    if (opts.diffusion !== undefined)
      throw new TypeError("options.diffusion: expected undefined for method 'noisy-gd' (it takes options.temperature), received a value");
    noise = noiseModel(opts, d, dt);
  } else if (method === 'underdamped') {
    friction = checkPositive('options.friction', opts.friction);
    mass = checkPositive('options.mass', opts.mass ?? 1);
    const c = exp(-friction * dt);
    noise = noiseModel({ temperature: opts.temperature }, d, (1 - c * c) / (2 * mass), 'options', true);
  } else {
    finiteSum = checkObjective<FiniteSumObjective>(opts.objective, { finiteSum: true, name: 'options.objective' });
    replacement = checkBoolean('options.replacement', opts.replacement ?? true);
    batchSize = checkInteger('options.batchSize', opts.batchSize, 1, replacement ? Number.MAX_SAFE_INTEGER : finiteSum.size);
  }
  return {
    method,
    d,
    x0,
    dt,
    maxSteps,
    tMax,
    seed,
    walkers,
    drift,
    noise,
    region,
    predicate,
    bridge,
    friction,
    mass,
    finiteSum,
    batchSize,
    replacement,
    landscape: null,
    fast: true,
  };
}

/** Per-walker outputs, written at offset (i − start). @internal */
export interface WalkerOutput {
  firstPassage: Float64Array;
  escaped: Uint8Array;
  steps: Float64Array;
  final: Float64Array;
}

/** Allocates the outputs for n walkers in dimension d. @internal */
export function walkerOutput(n: number, d: number): WalkerOutput {
  return { firstPassage: new Float64Array(n), escaped: new Uint8Array(n), steps: new Float64Array(n), final: new Float64Array(n * d) };
}

/** Largest block of normals a walker draws at once (the block is consumed in order, across steps). */
const BLOCK = 1024;

/**
 * A walker's work buffers, allocated once per call of {@link simulateWalkers} and reused for every
 * walker and step. @internal
 */
interface Work {
  x: Float64Array;
  v: Float64Array;
  g: Float64Array;
  next: Float64Array;
  xi: Float64Array;
  inc: Float64Array;
  block: Float64Array;
  batch: Uint32Array;
  scratch: Uint32Array | null;
}

/**
 * Runs walkers [start, end) into `out` (offsets relative to `start`), checking `shouldStop()` between
 * walkers; returns the number of walkers completed (end − start unless stopped early). @internal
 */
export function simulateWalkers(cfg: WalkerConfig, start: number, end: number, out: WalkerOutput, shouldStop?: () => boolean): number {
  if (cfg.fast && fastApplies(cfg)) return fastWalkers(cfg, cfg.landscape, start, end, out, shouldStop);
  const d = cfg.d;
  const w: Work = {
    x: new Float64Array(d),
    v: new Float64Array(d),
    g: new Float64Array(d),
    next: new Float64Array(d),
    xi: new Float64Array(d),
    inc: new Float64Array(d),
    block: new Float64Array(Math.max(BLOCK, d)),
    batch: new Uint32Array(cfg.batchSize),
    scratch: cfg.method === 'sgd' && !cfg.replacement ? new Uint32Array(cfg.finiteSum?.size ?? 0) : null,
  };
  for (let i = start; i < end; i++) {
    if (shouldStop !== undefined && shouldStop()) return i - start;
    runWalker(cfg, i, w, out, i - start);
  }
  return end - start;
}

function runWalker(cfg: WalkerConfig, index: number, w: Work, out: WalkerOutput, slot: number): void {
  if ((cfg.method === 'overdamped' || cfg.method === 'noisy-gd') && cfg.noise !== null && cfg.noise.kind === 'scalar') {
    scalarWalker(cfg, index, w, out, slot);
    return;
  }
  const { d, dt, maxSteps, region, predicate, bridge, drift, noise } = cfg;
  const size = cfg.finiteSum?.size ?? 0;
  const rng: BlockRng = blockStream(cfg.seed, index);
  const { x, v, g, next, xi, inc, block } = w;
  x.set(cfg.x0);
  v.fill(0);
  if (w.scratch !== null) for (let n = 0; n < w.scratch.length; n++) w.scratch[n] = n;
  // Normals come in blocks that double from 16 to BLOCK, so a short walker draws few spares.
  let len = 16;
  let view = block.subarray(0, 0);
  let pos = 0;
  const fillXi = (): void => {
    for (let i = 0; i < d; i++) {
      if (pos === view.length) {
        view = block.subarray(0, len);
        rng.fillNormal(view);
        pos = 0;
        if (len < block.length) len = Math.min(block.length, 2 * len);
      }
      xi[i] = view[pos++] as number;
    }
  };
  const scalar = noise !== null && noise.kind === 'scalar';
  const sigma = noise?.sigma ?? 0;
  const c = exp(-cfg.friction * dt);
  const hm = dt / (2 * cfg.mass);
  const half = dt / 2;
  const half_c = region !== null && region.kind === 'half' ? region.coordinate : 0;
  const level = region !== null && region.kind === 'half' ? region.level : 0;
  const sign = region !== null && region.kind === 'half' ? region.sign : 1;
  if (cfg.method === 'underdamped') drift.gradient(x, g);
  let passage = -1;
  let k = 0;
  while (k < maxSteps) {
    // Distance to the half-space boundary before the step (positive: outside the stop region).
    const before = bridge ? -sign * ((x[half_c] as number) - level) : 0;
    const dcc = bridge ? (noise as NoiseModel).diagonal(x, half_c) : 0;
    if (cfg.method === 'overdamped' || cfg.method === 'noisy-gd') {
      drift.gradient(x, g);
      fillXi();
      if (scalar) {
        for (let i = 0; i < d; i++) next[i] = (x[i] as number) - dt * (g[i] as number) + sigma * (xi[i] as number);
      } else {
        (noise as NoiseModel).increment(x, xi, inc);
        for (let i = 0; i < d; i++) next[i] = (x[i] as number) - dt * (g[i] as number) + (inc[i] as number);
      }
      x.set(next);
    } else if (cfg.method === 'underdamped') {
      fillXi();
      (noise as NoiseModel).increment(x, xi, inc);
      for (let i = 0; i < d; i++) {
        let vi = (v[i] as number) - hm * (g[i] as number);
        let xx = (x[i] as number) + half * vi;
        vi = c * vi + (inc[i] as number);
        xx += half * vi;
        x[i] = xx;
        v[i] = vi;
      }
      drift.gradient(x, g);
      for (let i = 0; i < d; i++) v[i] = (v[i] as number) - hm * (g[i] as number);
    } else {
      sgdStep(cfg, rng, w, size);
    }
    k++;
    const t = k * dt;
    if (region !== null ? inRegion(region, x) : predicate !== undefined && predicate(x, k, t)) {
      if (bridge) {
        // Crossed within the step: the time by linear interpolation of the distance.
        const after = sign * ((x[half_c] as number) - level);
        passage = (k - 1) * dt + (dt * before) / (before + after > 0 ? before + after : 1);
      } else passage = t;
      break;
    }
    if (bridge && dcc > 0) {
      // Brownian-bridge crossing: P(the path crossed | both ends outside) = exp(−a b / (D dt)).
      const after = -sign * ((x[half_c] as number) - level);
      const p = exp(-(before * after) / (dcc * dt));
      if (rng.uniform() < p) {
        passage = (k - 0.5) * dt;
        break;
      }
    }
    let finite = 0;
    for (let i = 0; i < d; i++) finite += (x[i] as number) - (x[i] as number);
    if (finite !== 0) break; // diverged: censored at this step, final holds the non-finite point
  }
  out.escaped[slot] = passage >= 0 ? 1 : 0;
  out.firstPassage[slot] = passage >= 0 ? passage : k * dt;
  out.steps[slot] = k;
  out.final.set(x, slot * d);
}

function sgdStep(cfg: WalkerConfig, rng: BlockRng, w: Work, n: number): void {
  const f = cfg.finiteSum as FiniteSumObjective;
  const { batch, scratch, x, g } = w;
  const B = cfg.batchSize;
  if (scratch === null) for (let k = 0; k < B; k++) batch[k] = rng.integerBelow(n);
  else {
    for (let k = 0; k < B; k++) {
      const j = k + rng.integerBelow(n - k);
      const t = scratch[j] as number;
      scratch[j] = scratch[k] as number;
      scratch[k] = t;
      batch[k] = t;
    }
  }
  f.batchGradient(x, batch, g);
  const eta = cfg.dt;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) - eta * (g[i] as number);
}

/**
 * The fast path: Euler–Maruyama with D = T·I. Normals come from the walker's stream in blocks of
 * up to BLOCK (the same order as the general loop: d per step, in coordinate order, across blocks),
 * the update, the finiteness check and a half-space test are one loop, and the bridge test needs
 * no D evaluation. The same numbers as the general loop would give. @internal
 */
function scalarWalker(cfg: WalkerConfig, index: number, w: Work, out: WalkerOutput, slot: number): void {
  const { d, dt, maxSteps, region, predicate, bridge, drift } = cfg;
  const rng = blockStream(cfg.seed, index);
  const { x, g, block } = w;
  x.set(cfg.x0);
  const sigma = (cfg.noise as NoiseModel).sigma;
  const temperature = (sigma * sigma) / (2 * dt);
  const half = region !== null && region.kind === 'half';
  const hc = half ? region.coordinate : 0;
  const level = half ? region.level : 0;
  const sign = half ? region.sign : 1;
  const grad = drift.gradient;
  let len = 16;
  let avail = 0;
  let pos = 0;
  let passage = -1;
  let k = 0;
  while (k < maxSteps) {
    const before = -sign * ((x[hc] as number) - level);
    grad(x, g);
    let acc = 0;
    for (let i = 0; i < d; i++) {
      if (pos === avail) {
        rng.fillNormal(block.subarray(0, len));
        avail = len;
        pos = 0;
        if (len < block.length) len = Math.min(block.length, 2 * len);
      }
      const v = (x[i] as number) - dt * (g[i] as number) + sigma * (block[pos++] as number);
      x[i] = v;
      acc += v - v;
    }
    k++;
    if (half) {
      const after = sign * ((x[hc] as number) - level);
      if (after >= 0) {
        passage = bridge ? (k - 1) * dt + (dt * before) / (before + after > 0 ? before + after : 1) : k * dt;
        break;
      }
      if (bridge && temperature > 0 && rng.uniform() < exp((before * after) / (temperature * dt))) {
        passage = (k - 0.5) * dt;
        break;
      }
    } else if (region !== null ? inRegion(region, x) : predicate !== undefined && predicate(x, k, k * dt)) {
      passage = k * dt;
      break;
    }
    if (acc !== 0) break;
  }
  out.escaped[slot] = passage >= 0 ? 1 : 0;
  out.firstPassage[slot] = passage >= 0 ? passage : k * dt;
  out.steps[slot] = k;
  out.final.set(x, slot * d);
}
