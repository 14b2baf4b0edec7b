/**
 * The table-driven elementary functions near every point where they switch method or table entry
 * (and at the ends of their domains): within 1 ulp of the exact value (faithful), measured against
 * mpmath references at 320 bits (fixtures/branch-points.json, made by
 * scripts/elementary-branch-fixtures.py; each entry keeps the correctly rounded result and the
 * exact value's offset from it in ulps, so the error is measured against the exact value).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, ordered } from './bits';
import { asinh, cbrt, cos, exp, expm1, log, log1p, log2, sin, tanh } from '../../../src/core/index';

const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'branch-points.json'), 'utf8')) as Record<string, [string, string, number][]>;
const fns: [string, (x: number) => number][] = [
  ['exp', exp],
  ['expm1', expm1],
  ['tanh', tanh],
  ['log', log],
  ['log1p', log1p],
  ['log2', log2],
  ['cbrt', cbrt],
  ['sin', sin],
  ['cos', cos],
  ['asinh', asinh],
];

describe('elementary functions near their branch points: error < 1 ulp of the exact value', () => {
  for (const [name, f] of fns) {
    it(name, () => {
      const rows = fixtures[name] ?? [];
      expect(rows.length).toBeGreaterThan(300);
      let worst = 0;
      let worstX = 0;
      for (const [xh, crh, offset] of rows) {
        const x = fromHex(xh);
        const cr = fromHex(crh);
        // ours − exact in ulps of the exact value's binade = (ours − cr) − (exact − cr); the first
        // is an integer count of doubles, except across a power of two, which the bound absorbs
        // (there the ulp below is half as large, so the count overstates the error).
        const d = Number(ordered(f(x)) - ordered(cr));
        const err = Math.abs(d - offset);
        if (err > worst) {
          worst = err;
          worstX = x;
        }
      }
      expect(worst, `${name}: worst error ${worst} ulp at x = ${worstX}`).toBeLessThan(1);
    });
  }
});
