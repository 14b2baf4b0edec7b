/**
 * The data of the table-driven elementary functions: the constants the kernels inline as literals
 * are the generated ones (tables.ts's header, written by scripts/elementary-tables.py), and the
 * decoded and derived tables satisfy their defining identities.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exp } from '../../../src/core/elementary/exp';
import { EXP_TABLE, LOG_TABLE } from '../../../src/core/elementary/tables';

const dir = join(import.meta.dirname, '..', '..', '..', 'src', 'core', 'elementary');
const source = (f: string): string => readFileSync(join(dir, f), 'utf8');
const header = source('tables.ts').split('*/')[0] as string;
const NUM = /-?\d+\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/g;
function numbersAfter(label: string): number[] {
  const line = header.slice(header.indexOf(label) + label.length).split('\n')[0] as string;
  return (line.match(NUM) ?? []).map(Number);
}
/** Every numeric literal of a source file, as numbers (so formatting differences do not matter). */
function literals(f: string): Set<number> {
  return new Set((source(f).match(NUM) ?? []).map(Number));
}

describe('elementary tables', () => {
  it('the kernels inline the generated constants', () => {
    const [invLn2N] = numbersAfter('128/ln2 =');
    const [l1, l2] = numbersAfter('ln2/128 =');
    const [ln2Hi, ln2Lo] = numbersAfter(' * ln2 =');
    const [il, ilLo] = numbersAfter('1/ln2 =');
    const poly = numbersAfter('P = [');
    expect(poly.length).toBe(11);
    for (const f of ['exp.ts', 'expm1.ts', 'tanh.ts']) {
      const lit = literals(f);
      for (const c of [invLn2N, l1, l2]) expect(lit.has(c as number), `${f} has ${String(c)}`).toBe(true);
    }
    const logLit = literals('log.ts');
    for (const c of [ln2Hi, ln2Lo]) expect(logLit.has(c as number), `log.ts has ${String(c)}`).toBe(true);
    const log2Lit = literals('log2.ts');
    for (const c of [il, ilLo]) expect(log2Lit.has(c as number), `log2.ts has ${String(c)}`).toBe(true);
    const tanhLit = literals('tanh.ts');
    for (const c of poly) expect(tanhLit.has(Math.abs(c)) || tanhLit.has(c), `tanh.ts has ${String(c)}`).toBe(true);
    // The splits: heads with trailing zero bits, so that n·head is exact.
    expect(Number.isInteger((l1 as number) * 2 ** 42)).toBe(true);
    expect(Number.isInteger((ln2Hi as number) * 2 ** 42)).toBe(true);
  });

  it('2^(j/128) heads and tails', () => {
    expect(EXP_TABLE[0]).toBe(1);
    expect(EXP_TABLE[1]).toBe(0);
    for (let j = 1; j < 128; j++) {
      const h = EXP_TABLE[2 * j] as number;
      const t = EXP_TABLE[2 * j + 1] as number;
      expect(h).toBeGreaterThan(EXP_TABLE[2 * j - 2] as number);
      expect(h).toBeLessThan(2);
      // The tail is below half an ulp of the head (the head is the nearest double).
      expect(Math.abs(t)).toBeLessThanOrEqual(2 ** -53 * h);
    }
    // 2^(64/128)² = 2 to ~2^−75: h² exactly as p + e (Dekker), then (h + t)² − 2 ≈ p − 2 + e + 2ht.
    const h = EXP_TABLE[128] as number;
    const t = EXP_TABLE[129] as number;
    const c = 134217729 * h;
    const hh = c - (c - h);
    const hl = h - hh;
    const p = h * h;
    const e = hh * hh - p + 2 * hh * hl + hl * hl;
    expect(Math.abs(p - 2 + e + 2 * h * t)).toBeLessThan(2 ** -75);
  });

  it('log table: invc, 1/invc = chi + clo, −ln(invc) and its base-2 form', () => {
    for (let i = 0; i < 128; i++) {
      const [invc, chi, clo, lch, lcl, l2h, l2l] = Array.from(LOG_TABLE.subarray(7 * i, 7 * i + 7));
      const zlo = i < 80 ? 0.6875 + i / 256 : 1 + (i - 80) / 128;
      const zhi = i < 80 ? zlo + 1 / 256 : zlo + 1 / 128;
      const c = 1 / (invc as number);
      if (i !== 79 && i !== 80) expect(c > zlo && c < zhi, `c in subinterval ${String(i)}`).toBe(true);
      else expect(invc).toBe(1);
      expect(chi).toBe(c);
      expect(Math.abs(clo as number)).toBeLessThanOrEqual(2 ** -53 * (chi as number));
      // e^{logc} = 1/invc within an ulp, and the base-2 column is logc/ln2.
      expect(Math.abs(exp((lch as number) + (lcl as number)) - c)).toBeLessThanOrEqual(2 ** -52 * c);
      expect(Math.abs((l2h as number) - (lch as number) / Math.LN2)).toBeLessThanOrEqual(2 ** -51 * Math.abs(l2h as number) + 1e-300);
      expect(Math.abs(l2l as number)).toBeLessThanOrEqual(2 ** -53 * Math.abs(l2h as number));
    }
  });
});
