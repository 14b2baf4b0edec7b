/**
 * A block random generator for ensembles: xoshiro128** (Blackman & Vigna) on 32-bit integer
 * arithmetic only, so its bits are the same on every JavaScript engine, with the 256-layer
 * ziggurat inlined in its normal fill. One stream per (seed, index), seeded by hashing both.
 *
 * @module
 */
import { checkInteger, checkKnownOptions, checkSeed } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { Seed } from '../core/types';
import { ZIGGURAT_R, zigguratTables } from './ziggurat';
import { exp, log } from '../core/elementary/index';

/** The JSON-ready state of a {@link BlockRng}: the four 32-bit words of xoshiro128**. */
export interface BlockRngState {
  readonly algorithm: 'xoshiro128**';
  readonly version: 1;
  readonly s: readonly [number, number, number, number];
}

/** A fast stream of random numbers from xoshiro128**; every method advances the one stream. */
export interface BlockRng {
  /** Uniform integer in [0, 2³²). */
  uint32(): number;
  /** Uniform on [0, 1) with 53 random bits (two words). */
  uniform(): number;
  /** Uniform integer in [0, n) for an integer 1 ≤ n ≤ 2³², unbiased (rejection). Unchecked: n must be valid. */
  integerBelow(n: number): number;
  /** Fills `out` with standard normals (ziggurat, two words each but for 0.7% of draws). Returns `out`. */
  fillNormal(out: Float64Array): Float64Array;
  /** The state, to continue with {@link blockRngFromState}. */
  state(): BlockRngState;
}

const R = ZIGGURAT_R;

/** 32-bit finaliser of MurmurHash3. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string (its UTF-16 code units), MurmurHash3-style mixing, with a domain tag. */
function hashString(s: string, tag: number): number {
  let h = tag >>> 0;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h ^ s.length);
}

