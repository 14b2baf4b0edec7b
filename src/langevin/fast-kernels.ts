/**
 * The ensemble's fast path for Euler–Maruyama with D = T·I (`'overdamped'` with a scalar
 * temperature, and `'noisy-gd'`): one function per built-in landscape with its gradient written
 * into the step loop (the 1-D double well and Müller–Brown with the position in locals, a small
 * quadratic as an inline mat-vec; anything else through its gradient call), the walker's
 * xoshiro128** words in one Int32Array, its normals filled into a block buffer by the inlined
 * ziggurat of `fillNormalWords`, the half-space and ball stops and the finiteness check inline, and
 * nothing allocated per walker or step.
 *
 * Walker i's numbers are exactly those of the general loop: the same stream `blockStream(seed, i)`,
 * normals in blocks of 16, 32, …, 1024 consumed d per step in coordinate order, the bridge uniform
 * drawn from the words after the current block, the gradient with the objective's own arithmetic
 * in its own order. Walkers run one after another (each walker's whole path with its state in
 * registers), which is what keeps its stream and block boundaries independent of the other walkers
 * and of the split into workers or shards. @internal
 *
 * @module
 */
import type { Objective, Seed } from '../core/types';
import type { doubleWell } from '../objectives/double-well';
import type { quadratic } from '../objectives/quadratic';
import { fillNormalWords, streamWords, uniformWords } from '../random/xoshiro';
import type { NoiseModel } from './diffusion-kernels';
import type { ObjectiveSpec } from './objective-spec';
import type { CompiledRegion } from './stop-kernels';
import type { StopPredicate } from './types';
import { exp } from '../core/elementary/index';
import { mullerBrownGradient } from './muller-brown-kernels';
import { simdTileWalkers } from './simd-tile-kernels';

/**
 * What the fast path reads of the ensemble's checked configuration (`WalkerConfig` of
 * ensemble-kernels, which calls this module, satisfies it; declared here so the two modules do not
 * import each other). @internal
 */
export interface FastConfig {
  method: string;
  d: number;
  x0: Float64Array;
  dt: number;
  maxSteps: number;
  seed: Seed;
  noise: NoiseModel | null;
  region: CompiledRegion | null;
  predicate: StopPredicate | undefined;
  bridge: boolean;
  drift: { gradient(x: Float64Array, g: Float64Array): void };
}

/** The per-walker outputs (`WalkerOutput` of ensemble-kernels), written at offset (i − start). @internal */
export interface FastOutput {
  firstPassage: Float64Array;
  escaped: Uint8Array;
  steps: Float64Array;
  final: Float64Array;
}

/** A built-in landscape the fast path writes into its loop. @internal */
export type FastLandscape =
  | { kind: 'doubleWell'; k2: number; k4: number; k6: number }
  | { kind: 'mullerBrown' }
  | { kind: 'quadratic'; n: number; matrix: Float64Array; center: Float64Array };

/** Largest normal block (as the general loop). */
const BLOCK = 1024;

/** The fast landscape of a description and the objective built from it, else null. @internal */
export function fastLandscape(spec: ObjectiveSpec | null, objective: Objective): FastLandscape | null {
  if (spec === null || 'module' in spec) return null;
  if (spec.builtin === 'doubleWell' && objective.dim === 1) {
    const o = objective as ReturnType<typeof doubleWell>;
    if ((o.direction[0] as number) !== 1) return null;
    // The profile's coefficients as doubleWell (and fastGradient) computes them; k = 2c₂, 4c₄, 6c₆ exactly.
    const curvature = o.curvatureMin;
    const kappa = -o.curvatureSaddle;
    const a2 = (24 * o.barrier) / (curvature + 4 * kappa);
    const c2 = -kappa / 2;
    const c4 = (4 * kappa - curvature) / (8 * a2);
    const c6 = (curvature - 2 * kappa) / (12 * a2 * a2);
    return { kind: 'doubleWell', k2: 2 * c2, k4: 4 * c4, k6: 6 * c6 };
  }
  if (spec.builtin === 'mullerBrown') return { kind: 'mullerBrown' };
  if (spec.builtin === 'quadratic') {
    const o = objective as ReturnType<typeof quadratic>;
    return { kind: 'quadratic', n: o.dim, matrix: o.matrix, center: o.center };
  }
  return null;
}

