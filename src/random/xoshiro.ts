/**
 * A block random generator for ensembles: xoshiro128** (Blackman & Vigna) on 32-bit integer
 * arithmetic only, so its bits are the same on every JavaScript engine, with the 256-layer
 * ziggurat inlined in its normal fill. One stream per (seed, index), seeded by hashing both.
 *
 * @module
 */
import { checkInteger, checkSeed } from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { Seed } from '../core/types';

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

const R = 3.6541528853610088;
const V = 0.00492867323399;
const M1 = 4503599627370496; // 2^52

let tables: { kn: Float64Array; wn: Float64Array; fn: Float64Array } | undefined;

/** The ziggurat tables of random/ziggurat.ts (the same construction, 256 layers), built once. */
function zigTables(): { kn: Float64Array; wn: Float64Array; fn: Float64Array } {
  if (tables) return tables;
  const kn = new Float64Array(256);
  const wn = new Float64Array(256);
  const fn = new Float64Array(256);
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M1);
  kn[1] = 0;
  wn[0] = q / M1;
  wn[255] = dn / M1;
  fn[0] = 1;
  fn[255] = Math.exp(-0.5 * dn * dn);
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M1);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
  tables = { kn, wn, fn };
  return tables;
}

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

function fromWords(s0: number, s1: number, s2: number, s3: number): BlockRng {
  const { kn, wn, fn } = zigTables();
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return {
    uint32: next,
    uniform,
    integerBelow(n: number): number {
      const limit = 4294967296 - (4294967296 % n);
      for (;;) {
        const u = next();
        if (u < limit) return u % n;
      }
    },
    fillNormal(out: Float64Array): Float64Array {
      const n = out.length;
      // The generator inlined on local words (written back at the end): no call per word.
      let a = s0;
      let b = s1;
      let c = s2;
      let d = s3;
      for (let i = 0; i < n; i++) {
        for (;;) {
          let r = Math.imul(b, 5);
          r = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
          let t = b << 9;
          c ^= a;
          d ^= b;
          b ^= c;
          a ^= d;
          c ^= t;
          d = (d << 11) | (d >>> 21);
          const u1 = r;
          r = Math.imul(b, 5);
          r = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
          t = b << 9;
          c ^= a;
          d ^= b;
          b ^= c;
          a ^= d;
          c ^= t;
          d = (d << 11) | (d >>> 21);
          const idx = u1 & 255;
          const rabs = (u1 >>> 9) * 536870912 + (r >>> 3); // 23 + 29 = 52 bits
          const x = rabs * (wn[idx] as number);
          if (rabs < (kn[idx] as number)) {
            out[i] = (u1 & 256) !== 0 ? -x : x;
            break;
          }
          // Rare: wedges and the tail, with the generator's own (non-inlined) words.
          s0 = a;
          s1 = b;
          s2 = c;
          s3 = d;
          let z = Number.NaN;
          if (idx === 0) {
            for (;;) {
              const xx = -Math.log(1 - uniform()) / R;
              const yy = -Math.log(1 - uniform());
              if (yy + yy > xx * xx) {
                z = R + xx;
                break;
              }
            }
          } else {
            const f0 = fn[idx] as number;
            if (f0 + uniform() * ((fn[idx - 1] as number) - f0) < Math.exp(-0.5 * x * x)) z = x;
          }
          a = s0;
          b = s1;
          c = s2;
          d = s3;
          if (!Number.isNaN(z)) {
            out[i] = (u1 & 256) !== 0 ? -z : z;
            break;
          }
        }
      }
      s0 = a;
      s1 = b;
      s2 = c;
      s3 = d;
      return out;
    },
    state(): BlockRngState {
      return { algorithm: 'xoshiro128**', version: 1, s: [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0] };
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
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
  const s = String(checkSeed('seed', seed));
  const i = checkInteger('index', index, 0);
  const lo = i >>> 0;
  const hi = Math.floor(i / 4294967296) >>> 0;
  const words: number[] = [0x9e3779b9, 0x7f4a7c15, 0x85ebca6b, 0xc2b2ae35].map((tag, k) =>
    fmix(hashString(s, tag) ^ fmix(Math.imul(lo ^ tag, 0x27d4eb2f) + k) ^ Math.imul(fmix(hi + tag), 0x165667b1)),
  );
  if ((words[0] as number) === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0) words[0] = 1;
  return fromWords(words[0] as number, words[1] as number, words[2] as number, words[3] as number);
}

/** A block generator from four 32-bit state words (not all zero): the reference xoshiro128** from that state. */
export function blockRngFromState(state: BlockRngState): BlockRng {
  const st = state as Partial<BlockRngState> | null;
  if (st === null || typeof st !== 'object' || st.algorithm !== 'xoshiro128**' || !Array.isArray(st.s)) {
    throw new TypeError(`state: expected a BlockRngState { algorithm: 'xoshiro128**', version: 1, s }, received ${describeValue(state)}`);
  }
  const words = st.s as readonly unknown[];
  if (words.length !== 4) throw new DimensionError(`state.s: expected length 4, received length ${words.length}`);
  const w = words.map((v, k) => checkInteger(`state.s[${k}]`, v, 0, 4294967295));
  if (w.every((v) => v === 0)) throw new RangeError('state.s: expected words not all zero, received all zero');
  return fromWords(w[0] as number, w[1] as number, w[2] as number, w[3] as number);
}
