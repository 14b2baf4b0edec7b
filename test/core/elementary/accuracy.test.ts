/**
 * Accuracy of the engine-independent elementary functions against correctly rounded references:
 * for each function 20,000 arguments over its domain plus its edge cases (fixtures made by
 * scripts/elementary-fixtures.py with mpmath at 320 bits). Every result must be within 1 ulp of the
 * correctly rounded value (faithful), special values (NaN, ±∞, ±0 with its sign) exactly.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, ordered, pow2 } from './bits';
import { acos, asinh, cbrt, cos, exp, expm1, hypot, log, log1p, log2, sin, tanh } from '../../../src/core/index';

const dir = join(import.meta.dirname, 'fixtures');

function ulps(a: number, b: number): number {
  return Number(ordered(a) - ordered(b));
}

/** splitmix64, as in the fixture script. */
function splitmix(seed: number): () => bigint {
  const M = (1n << 64n) - 1n;
  let s = BigInt(seed) & M;
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  };
}
const TWO_M53 = 1 / 9007199254740992;
type Segment = ['uniform', number, number, number] | ['logu', number, number, boolean, number] | ['subnormal', number];
function draw(next: () => bigint, seg: Segment): number {
  if (seg[0] === 'uniform') {
    const u = Number(next() >> 11n) * TWO_M53;
    return seg[1] + (seg[2] - seg[1]) * u;
  }
  if (seg[0] === 'logu') {
    const w = next();
    const u = Number(next() >> 11n) * TWO_M53;
    const e = seg[1] + Number(w % BigInt(seg[2] - seg[1] + 1));
    const x = (1 + u) * pow2(e);
    return seg[3] && w >> 63n === 1n ? -x : x;
  }
  const m = 1n + (next() % ((1n << 52n) - 1n));
  return Number(m) * 5e-324;
}

interface Fixture {
  function: string;
  seed: number;
  count: number;
  segments: Segment[];
  special: string[][];
}
type Unary = (x: number) => number;
const unary: [string, Unary, Unary][] = [
  ['exp', exp, Math.exp],
  ['expm1', expm1, Math.expm1],
  ['log', log, Math.log],
  ['log1p', log1p, Math.log1p],
  ['log2', log2, Math.log2],
  ['tanh', tanh, Math.tanh],
  ['sin', sin, Math.sin],
  ['cos', cos, Math.cos],
  ['cbrt', cbrt, Math.cbrt],
  ['asinh', asinh, Math.asinh],
  ['acos', acos, Math.acos],
];

function load(name: string): { fx: Fixture; low: Uint16Array } {
  const fx = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Fixture;
  const buf = readFileSync(join(dir, `${name}.low16.bin`));
  const low = new Uint16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return { fx, low };
}

/**
 * The ulp error of `ours` against the correctly rounded value, of which the fixture keeps the low
 * 16 bits of the ordered pattern. The full value is recovered exactly when |ours − cr| < 2^15 ulps;
 * that holds because ours is first checked within 2^12 ulps of the engine's Math.* (itself within
 * a few ulps of the truth in every engine), so a wrong result cannot alias to a right one.
 */
function errorUlps(ours: number, engine: number, low16: number): number {
  if (!Number.isFinite(ours) || !Number.isFinite(engine)) return Object.is(ours, engine) || (ours !== ours && engine !== engine) ? 0 : Infinity;
  if (Math.abs(ulps(ours, engine)) > 4096) return Infinity;
  let d = (low16 - Number(ordered(ours) & 0xffffn)) & 0xffff;
  if (d >= 0x8000) d -= 0x10000;
  return Math.abs(d);
}

function checkSpecial(name: string, got: number, want: number, args: number[]): void {
  const label = `${name}(${args.join(', ')})`;
  if (want !== want) expect(got, label).toBeNaN();
  else if (!Number.isFinite(want) || want === 0) expect(Object.is(got, want), `${label} = ${got}, want ${want}`).toBe(true);
  else expect(Math.abs(ulps(got, want)), `${label} = ${got}, want ${want}`).toBeLessThanOrEqual(1);
}

describe('elementary functions: within 1 ulp of the correctly rounded value', () => {
  for (const [name, f, engine] of unary) {
    it(`${name}: 20,000 arguments over the domain and the edge cases`, () => {
      const { fx, low } = load(name);
      expect(low.length).toBe(fx.count);
      const next = splitmix(fx.seed);
      let i = 0;
      let worst = 0;
      let exact = 0;
      let worstX = 0;
      for (const seg of fx.segments) {
        const n = seg[seg.length - 1] as number;
        for (let j = 0; j < n; j++, i++) {
          const x = draw(next, seg);
          const e = errorUlps(f(x), engine(x), low[i] as number);
          if (e === 0) exact++;
          if (e > worst) {
            worst = e;
            worstX = x;
          }
        }
      }
      expect(i).toBe(20000);
      expect(worst, `${name}: worst error at x = ${worstX}`).toBeLessThanOrEqual(1);
      // Most results are the correctly rounded ones (measured 87–98% per function): a guard
      // against a systematic bias that stays within 1 ulp.
      expect(exact / i).toBeGreaterThan(0.8);
      for (const [xh, yh] of fx.special) {
        const x = fromHex(xh as string);
        checkSpecial(name, f(x), fromHex(yh as string), [x]);
      }
    });
  }

  it('hypot: 20,000 argument pairs and the edge cases', () => {
    const { fx, low } = load('hypot');
    const next = splitmix(fx.seed);
    let i = 0;
    let worst = 0;
    for (const seg of fx.segments) {
      const n = seg[seg.length - 1] as number;
      for (let j = 0; j < n; j++, i++) {
        const x = draw(next, seg);
        const y = draw(next, seg);
        worst = Math.max(worst, errorUlps(hypot(x, y), Math.hypot(x, y), low[i] as number));
      }
    }
    expect(i).toBe(20000);
    expect(worst).toBeLessThanOrEqual(1);
    for (const [xh, yh, rh] of fx.special) {
      const x = fromHex(xh as string);
      const y = fromHex(yh as string);
      checkSpecial('hypot', hypot(x, y), fromHex(rh as string), [x, y]);
      checkSpecial('hypot', hypot(y, -x), fromHex(rh as string), [y, -x]);
    }
  });
});
