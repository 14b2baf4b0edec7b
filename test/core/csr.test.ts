import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csrLinearOperator, csrMatrix, type CsrMatrix } from '../../src/core/csr';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { createRng } from '../../src/random/rng';

const EPS = Number.EPSILON;

/** A random square CSR matrix, not symmetric: unsorted columns and duplicate entries included. */
function randomCsr(n: number, perRow: number, seed: number): CsrMatrix {
  const rng = createRng(seed);
  const rowPointers = [0];
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const count = rng.integer(perRow + 1);
    for (let e = 0; e < count; e++) {
      columnIndices.push(rng.integer(n));
      values.push(rng.normal());
    }
    rowPointers.push(columnIndices.length);
  }
  return { dim: n, rowPointers, columnIndices, values };
}

/** The dense row-major matrix of a CSR matrix (duplicates added). */
function toDense(m: CsrMatrix): Float64Array {
  const n = m.dim;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = m.rowPointers[i] as number; k < (m.rowPointers[i + 1] as number); k++) {
      const idx = i * n + (m.columnIndices[k] as number);
      a[idx] = (a[idx] as number) + (m.values[k] as number);
    }
  }
  return a;
}

/** Σₖ values[k]·x[col[k]] of each row, in entry order (the order the operator documents). */
function entryOrderProduct(m: CsrMatrix, x: Float64Array): Float64Array {
  const y = new Float64Array(m.dim);
  for (let i = 0; i < m.dim; i++) {
    let s = 0;
    for (let k = m.rowPointers[i] as number; k < (m.rowPointers[i + 1] as number); k++)
      s += (m.values[k] as number) * (x[m.columnIndices[k] as number] as number);
    y[i] = s;
  }
  return y;
}

describe('csrLinearOperator', () => {
  it('equals the dense product of random non-symmetric matrices, on both the SIMD and the JavaScript path (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.boolean(),
        (n, perRow, seed, simd) => {
          const m = randomCsr(n, perRow, seed);
          const x = createRng(seed + 1).fillNormal(new Float64Array(n));
          const was = setSimdEnabled(simd);
          let y: Float64Array;
          try {
            const op = csrLinearOperator(m);
            expect(op.dim).toBe(n);
            expect(op.nnz).toBe(m.values.length);
            y = op.apply(x, new Float64Array(n));
          } finally {
            setSimdEnabled(was);
          }
          // Exactly the entry-order sum of each row (same bits on both paths) ...
          expect(Array.from(y)).toEqual(Array.from(entryOrderProduct(m, x)));
          // ... and the dense product to rounding: duplicates are added before (dense) or after
          // (CSR) the multiplication, each sum within (nnz in the row)·ε·Σ|terms| of the exact one.
          const a = toDense(m);
          for (let i = 0; i < n; i++) {
            let s = 0;
            let t = 0;
            for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (x[j] as number);
            for (let k = m.rowPointers[i] as number; k < (m.rowPointers[i + 1] as number); k++)
              t += Math.abs((m.values[k] as number) * (x[m.columnIndices[k] as number] as number));
            expect(Math.abs((y[i] as number) - s)).toBeLessThanOrEqual(2 * (n + perRow) * EPS * t);
          }
        },
      ),
      { seed: 901, numRuns: 60 },
    );
  });

  it('is not symmetric unless A is: [[1, 2], [0, 3]]', () => {
    const op = csrLinearOperator({ dim: 2, rowPointers: [0, 2, 3], columnIndices: [0, 1, 1], values: [1, 2, 3] });
    expect(Array.from(op.apply(Float64Array.of(1, 1), new Float64Array(2)))).toEqual([3, 3]);
    expect(Array.from(op.apply(Float64Array.of(1, 0), new Float64Array(2)))).toEqual([1, 0]);
  });

  it('uses vectors that already live in its WebAssembly heap in place, with the same bits as copies', () => {
    const n = 64;
    const m = randomCsr(n, 5, 77);
    const op = csrLinearOperator(m);
    const buf = op.values.buffer;
    // Skip where WebAssembly SIMD is unavailable (then the arrays are plain and nothing is in a heap).
    if (!(buf instanceof ArrayBuffer) || op.values.byteOffset === 0) return;
    // Views at the end of the heap's memory, past everything the operator allocated (its page is
    // 64 KiB; it uses a few KiB here).
    const end = buf.byteLength;
    const used = Math.max(op.values.byteOffset + op.values.byteLength, op.columnIndices.byteOffset + op.columnIndices.byteLength) + 2 * 8 * n + 64;
    expect(end - 2 * 8 * n).toBeGreaterThan(used);
    const hx = new Float64Array(buf, end - 2 * 8 * n, n);
    const hout = new Float64Array(buf, end - 8 * n, n);
    const x = createRng(78).fillNormal(new Float64Array(n));
    hx.set(x);
    const expected = entryOrderProduct(m, x);
    expect(Array.from(op.apply(x, new Float64Array(n)))).toEqual(Array.from(expected)); // copied in and out
    expect(op.apply(hx, hout)).toBe(hout); // in place
    expect(Array.from(hout)).toEqual(Array.from(expected));
    const plain = new Float64Array(n);
    op.apply(hx, plain); // x in place, out copied
    expect(Array.from(plain)).toEqual(Array.from(expected));
    hout.fill(0);
    op.apply(x, hout); // x copied, out in place
    expect(Array.from(hout)).toEqual(Array.from(expected));
  });
});