/** One xoshiro128** step on the state words `st` (int32 views of the four words): the next 32-bit output, as an int32. @internal */
export function nextWord(st: Int32Array): number {
  const s0 = st[0] as number;
  const s1 = st[1] as number;
  const r = Math.imul(s1, 5);
  const result = Math.imul((r << 7) | (r >>> 25), 9);
  const t = s1 << 9;
  const s2 = (st[2] as number) ^ s0;
  const s3 = (st[3] as number) ^ s1;
  st[1] = s1 ^ s2;
  st[0] = s0 ^ s3;
  st[2] = s2 ^ t;
  st[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

/** Uniform on [0, 1) with 53 random bits (two words) from the state words `st`. @internal */
export function uniformWords(st: Int32Array): number {
  const hi = nextWord(st) >>> 5;
  return (hi * 67108864 + (nextWord(st) >>> 6)) / 9007199254740992;
}

/**
 * The ziggurat's rare branch (layer 0's tail, or a wedge) for layer `idx` and abscissa `x`, on the
 * state words `st` (advanced in place): the normal's magnitude, or NaN to draw again. Shared with the
 * SIMD ensemble path, which exits here for a lane off the fast path. @internal
 */
export function zigguratRare(st: Int32Array, idx: number, x: number): number {
  const { fn } = zigguratTables();
  if (idx === 0) {
    for (;;) {
      const xx = -log(1 - uniformWords(st)) / R;
      const yy = -log(1 - uniformWords(st));
      if (yy + yy > xx * xx) return R + xx;
    }
  }
  const f0 = fn[idx] as number;
  return f0 + uniformWords(st) * ((fn[idx - 1] as number) - f0) < exp(-0.5 * x * x) ? x : Number.NaN;
}

/**
 * Fills out[from], …, out[to − 1] with standard normals from the state words `st` (advanced in
 * place): xoshiro128** inlined on local int32 words (no call per word), two words per normal into
 * the 256-layer ziggurat, the rare wedge/tail branch out of line. The one normal generator of this
 * module: `BlockRng.fillNormal` and the ensemble fast path both call it, so their bits agree. @internal
 */
export function fillNormalWords(st: Int32Array, out: Float64Array, from: number, to: number): void {
  const { kn, wn } = zigguratTables();
  let a = st[0] as number;
  let b = st[1] as number;
  let c = st[2] as number;
  let d = st[3] as number;
  for (let i = from; i < to; i++) {
    let r = Math.imul(b, 5);
    const u1 = Math.imul((r << 7) | (r >>> 25), 9);
    let t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    r = Math.imul(b, 5);
    const u2 = Math.imul((r << 7) | (r >>> 25), 9);
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const idx = u1 & 255;
    const rabs = (u1 >>> 9) * 536870912 + (u2 >>> 3); // 23 + 29 = 52 bits
    const x = rabs * (wn[idx] as number);
    // The sign from bit 8 as a factor ±1 (x·(−1) is −x bit for bit): no unpredictable branch.
    const sgn = 1 - ((u1 >>> 7) & 2);
    if (rabs < (kn[idx] as number)) {
      out[i] = x * sgn;
      continue;
    }
    // Rare (≈1%): a wedge or the tail, on the words written back; a rejection draws this normal again.
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
    const z = zigguratRare(st, idx, x);
    a = st[0];
    b = st[1];
    c = st[2];
    d = st[3];
    if (Number.isNaN(z)) i--;
    else out[i] = z * sgn;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
}

function fromWords(s0: number, s1: number, s2: number, s3: number): BlockRng {
  const st = Int32Array.of(s0, s1, s2, s3);
  return {
    uint32: () => nextWord(st) >>> 0,
    uniform: () => uniformWords(st),
    integerBelow(n: number): number {
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const u = nextWord(st) >>> 0;
        if (u < limit) return u % n;
      }
    },
    fillNormal(out: Float64Array): Float64Array {
      fillNormalWords(st, out, 0, out.length);
      return out;
    },
    state(): BlockRngState {
      return { algorithm: 'xoshiro128**', version: 1, s: [(st[0] as number) >>> 0, (st[1] as number) >>> 0, (st[2] as number) >>> 0, (st[3] as number) >>> 0] };
    },
  };
}

/**
 * Stream `index` of `seed` of the block generator: xoshiro128** seeded with four words hashed
 * from (seed, index) (MurmurHash3 mixing of the seed's decimal string or string, and of the
 * index's two 32-bit halves, each word with its own tag), so distinct (seed, index) pairs start
 * from unrelated states. This is the stream that walker `index` of a Langevin ensemble draws from.
 * The same numbers on every engine (integer arithmetic only); O(1) to create.
 *
 * @example
 * const rng = blockStream(1, 42);
 * const z = rng.fillNormal(new Float64Array(1024));
 */
export function blockStream(seed: Seed, index: number): BlockRng {
  const st = new Int32Array(4);
  streamWords(String(checkSeed('seed', seed)), checkInteger('index', index, 0), st);
  return fromWords(st[0] as number, st[1] as number, st[2] as number, st[3] as number);
}

/** The four starting words of stream `index` of the seed string `s` (unchecked), into `st` as int32: what {@link blockStream} starts from. @internal */
export function streamWords(s: string, i: number, st: Int32Array): void {
  const lo = i >>> 0;
  const hi = Math.floor(i / 4294967296) >>> 0;
  const tags = [0x9e3779b9, 0x7f4a7c15, 0x85ebca6b, 0xc2b2ae35] as const;
  for (let k = 0; k < 4; k++) {
    const tag = tags[k] as number;
    st[k] = fmix(hashString(s, tag) ^ fmix(Math.imul(lo ^ tag, 0x27d4eb2f) + k) ^ Math.imul(fmix(hi + tag), 0x165667b1));
  }
  if (st[0] === 0 && st[1] === 0 && st[2] === 0 && st[3] === 0) st[0] = 1;
}

/** A block generator from four 32-bit state words (not all zero): the reference xoshiro128** from that state. */
export function blockRngFromState(state: BlockRngState): BlockRng {
  const st = state as Partial<BlockRngState> | null;
  if (st === null || typeof st !== 'object' || st.algorithm !== 'xoshiro128**' || !Array.isArray(st.s)) {
    throw new TypeError(`state: expected a BlockRngState { algorithm: 'xoshiro128**', version: 1, s }, received ${describeValue(state)}`);
  }
  checkKnownOptions('state', st, ['algorithm', 's', 'version']);
  if (st.version !== 1) throw new TypeError(`state.version: expected 1, received ${describeValue(st.version)}`);
  const words = st.s as readonly unknown[];
  if (words.length !== 4) throw new DimensionError(`state.s: expected length 4, received length ${words.length}`);
  const w = words.map((v, k) => checkInteger(`state.s[${k}]`, v, 0, 4294967295));
  if (w.every((v) => v === 0)) throw new RangeError('state.s: expected words not all zero, received all zero');
  return fromWords(w[0] as number, w[1] as number, w[2] as number, w[3] as number);
}
