/**
 * Seeded, splittable, serialisable random streams.
 *
 * The generator is Baagøe's Alea (as shipped by seedrandom): a multiply-with-carry lagged
 * generator on doubles with a period near 2^116, seeded through the Mash hash of a string. It was
 * chosen over seedrandom's other generators for speed: 7.6 ns per 32-bit word on Node 20 here,
 * against 15–19 ns for xor128/xorwow/xorshift7/xor4096/tychei and 69 ns for the default ARC4
 * (9× slower). Its state is four numbers, so it saves and restores as a small JSON object.
 *
 * @module
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module has no import form; the reference keeps this file self-contained in any program that compiles it
/// <reference path="./seedrandom-alea.d.ts" />
// Alea alone: `import seedrandom from 'seedrandom'` bundled its six other generators too (6 KB unused).
import alea from 'seedrandom/lib/alea.js';
import { checkInteger, checkOptions, checkSeed, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { RngState, Seed } from '../core/types';
import { zigguratNormal } from './ziggurat';

/**
 * A stream of random numbers. Every method advances the one underlying stream; a state taken by
 * `state()` and given to `rngFromState` continues it exactly.
 */
export interface Rng {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, 2³²). */
  uint32(): number;
  /** Standard normal N(0, 1) (ziggurat). */
  normal(): number;
  /** Uniform integer in [0, n), unbiased (rejection sampling) for any integer 1 ≤ n ≤ 2⁵³. */
  integer(n: number): number;
  /** Fills `out` with uniforms on [0, 1). Returns `out`. */
  fillUniform(out: Float64Array): Float64Array;
  /** Fills `out` with N(mean, sd²) variates. Returns `out`. */
  fillNormal(out: Float64Array, mean?: number, sd?: number): Float64Array;
  /** Fills `out` with independent ±1, each with probability ½ (32 signs per word). Returns `out`. */
  fillRademacher(out: Float64Array): Float64Array;
  /** A JSON-serialisable snapshot of the stream's state. */
  state(): RngState;
}

type AleaState = { c: number; s0: number; s1: number; s2: number };
type AleaPrng = (() => number) & { double(): number; state(): AleaState };

const TWO32 = 4294967296;

function fromAlea(prng: AleaPrng): Rng {
  const uint32 = (): number => prng() * TWO32; // alea's outputs are multiples of 2⁻³²: exact
  const uniform = (): number => prng.double();
  const normal = (): number => zigguratNormal(uint32, uniform);
  return {
    uniform,
    uint32,
    normal,
    integer(n: number): number {
      checkInteger('n', n, 1, 2 ** 53);
      return integerBelowWith(uint32, n);
    },
    fillUniform(out: Float64Array): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = uniform();
      return out;
    },
    fillNormal(out: Float64Array, mean = 0, sd = 1): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = mean + sd * normal();
      return out;
    },
    fillRademacher(out: Float64Array): Float64Array {
      const n = out.length;
      for (let i = 0; i < n; i += 32) {
        let bits = uint32();
        const end = Math.min(n, i + 32);
        for (let j = i; j < end; j++) {
          out[j] = (bits & 1) === 0 ? 1 : -1;
          bits >>>= 1;
        }
      }
      return out;
    },
    state(): RngState {
      const s = prng.state();
      return { algorithm: 'alea', version: 1, c: s.c, s0: s.s0, s1: s.s1, s2: s.s2 };
    },
  };
}

/** Uniform integer in [0, n) from 32-bit words (rejection sampling, unbiased), n an integer in [1, 2⁵³]. */
function integerBelowWith(uint32: () => number, n: number): number {
  if (n <= TWO32) {
    // Accept u < ⌊2³²/n⌋·n so every residue is equally likely.
    const limit = TWO32 - (TWO32 % n);
    for (;;) {
      const u = uint32();
      if (u < limit) return u % n;
    }
  }
  const limit = 2 ** 53 - (2 ** 53 % n);
  for (;;) {
    const u = Math.floor(uint32() / 2048) * TWO32 + uint32(); // 21 + 32 = 53 bits
    if (u < limit) return u % n;
  }
}

/**
 * `rng.integer(n)` without its argument check, for loops that validated n once (shuffles, batch
 * sampling): the same draws, bit for bit. `n` must be an integer in [1, 2⁵³]. @internal
 */