/** Whether the fast path runs this configuration. @internal */
export function fastApplies(cfg: FastConfig): boolean {
  return (cfg.method === 'overdamped' || cfg.method === 'noisy-gd') && cfg.noise !== null && cfg.noise.kind === 'scalar';
}

/** The loop-invariant inputs of one walker, read once per call. */
interface Setup {
  d: number;
  dt: number;
  maxSteps: number;
  sigma: number;
  temperature: number;
  /** 0: none or predicate; 1: half-space; 2: ball. */
  stopKind: number;
  hc: number;
  level: number;
  sign: number;
  bridge: boolean;
  center: Float64Array;
  r2: number;
}

function setup(cfg: FastConfig): Setup {
  const region = cfg.region;
  const sigma = (cfg.noise as NoiseModel).sigma;
  const half = region !== null && region.kind === 'half';
  return {
    d: cfg.d,
    dt: cfg.dt,
    maxSteps: cfg.maxSteps,
    sigma,
    temperature: (sigma * sigma) / (2 * cfg.dt),
    stopKind: region === null ? 0 : region.kind === 'half' ? 1 : 2,
    hc: half ? region.coordinate : 0,
    level: half ? region.level : 0,
    sign: half ? region.sign : 1,
    bridge: cfg.bridge,
    center: region !== null && region.kind === 'ball' ? region.center : new Float64Array(cfg.d),
    r2: region !== null && region.kind === 'ball' ? region.radius * region.radius : 0,
  };
}

/**
 * Runs walkers [start, end) on the fast path into `out` (offsets relative to `start`), checking
 * `shouldStop()` between walkers; returns the number completed. @internal
 */
export function fastWalkers(cfg: FastConfig, land: FastLandscape | null, start: number, end: number, out: FastOutput, shouldStop?: () => boolean): number {
  const s = setup(cfg);
  const seed = String(cfg.seed);
  // A data region or no stop at all: the landscape's own tiled loop (a predicate goes to the generic one).
  const inline = s.stopKind !== 0 || cfg.predicate === undefined;
  if (inline && land !== null && (land.kind === 'doubleWell' || land.kind === 'mullerBrown') && !(s.stopKind === 1 && s.bridge)) {
    // WebAssembly SIMD, walkers in lanes: the same bits as the tile below (null: no SIMD here).
    // The bridge draws its uniforms between blocks of normals, so it stays on the tile below.
    const dw = land.kind === 'doubleWell';
    const tile = { ...s, cx: s.center[0] as number, cy: dw ? 0 : (s.center[1] as number), k2: dw ? land.k2 : 0, k4: dw ? land.k4 : 0, k6: dw ? land.k6 : 0 };
    const n = simdTileWalkers(tile, !dw, seed, start, end, out, shouldStop, cfg.x0[0] as number, dw ? 0 : (cfg.x0[1] as number));
    if (n !== null) return n;
  }
  if (inline && land !== null && (land.kind === 'doubleWell' || land.kind === 'mullerBrown')) {
    return tiledWalkers(s, land, seed, start, end, out, shouldStop, cfg.x0[0] as number, land.kind === 'mullerBrown' ? (cfg.x0[1] as number) : 0);
  }
  const st = new Int32Array(4);
  const block = new Float64Array(Math.max(BLOCK, s.d));
  const x = new Float64Array(s.d);
  const g = new Float64Array(s.d);
  const diff = new Float64Array(s.d);
  for (let i = start; i < end; i++) {
    if (shouldStop !== undefined && shouldStop()) return i - start;
    streamWords(seed, i, st);
    x.set(cfg.x0);
    genericWalker(s, cfg, land !== null && land.kind === 'quadratic' ? land : null, st, block, x, g, diff, out, i - start);
  }
  return end - start;
}

/** Walkers stepped side by side in one tile (their dependency chains overlap: one walker alone is latency-bound). */
const TILE = 8;

