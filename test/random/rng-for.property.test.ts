import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, rngFor, streamRng } from '../../src/random/index';

const draws = (rng: { uint32(): number }, n = 8): number[] => Array.from({ length: n }, () => rng.uint32());

describe('rngFor: one stream per purpose', () => {
  it('streams for different purposes (or indices) from the same seed are not the same stream', () => {
    // Eight 32-bit words agree by chance with probability 2^-256: equality means the same stream.
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.string()),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.option(fc.nat(1000), { nil: undefined }),
        (seed, p, q, index) => {
          fc.pre(p !== q);
          expect(draws(rngFor(p, seed, index))).not.toEqual(draws(rngFor(q, seed, index)));
          expect(draws(rngFor(p, seed))).not.toEqual(draws(rngFor(p, seed, 0)));
          expect(draws(rngFor(p, seed))).not.toEqual(draws(createRng(seed)));
          expect(draws(rngFor(p, seed, index ?? 0))).not.toEqual(draws(streamRng(seed, index ?? 0)));
        },
      ),
      { seed: 424242, numRuns: 200 },
    );
  });

  it('is reproducible, reads a number seed as its decimal string, and checks its arguments', () => {
    expect(draws(rngFor('sgd', 7))).toEqual(draws(rngFor('sgd', 7)));
    expect(draws(rngFor('sgd', 7, 3))).toEqual(draws(rngFor('sgd', '7', 3)));
    expect(() => rngFor('', 1)).toThrow(/purpose: expected a non-empty string, received ""/);
    expect(() => rngFor('x', Number.NaN)).toThrow(/seed: expected a finite number or a string, received NaN/);
    expect(() => rngFor('x', 1, -1)).toThrow(/index: expected an integer ≥ 0, received -1/);
  });

  it('a purpose and a seed cannot collide with another split of the same text', () => {
    // 'a' + seed 'b:c' and 'a:b' + seed 'c' would collide under naive concatenation with ':'.
    expect(draws(rngFor('a', 'b:c'))).not.toEqual(draws(rngFor('a:b', 'c')));
    expect(draws(rngFor('a', 'b\u241Fc'))).not.toEqual(draws(rngFor('a\u241Fb', 'c')));
  });
});
