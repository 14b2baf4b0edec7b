/**
 * The ensemble's WebAssembly SIMD path: walkers of the 1-D double well (eight at a time) and of
 * Müller–Brown (four) stepped side by side in the lanes of the `langevinTile` / `langevinTileMB`
 * kernels of core/simd-kernels.wat. Each walker's xoshiro128** words sit in an i32x4 lane (integer
 * operations, so a lane produces exactly the words of its scalar stream); the ziggurat's fast path
 * (two words, a table lookup and a compare: ≈ 99% of draws) and the Euler–Maruyama update are f64x2
 * arithmetic with the operations of the JavaScript tile of fast-kernels.ts in the same order (no
 * fused multiply-add); a wedge is done in scalar WebAssembly on that lane's words; Müller–Brown's
 * exponentials (and the wedges' e^(−x²/2)) are core/elementary's table-driven `exp` written out in
 * f64x2 (same operations, same order, its 2^(j/128) table copied into the heap, the out-of-range
 * arguments through a scalar copy of its large-argument branch). The kernel returns to
 * this driver when a lane's normal lands in the ziggurat's tail (finished here by the scalar
 * ziggurat on that lane's words: the words the scalar stream spends) and when a lane's walker is
 * done (its outputs written, the next walker of the range seeded in that lane).
 *
 * So walker i's numbers are bit for bit those of the JavaScript tile, which is the fallback where
 * WebAssembly SIMD is unavailable or turned off: the same stream `blockStream(seed, i)`, normals
 * drawn in stream order (a block of normals drawn ahead or one at a time spends the same words when
 * nothing else is drawn between them; the bridge's uniforms are, so an ensemble with the bridge
 * stays on the JavaScript tile), the same arithmetic. Walkers are independent of their lane and of
 * each other, hence of the split into workers or shards. @internal
 *
 * @module
 */
import { EXP_TABLE } from '../core/elementary/tables';
import { createSimdHeap, setSimdEnabled, type SimdKernels } from '../core/simd-heap';
import { fillNormalWords, streamWords, zigguratRare } from '../random/xoshiro';
import { mullerBrownGradient } from './muller-brown-kernels';
import { zigguratTables } from '../random/ziggurat';

/** The outputs of the walkers of a call, at offset (i − start) (`FastOutput` of fast-kernels). @internal */
export interface TileOutput {
  firstPassage: Float64Array;
  escaped: Uint8Array;
  steps: Float64Array;
  final: Float64Array;
}

/** What the SIMD tile reads: the landscape's coefficients, the step and the stop. @internal */
export interface TileSetup {
  dt: number;
  maxSteps: number;
  sigma: number;
  /** 0: none; 1: half-space (no bridge); 2: ball. */
  stopKind: number;
  hc: number;
  level: number;
  sign: number;
  cx: number;
  cy: number;
  r2: number;
  k2: number;
  k4: number;
  k6: number;
}

type Kernel = (p: number, kn: number, wn: number, fn: number, xt: number) => number;
type ExpTest = (x: number, out: number, len: number, simd: number, xt: number) => void;
type TileKernels = SimdKernels & { langevinTile: Kernel; langevinTileMB: Kernel; langevinExpTest: ExpTest };

/** The heap of the kernel (one a thread, reused by every call): the context block, the layer tables and exp's table. */
interface TileHeap {
  dw: Kernel;
  mb: Kernel;
  f64: Float64Array;
  i32: Int32Array;
  p: number;
  kn: number;
  wn: number;
  fn: number;
  xt: number;
  expTest: ExpTest;
  /** {@link EXP_CHUNK} doubles in and out for the exp test entry. */
  ex: Float64Array;
  ey: Float64Array;
}

let cache: TileHeap | null | undefined;

/** Walkers a kernel call steps side by side: two groups of four lanes on the double well, one on Müller–Brown. */
const LANES_DW = 8;
const LANES_MB = 4;
/** The context block: 896 bytes (see the layout in simd-kernels.wat). */
const CTX_DOUBLES = 112;
/** Arguments the exp test entry takes a call. */
const EXP_CHUNK = 512;
/** Müller–Brown's terms k = 0…3 as the kernel reads them at byte 640 + 64k: A, a, b, c, x₀, y₀, 2a, 2c (objectives/muller-brown's constants). */
const MB_TERMS = [
  [-200, -1, 0, -10, 1, 0],
  [-100, -1, 0, -10, 0, 0.5],
  [-170, -6.5, 11, -6.5, -0.5, 1.5],
  [15, 0.7, 0.6, 0.7, -1, 1],
].flatMap(([A, a, b, c, x0, y0]) => [A, a, b, c, x0, y0, 2 * (a as number), 2 * (c as number)] as number[]);
// Indices into the context block's views (byte offset / 8 for doubles, / 4 for int32); lane j is
// lane j & 3 of group j >> 2, whose block starts at byte 256·group.
const X = 8;
const Y = 12;
const Z = 20;
/** Müller–Brown's gradient handed to the kernel (read in phases 2 and 3): gx[4] at byte 256, gy[4] at 288. */
const GX = 32;
const GY = 36;
const U1 = 56;
const U2 = 60;
const PARAMS = 64;
const LIMIT = 73;
const CY = 74;
const N = 75;
const STOP_KIND = 152;
const PHASE = 153;
const SLOW = 154;
const DONE = 155;
const STOPPED = 156;
const WHICH = 157;
const ACTIVE = 158;
const HC = 159;
/** Index of lane j's entry of a double array of the group block at `at` (f64 view). */
const f = (at: number, j: number): number => 32 * (j >> 2) + at + (j & 3);
/** Index of lane j's entry of an int32 array of the group block at `at` (int32 view). */
const w32 = (at: number, j: number): number => 64 * (j >> 2) + at + (j & 3);