describe('csrMatrix', () => {
  it('copies into typed arrays and counts the entries', () => {
    const values = [2, -1, -1, 2];
    const a = csrMatrix({ dim: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values });
    expect(a.rowPointers).toBeInstanceOf(Int32Array);
    expect(a.columnIndices).toBeInstanceOf(Int32Array);
    expect(a.values).toBeInstanceOf(Float64Array);
    expect(a.nnz).toBe(4);
    values[0] = 100;
    expect(a.values[0]).toBe(2);
  });

  it('rejects a malformed structure, naming the field', () => {
    const ok = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => csrMatrix(null as never)).toThrow(/matrix: expected an options object, received null/);
    expect(() => csrMatrix({ ...ok, dim: 0 })).toThrow(/matrix.dim: expected an integer in \[1, 2147483646\], received 0/);
    expect(() => csrMatrix({ ...ok, rowPointers: [0, 1] })).toThrow(/matrix.rowPointers: expected length 3, received length 2/);
    expect(() => csrMatrix({ ...ok, rowPointers: [1, 1, 2] })).toThrow(/matrix.rowPointers: expected rowPointers\[0\] = 0, received 1/);
    expect(() => csrMatrix({ ...ok, rowPointers: [0, 2, 1] })).toThrow(/matrix.rowPointers: expected a non-decreasing sequence, received 1 after 2 at index 2/);
    expect(() => csrMatrix({ ...ok, columnIndices: [0, 2] })).toThrow(/matrix.columnIndices: expected integers in \[0, 1\], received 2 at index 1/);
    expect(() => csrMatrix({ ...ok, values: [1] })).toThrow(/matrix.values: expected length 2, received length 1/);
    expect(() => csrMatrix({ ...ok, values: [1, Number.NaN] })).toThrow(/matrix.values: expected finite values, received NaN at index 1/);
    expect(() => csrLinearOperator({ ...ok, columnIndices: 'x' as never })).toThrow(
      /matrix.columnIndices: expected an Int32Array, Uint32Array or array of integers, received "x"/,
    );
    expect(() => csrMatrix(ok, 'kernel')).not.toThrow();
    expect(() => csrMatrix({ ...ok, dim: 1.5 }, 'kernel')).toThrow(/kernel.dim: expected an integer/);
  });
});