/**
 * The 1-D double well and Müller–Brown: a tile of {@link TILE} slots in structure-of-arrays form
 * (position, step count, normal-block cursor and xoshiro words per slot, each slot's normal block
 * in one shared buffer), stepped one step per slot in turn; a slot whose walker has finished takes
 * the next walker of the range. Each walker keeps its own stream and block sequence, so its numbers
 * are those of the walker-by-walker loop; walkers finish out of order, and `shouldStop()` (checked
 * as a slot is refilled) ends the call at the longest finished prefix, which it returns.
 */
function tiledWalkers(
  s: Setup,
  land: FastLandscape,
  seed: string,
  start: number,
  end: number,
  out: FastOutput,
  shouldStop: (() => boolean) | undefined,
  x0: number,
  y0: number,
): number {
  const { dt, maxSteps, sigma, temperature, stopKind, hc, level, sign, bridge, r2 } = s;
  const mb = land.kind === 'mullerBrown';
  const k2 = land.kind === 'doubleWell' ? land.k2 : 0;
  const k4 = land.kind === 'doubleWell' ? land.k4 : 0;
  const k6 = land.kind === 'doubleWell' ? land.k6 : 0;
  const cx = s.center[0] as number;
  const cy = mb ? (s.center[1] as number) : 0;
  const xs = new Float64Array(TILE);
  const ys = new Float64Array(TILE);
  const ks = new Float64Array(TILE);
  const who = new Float64Array(TILE).fill(-1);
  const pos = new Int32Array(TILE);
  const avail = new Int32Array(TILE);
  const lens = new Int32Array(TILE);
  const words = new Int32Array(4 * TILE);
  const views: Int32Array[] = [];
  for (let j = 0; j < TILE; j++) views.push(words.subarray(4 * j, 4 * j + 4));
  const buf = new Float64Array(TILE * BLOCK);
  const grad = new Float64Array(2);
  const finished = new Uint8Array(end - start);
  let next = start;
  let active = 0;
  let stopped = false;
  for (let j = 0; j < TILE && next < end; j++) {
    if (shouldStop !== undefined && shouldStop()) {
      stopped = true;
      break;
    }
    streamWords(seed, next, views[j] as Int32Array);
    who[j] = next++;
    xs[j] = x0;
    ys[j] = y0;
    lens[j] = 16;
    active++;
  }
  while (active > 0 && !stopped) {
    for (let j = 0; j < TILE; j++) {
      const i = who[j] as number;
      if (i < 0) continue;
      const base = j * BLOCK;
      let x = xs[j] as number;
      let y = ys[j] as number;
      const before = -sign * ((hc === 0 ? x : y) - level);
      let p = pos[j] as number;
      if (p === avail[j]) {
        const len = lens[j] as number;
        fillNormalWords(views[j] as Int32Array, buf, base, base + len);
        avail[j] = len;
        p = 0;
        if (len < BLOCK) lens[j] = 2 * len;
      }
      if (!mb) {
        const q = x * x;
        const gx = 0 + x * (k2 + q * (k4 + k6 * q));
        x = x - dt * gx + sigma * (buf[base + p++] as number);
      } else {
        mullerBrownGradient(x, y, grad);
        const gx = grad[0] as number;
        const gy = grad[1] as number;
        x = x - dt * gx + sigma * (buf[base + p++] as number);
        if (p === avail[j]) {
          const len = lens[j] as number;
          fillNormalWords(views[j] as Int32Array, buf, base, base + len);
          avail[j] = len;
          p = 0;
          if (len < BLOCK) lens[j] = 2 * len;
        }
        y = y - dt * gy + sigma * (buf[base + p++] as number);
      }
      pos[j] = p;
      xs[j] = x;
      ys[j] = y;
      const k = (ks[j] as number) + 1;
      ks[j] = k;
      let passage = -1;
      let done = false;
      if (stopKind === 1) {
        const after = sign * ((hc === 0 ? x : y) - level);
        if (after >= 0) {
          passage = bridge ? (k - 1) * dt + (dt * before) / (before + after > 0 ? before + after : 1) : k * dt;
          done = true;
        } else if (bridge && temperature > 0 && uniformWords(views[j] as Int32Array) < exp((before * after) / (temperature * dt))) {
          passage = (k - 0.5) * dt;
          done = true;
        }
      } else if (stopKind === 2 && (mb ? 0 + (x - cx) ** 2 + (y - cy) ** 2 : 0 + (x - cx) ** 2) <= r2) {
        passage = k * dt;
        done = true;
      }
      if (!done && x - x + (y - y) === 0 && k < maxSteps) continue;
      // The walker is done: escaped, censored at a non-finite point, or at maxSteps.
      const slot = i - start;
      out.escaped[slot] = passage >= 0 ? 1 : 0;
      out.firstPassage[slot] = passage >= 0 ? passage : k * dt;
      out.steps[slot] = k;
      if (mb) {
        out.final[2 * slot] = x;
        out.final[2 * slot + 1] = y;
      } else out.final[slot] = x;
      finished[slot] = 1;
      if (next < end && shouldStop !== undefined && shouldStop()) stopped = true;
      if (!stopped && next < end) {
        streamWords(seed, next, views[j] as Int32Array);
        who[j] = next++;
        xs[j] = x0;
        ys[j] = y0;
        ks[j] = 0;
        pos[j] = 0;
        avail[j] = 0;
        lens[j] = 16;
      } else {
        who[j] = -1;
        active--;
      }
    }
  }
  // Aborted: the walkers in flight are dropped; the longest finished prefix is the result.
  let n = 0;
  while (n < end - start && finished[n] === 1) n++;
  return n;
}