function tileHeap(): TileHeap | null {
  // The library's SIMD switch (core/simd-heap's setSimdEnabled), read without changing it.
  const on = setSimdEnabled(true);
  setSimdEnabled(on);
  if (!on) return null;
  if (cache !== undefined) return cache;
  cache = null;
  const heap = createSimdHeap(CTX_DOUBLES + 1024 + 2 * EXP_CHUNK);
  if (heap === undefined) return null;
  const kernels = heap.kernels as TileKernels;
  if (typeof kernels.langevinTile !== 'function' || typeof kernels.langevinTileMB !== 'function' || typeof kernels.langevinExpTest !== 'function') return null;
  const ctx = heap.alloc(CTX_DOUBLES) as Float64Array;
  const kn = heap.alloc(256) as Float64Array;
  const wn = heap.alloc(256) as Float64Array;
  const fn = heap.alloc(256) as Float64Array;
  // core/elementary's exp table, 2^(j/128) as [head, tail] pairs: the kernels' exp reads it.
  const xt = heap.alloc(256) as Float64Array;
  const ex = heap.alloc(EXP_CHUNK) as Float64Array;
  const ey = heap.alloc(EXP_CHUNK) as Float64Array;
  ctx.set(MB_TERMS, 80);
  const t = zigguratTables();
  kn.set(t.kn);
  wn.set(t.wn);
  fn.set(t.fn);
  xt.set(EXP_TABLE);
  cache = {
    dw: kernels.langevinTile,
    mb: kernels.langevinTileMB,
    f64: ctx,
    i32: new Int32Array(ctx.buffer, ctx.byteOffset, 2 * CTX_DOUBLES),
    p: ctx.byteOffset,
    kn: kn.byteOffset,
    wn: wn.byteOffset,
    fn: fn.byteOffset,
    xt: xt.byteOffset,
    expTest: kernels.langevinExpTest,
    ex,
    ey,
  };
  return cache;
}

/** Whether the SIMD tile is available on this thread (WebAssembly SIMD present and turned on). @internal */
export function simdTileAvailable(): boolean {
  return tileHeap() !== null;
}

/**
 * exp(x[i]) by the kernels' exp (`simd`: the Müller–Brown tile's, four arguments at a time with its
 * operations, arguments outside its range by the large-argument branch; else the scalar one of the
 * ziggurat's wedges), for tests against core/elementary's `exp`; null when SIMD is unavailable. @internal
 */
export function simdTileExp(x: Float64Array, simd: boolean): Float64Array | null {
  const h = tileHeap();
  if (h === null) return null;
  const out = new Float64Array(x.length);
  for (let at = 0; at < x.length; at += EXP_CHUNK) {
    const len = Math.min(EXP_CHUNK, x.length - at);
    h.ex.fill(0);
    h.ex.set(x.subarray(at, at + len));
    // The SIMD path steps by fours: a short tail is computed with padding 0s beside it.
    h.expTest(h.ex.byteOffset, h.ey.byteOffset, simd ? (len + 3) & ~3 : len, simd ? 1 : 0, h.xt);
    out.set(h.ey.subarray(0, len), at);
  }
  return out;
}

/**
 * Runs walkers [start, end) of the 1-D double well or Müller–Brown (`mb`) on the SIMD tile into
 * `out`; `shouldStop()`, checked as a lane is refilled, ends the call at the longest finished
 * prefix, which it returns (as the JavaScript tile does). Null when SIMD is unavailable: the caller
 * runs the JavaScript tile. @internal
 */
