/**
 * cbrt and asinh beyond the fixtures (accuracy.test.ts, branch-points.test.ts): exact results
 * where the cube root is a double (n³·2^(3k) for integers n up to 2^17, scaled into the subnormal
 * and the overflow ranges), oddness bit for bit, monotonicity on sorted random arguments, the
 * cube-root table's first guess within its stated 2^−21, and asinh's inlined logarithm kernel
 * carrying the same constants as log.ts's.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asinh } from '../../../src/core/elementary/asinh';
import { CBRT_TABLE, cbrt } from '../../../src/core/elementary/cbrt';
import { createRng } from '../../../src/random/rng';

const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'core', 'elementary');
const NUM = /-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/g;

describe('cbrt', () => {
  it('is exact on perfect cubes n³·2^(3k), subnormal and huge ones included', () => {
    // n³ < 2^53 is a double for n ≤ 208063, and its cube root n is the exact (so the only faithful
    // and the correctly rounded) result; a method off by one ulp anywhere here fails.
    for (let n = 1; n <= 208063; n += n < 3000 ? 1 : 37) {
      const c = n * n * n;
      expect(cbrt(c)).toBe(n);
      expect(cbrt(-c)).toBe(-n);
    }
    const rng = createRng(16);
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rng.uniform() * 208063);
      // 2^(3k) with n³·2^(3k) a normal or subnormal double: k from −358 (n = 1 at 2^−1074) to 323.
      const k = -340 + Math.floor(rng.uniform() * 664);
      const s = 2 ** k;
      expect(cbrt(n * n * n * s * s * s)).toBe(n * s);
    }
    expect(cbrt(2 ** -1074)).toBe(2 ** -358);
    expect(cbrt(-(2 ** -1071))).toBe(-(2 ** -357));
    expect(cbrt(2 ** 1023)).toBe(2 ** 341);
  });

  it('is odd and monotone (random arguments over the whole range, another seed)', () => {
    const rng = createRng(2026);
    const x = new Float64Array(20000);
    for (let i = 0; i < x.length; i++) x[i] = (1 + rng.uniform()) * 2 ** (Math.floor(rng.uniform() * 2098) - 1074);
    x.sort();
    let prev = -Infinity;
    for (const v of x) {
      const y = cbrt(v);
      expect(Object.is(cbrt(-v), -y)).toBe(true);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });

  it("the table's first guess is within 2^-21 of the cube root over each subinterval", () => {
    for (let i = 0; i < 96; i++) {
      const c = CBRT_TABLE[4 * i] as number;
      const a0 = CBRT_TABLE[4 * i + 1] as number;
      const a1 = CBRT_TABLE[4 * i + 2] as number;
      const a2 = CBRT_TABLE[4 * i + 3] as number;
      // Half a subinterval: 2^j/64 with 2^j the binade of c.
      const half = 2 ** Math.floor(Math.log2(c)) / 64;
      for (let s = -16; s <= 16; s++) {
        const h = (s / 16) * half;
        const t0 = a0 + h * (a1 + h * a2);
        expect(Math.abs(t0 / Math.cbrt(c + h) - 1)).toBeLessThan(2 ** -21);
      }
    }
  });
});

describe('asinh', () => {
  it('is odd and monotone (random arguments over every range, another seed)', () => {
    const rng = createRng(7);
    const x = new Float64Array(20000);
    for (let i = 0; i < x.length; i++) x[i] = (1 + rng.uniform()) * 2 ** (Math.floor(rng.uniform() * 140) - 70);
    x.sort();
    let prev = -Infinity;
    for (const v of x) {
      const y = asinh(v);
      expect(Object.is(asinh(-v), -y)).toBe(true);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });

  it("inlines log.ts's table kernel with its constants", () => {
    const log = readFileSync(join(dir, 'log.ts'), 'utf8');
    const body = log.slice(log.indexOf('export function logTable'), log.indexOf('export function logKernel'));
    const lits = new Set((readFileSync(join(dir, 'asinh.ts'), 'utf8').match(NUM) ?? []).map(Number));
    const want = (body.match(NUM) ?? []).map(Number);
    expect(want.length).toBeGreaterThanOrEqual(8);
    for (const c of want) expect(lits.has(c), `asinh.ts has ${String(c)}`).toBe(true);
  });
});
