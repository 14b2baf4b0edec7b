import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transposeCompressed } from '../../src/core/csr-transpose';

describe('transposeCompressed', () => {
  it('is the transpose entry for entry, each line of the result in ascending original line, and twice is the identity up to order within lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: -10, max: 10, noNaN: true })), { maxLength: 60 }),
        (n, m, raw) => {
          // n lines of entries at positions in [0, m), duplicates allowed, in any order within a line
          const entries = raw.filter(() => n > 0).map(([i, j, v]) => [i % Math.max(n, 1), j % m, v] as const);
          const ptr = new Int32Array(n + 1);
          for (const [i] of entries) ptr[i + 1] = (ptr[i + 1] as number) + 1;
          for (let i = 0; i < n; i++) ptr[i + 1] = (ptr[i + 1] as number) + (ptr[i] as number);
          const next = ptr.slice(0, n);
          const idx = new Int32Array(entries.length);
          const vals = new Float64Array(entries.length);
          for (const [i, j, v] of entries) {
            const q = next[i] as number;
            idx[q] = j;
            vals[q] = v;
            next[i] = q + 1;
          }
          const t = transposeCompressed(n, m, ptr, idx, vals);
          expect(t.ptr.length).toBe(m + 1);
          expect(t.ptr[m]).toBe(entries.length);
          // every (line, position, value) of the original is (position, line, value) of the result
          const orig: string[] = [];
          for (let i = 0; i < n; i++) for (let p = ptr[i] as number; p < (ptr[i + 1] as number); p++) orig.push(`${i},${idx[p]},${vals[p]}`);
          const back: string[] = [];
          for (let j = 0; j < m; j++) {
            for (let p = t.ptr[j] as number; p < (t.ptr[j + 1] as number); p++) {
              back.push(`${t.idx[p]},${j},${t.vals[p]}`);
              if (p > (t.ptr[j] as number)) expect(t.idx[p]).toBeGreaterThanOrEqual(t.idx[p - 1] as number);
            }
          }
          expect(back.sort()).toEqual(orig.sort());
          // written into given arrays (a stale pointer array is cleared first): the same result
          const out = { ptr: new Int32Array(m + 1).fill(7), idx: new Int32Array(entries.length), vals: new Float64Array(entries.length) };
          expect(transposeCompressed(n, m, ptr, idx, vals, out)).toEqual(t);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