export function integerBelow(rng: Rng, n: number): number {
  return integerBelowWith(rng.uint32, n);
}

function seedString(seed: unknown, name: string): string {
  return String(checkSeed(name, seed));
}

/**
 * A random stream from a seed. The same seed gives the same numbers, bit for bit, on every
 * platform (Alea is exact in IEEE doubles). A number seed is read as its decimal string, so
 * `createRng(42)` and `createRng('42')` are the same stream.
 *
 * @example
 * const rng = createRng(42);
 * const z = rng.fillNormal(new Float64Array(1000));
 */
export function createRng(seed: Seed): Rng {
  const s = seedString(seed, 'seed');
  return fromAlea(alea(s, { state: true }));
}

/**
 * Stream number `index` of `seed`: the stream that ensemble member `index` draws from, so that a
 * run split across workers or machines reproduces a single run. Streams are seeded through the Mash
 * hash of `seed` and `index` together; distinct indices give streams with no detectable
 * correlation (see the tests), and `streamRng(seed, i)` never equals `createRng(seed)`.
 */
export function streamRng(seed: Seed, index: number): Rng {
  const s = seedString(seed, 'seed');
  checkInteger('index', index, 0);
  return fromAlea(alea(`${s}\u241Fstream\u241F${index}`, { state: true }));
}

/**
 * The stream that one use (`purpose`) of `seed` draws from, optionally stream `index` of it: the
 * one seed rule of the library. Streams for different purposes are independent (seeded through the
 * Mash hash of purpose, seed and index together, length-prefixed so that no two splits collide),
 * so one seed given to a model's initialisation and to SGD's batches does not correlate them; and
 * `rngFor(p, s)` is neither `createRng(s)` nor `streamRng(s, i)`. The purposes the library uses
 * are named in each function's documentation (for example `'sgd'`, `'noisy-gd'`,
 * `'mlp-init'`, `'lanczos'`).
 *
 * @example
 * const init = rngFor('mlp-init', 1);   // not the stream sgd(…, { seed: 1 }) samples batches from
 * const walker = rngFor('langevin', 1, 7);
 */
export function rngFor(purpose: string, seed: Seed, index?: number): Rng {
  if (typeof purpose !== 'string' || purpose.length === 0) {
    throw new TypeError(`purpose: expected a non-empty string, received ${describeValue(purpose)}`);
  }
  const s = seedString(seed, 'seed');
  const suffix = index === undefined ? '' : `#${checkInteger('index', index, 0)}`;
  // Length-prefixed fields: no (purpose, seed, index) spells the same key as another.
  return fromAlea(alea(`rngFor:${purpose.length}:${purpose}:${s.length}:${s}${suffix}`, { state: true }));
}

/**
 * A stream that continues exactly where the one whose `state()` was taken stood. Throws a
 * `TypeError`/`RangeError` for anything that is not a state from this library.
 */
export function rngFromState(state: RngState): Rng {
  return rngFromStateNamed('state', state);
}

/** {@link rngFromState} with the argument's name for messages (e.g. 'options.resume.rngState'). @internal */
export function rngFromStateNamed(name: string, state: RngState): Rng {
  const st = checkOptions(name, state as RngState | undefined);
  checkKnownOptions(name, st, ['algorithm', 'c', 's0', 's1', 's2', 'version']);
  if (st.algorithm !== 'alea' || st.version !== 1) {
    throw new TypeError(
      `${name}: expected an RngState { algorithm: 'alea', version: 1, c, s0, s1, s2 }, received algorithm ${describeValue(st.algorithm)}, version ${describeValue(st.version)}`,
    );
  }
  for (const key of ['s0', 's1', 's2'] as const) {
    const v = st[key];
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
      throw new RangeError(`${name}.${key}: expected a number in [0, 1), received ${describeValue(v)}`);
    }
  }
  if (typeof st.c !== 'number' || !Number.isInteger(st.c) || st.c < 0) {
    throw new RangeError(`${name}.c: expected a non-negative integer, received ${describeValue(st.c)}`);
  }
  const copy: AleaState = { c: st.c, s0: st.s0, s1: st.s1, s2: st.s2 };
  return fromAlea(alea('', { state: copy as never }) as unknown as AleaPrng);
}