/** Any other landscape (its gradient call, or a quadratic's inline H(x − c)), any stop. */
function genericWalker(
  s: Setup,
  cfg: FastConfig,
  quad: { n: number; matrix: Float64Array; center: Float64Array } | null,
  st: Int32Array,
  block: Float64Array,
  x: Float64Array,
  g: Float64Array,
  diff: Float64Array,
  out: FastOutput,
  slot: number,
): void {
  const { d, dt, maxSteps, sigma, temperature, stopKind, hc, level, sign, bridge, center, r2 } = s;
  const predicate = cfg.predicate;
  const grad = cfg.drift.gradient;
  let len = 16;
  let avail = 0;
  let pos = 0;
  let passage = -1;
  let k = 0;
  while (k < maxSteps) {
    const before = -sign * ((x[hc] as number) - level);
    if (quad !== null) {
      const H = quad.matrix;
      const c = quad.center;
      for (let i = 0; i < d; i++) diff[i] = (x[i] as number) - (c[i] as number);
      for (let i = 0; i < d; i++) {
        let acc = 0;
        const row = i * d;
        for (let j = 0; j < d; j++) acc += (H[row + j] as number) * (diff[j] as number);
        g[i] = acc;
      }
    } else grad(x, g);
    let acc = 0;
    for (let i = 0; i < d; i++) {
      if (pos === avail) {
        fillNormalWords(st, block, 0, len);
        avail = len;
        pos = 0;
        if (len < block.length) len = 2 * len < block.length ? 2 * len : block.length;
      }
      const v = (x[i] as number) - dt * (g[i] as number) + sigma * (block[pos++] as number);
      x[i] = v;
      acc += v - v;
    }
    k++;
    if (stopKind === 1) {
      const after = sign * ((x[hc] as number) - level);
      if (after >= 0) {
        passage = bridge ? (k - 1) * dt + (dt * before) / (before + after > 0 ? before + after : 1) : k * dt;
        break;
      }
      if (bridge && temperature > 0 && uniformWords(st) < exp((before * after) / (temperature * dt))) {
        passage = (k - 0.5) * dt;
        break;
      }
    } else if (stopKind === 2) {
      let q = 0;
      for (let i = 0; i < d; i++) q += ((x[i] as number) - (center[i] as number)) ** 2;
      if (q <= r2) {
        passage = k * dt;
        break;
      }
    } else if (predicate !== undefined && predicate(x, k, k * dt)) {
      passage = k * dt;
      break;
    }
    if (acc !== 0) break;
  }
  // Written inline: a call after the loop would be cold at OSR time (a deopt per walker).
  out.escaped[slot] = passage >= 0 ? 1 : 0;
  out.firstPassage[slot] = passage >= 0 ? passage : k * dt;
  out.steps[slot] = k;
  out.final.set(x, slot * d);
}