export function simdTileWalkers(
  s: TileSetup,
  mb: boolean,
  seed: string,
  start: number,
  end: number,
  out: TileOutput,
  shouldStop: (() => boolean) | undefined,
  x0: number,
  y0: number,
): number | null {
  const h = tileHeap();
  if (h === null) return null;
  const { f64, i32, p, kn, wn, fn, xt } = h;
  const run = mb ? h.mb : h.dw;
  const LANES = mb ? LANES_MB : LANES_DW;
  const wnTable = zigguratTables().wn;
  const { dt, maxSteps } = s;
  f64.set([dt, s.sigma, s.k2, s.k4, s.k6, s.level, s.sign, s.cx, s.r2], PARAMS);
  f64[N] = 0;
  f64[CY] = s.cy;
  i32[STOP_KIND] = s.stopKind;
  i32[HC] = s.hc;
  i32[PHASE] = 0;
  const st = new Int32Array(4);
  const one = new Float64Array(1);
  const grad = new Float64Array(2);
  // Lane j runs walker who[j], seeded at step n = n0[j] of the kernel's count (so its k = n − n0[j]).
  const who = new Array<number>(LANES).fill(-1);
  const n0 = new Float64Array(LANES);
  const finished = new Uint8Array(end - start);
  let active = 0;
  let next = start;
  let stopped = false;
  const seedLane = (j: number): void => {
    streamWords(seed, next, st);
    for (let w = 0; w < 4; w++) i32[w32(4 * w, j)] = st[w] as number;
    f64[f(X, j)] = x0;
    f64[f(Y, j)] = y0;
    n0[j] = f64[N] as number;
    who[j] = next++;
    active |= 1 << j;
  };
  for (let j = 0; j < LANES && next < end; j++) {
    if (shouldStop !== undefined && shouldStop()) {
      stopped = true;
      break;
    }
    seedLane(j);
  }
  while (active !== 0) {
    let limit = Infinity;
    for (let j = 0; j < LANES; j++) if ((active & (1 << j)) !== 0) limit = Math.min(limit, (n0[j] as number) + maxSteps);
    f64[LIMIT] = limit;
    i32[ACTIVE] = active;
    const code = run(p, kn, wn, fn, xt);
    if (code === 1) {
      // Lanes whose normal is in the ziggurat's tail: finished on that lane's words (after its draw).
      const slow = i32[SLOW] as number;
      const which = i32[WHICH] as number;
      for (let j = 0; j < LANES; j++) {
        if ((slow & (1 << j)) === 0) continue;
        for (let w = 0; w < 4; w++) st[w] = i32[w32(4 * w, j)] as number;
        const u1 = i32[w32(U1, j)] as number;
        const u2 = i32[w32(U2, j)] as number;
        const idx = u1 & 255;
        const x = ((u1 >>> 9) * 536870912 + (u2 >>> 3)) * (wnTable[idx] as number);
        let z = zigguratRare(st, idx, x);
        if (Number.isNaN(z)) {
          // Rejected: the normal is drawn again from the lane's words, as the scalar fill does.
          fillNormalWords(st, one, 0, 1);
          z = one[0] as number;
        } else z *= 1 - ((u1 >>> 7) & 2);
        f64[f(Z + 4 * which, j)] = z;
        for (let w = 0; w < 4; w++) i32[w32(4 * w, j)] = st[w] as number;
      }
      // Müller–Brown's kernel takes the x normals, the gradient (kept at GX/GY), then the y normals.
      i32[PHASE] = mb ? (which === 0 ? 1 : 3) : which + 1;
      continue;
    }
    if (code === 4) {
      // Müller–Brown: an exponential's argument outside the kernel's range (exp's large-argument
      // branch): this step's gradient of the four lanes here, with the JavaScript tile's arithmetic
      // (the x normals are drawn: the kernel goes on with the y normals).
      for (let j = 0; j < LANES; j++) {
        mullerBrownGradient(f64[f(X, j)] as number, f64[f(Y, j)] as number, grad);
        f64[GX + j] = grad[0] as number;
        f64[GY + j] = grad[1] as number;
      }
      i32[PHASE] = 2;
      continue;
    }
    if (code !== 2) break; // (3: no active lane; not reached)
    const n = f64[N];
    const hit = i32[STOPPED] as number;
    const done = i32[DONE] as number;
    for (let j = 0; j < LANES; j++) {
      const bit = 1 << j;
      if ((active & bit) === 0 || ((done & bit) === 0 && (n0[j] as number) + maxSteps !== n)) continue;
      const slot = (who[j] as number) - start;
      const k = n - (n0[j] as number);
      out.escaped[slot] = (hit >> j) & 1;
      out.firstPassage[slot] = k * dt;
      out.steps[slot] = k;
      if (mb) {
        out.final[2 * slot] = f64[f(X, j)] as number;
        out.final[2 * slot + 1] = f64[f(Y, j)] as number;
      } else out.final[slot] = f64[f(X, j)] as number;
      finished[slot] = 1;
      if (next < end && shouldStop !== undefined && shouldStop()) stopped = true;
      if (!stopped && next < end) seedLane(j);
      else {
        who[j] = -1;
        active &= ~bit;
        // An idle lane keeps stepping (masked out of every test): from a tame start.
        f64[f(X, j)] = x0;
        f64[f(Y, j)] = y0;
      }
    }
  }
  let n = 0;
  while (n < end - start && finished[n] === 1) n++;
  return n;
}
