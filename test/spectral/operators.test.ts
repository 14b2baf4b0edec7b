import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { denseOperator } from '../../src/spectral/dense-operator';
import { csrOperator } from '../../src/spectral/csr-operator';
import { gridLaplacian, gridLaplacianEigenvalues } from '../../src/spectral/grid-laplacian';
import { operatorFromFunction } from '../../src/spectral/function-operator';
import { hessianOperator } from '../../src/spectral/hessian-operator';
import { quadratic } from '../../src/objectives/quadratic';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';
import type { Objective } from '../../src/core/types';

const EPS = Number.EPSILON;

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** Reference y = A x by a plain loop, and the rounding bound n·ε·Σⱼ|aᵢⱼ xⱼ| of each entry. */
function denseProduct(a: Float64Array, n: number, x: Float64Array): { y: Float64Array; bound: Float64Array } {
  const y = new Float64Array(n);
  const bound = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let t = 0;
    for (let j = 0; j < n; j++) {
      s += (a[i * n + j] as number) * (x[j] as number);
      t += Math.abs((a[i * n + j] as number) * (x[j] as number));
    }
    y[i] = s;
    // Two summations of n terms in different orders: each is within n·ε·Σ|terms| of the exact sum.
    bound[i] = 2 * n * EPS * t;
  }
  return { y, bound };
}

function expectWithin(actual: Float64Array, expected: Float64Array, bound: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(bound[i] as number);
  }
}

/** The dense matrix of a CSR matrix (duplicates added). */
function csrToDense(m: { dim: number; rowPointers: ArrayLike<number>; columnIndices: ArrayLike<number>; values: ArrayLike<number> }): Float64Array {
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

describe('denseOperator', () => {
  it('applies A x as the dense product, from a Float64Array, a Matrix and number[][]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const a = randomSymmetric(n, seed);
        const x = createRng(seed + 1).fillNormal(new Float64Array(n));
        const { y, bound } = denseProduct(a, n, x);
        const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
        for (const input of [a, new Matrix(rows), rows]) {
          const op = denseOperator(input);
          expect(op.dim).toBe(n);
          expectWithin(op.apply(x, new Float64Array(n)), y, bound);
        }
      }),
      { seed: 11, numRuns: 25 },
    );
  });

  it('copies the matrix', () => {
    const a = new Float64Array([2, 1, 1, 2]);
    const op = denseOperator(a);
    a[0] = 100;
    expect(Array.from(op.apply(new Float64Array([1, 0]), new Float64Array(2)))).toEqual([2, 1]);
  });

  it('rejects a non-symmetric matrix, a non-square one and NaN with clear messages', () => {
    expect(() =>
      denseOperator([
        [1, 2],
        [0, 1],
      ]),
    ).toThrow(/matrix: expected a symmetric matrix/);
    expect(() => denseOperator(new Float64Array(5))).toThrow(/matrix: expected a row-major Float64Array of length n²/);
    expect(() =>
      denseOperator([
        [1, Number.NaN],
        [Number.NaN, 1],
      ]),
    ).toThrow(/matrix: expected finite values, received NaN/);
    expect(() => denseOperator([[1]], { symmetryTol: -1 })).toThrow(/options.symmetryTol: expected a positive number/);
  });
});

describe('csrOperator', () => {
  it('applies A x as the dense product for random sparse symmetric matrices (with duplicates)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const rng = createRng(seed);
        // Random symmetric pattern: each (i ≤ j) present with probability 0.3; entries split into
        // two duplicates half of the time to exercise duplicate summation.
        const rowsEntries: [number, number][][] = Array.from({ length: n }, () => []);
        for (let i = 0; i < n; i++) {
          for (let j = i; j < n; j++) {
            if (rng.uniform() < 0.3) {
              const v = rng.normal();
              const parts = rng.uniform() < 0.5 ? [v] : [v / 4, (3 * v) / 4];
              for (const p of parts) {
                (rowsEntries[i] as [number, number][]).push([j, p]);
                if (j !== i) (rowsEntries[j] as [number, number][]).push([i, p]);
              }
            }
          }
        }
        const rowPointers = [0];
        const columnIndices: number[] = [];
        const values: number[] = [];
        for (const row of rowsEntries) {
          for (const [j, v] of row) {
            columnIndices.push(j);
            values.push(v);
          }
          rowPointers.push(columnIndices.length);
        }
        const m = { dim: n, rowPointers, columnIndices, values };
        const op = csrOperator(m);
        const x = rng.fillNormal(new Float64Array(n));
        const { y, bound } = denseProduct(csrToDense(m), n, x);
        expectWithin(op.apply(x, new Float64Array(n)), y, bound);
      }),
      { seed: 12, numRuns: 30 },
    );
  });

  it('rejects non-symmetric values and non-symmetric structure', () => {
    // Same pattern, different values.
    expect(() => csrOperator({ dim: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values: [1, 2, 3, 1] })).toThrow(
      /matrix: expected a symmetric matrix .* received relative asymmetry 3\.333e-1 at \(0, 1\)/,
    );
    // Entry (0, 2) without (2, 0).
    expect(() => csrOperator({ dim: 3, rowPointers: [0, 2, 3, 4], columnIndices: [0, 2, 1, 2], values: [1, 1, 1, 1] })).toThrow(
      /matrix: expected a symmetric matrix/,
    );
  });

  it('rejects a malformed CSR structure with clear messages', () => {
    const ok = { dim: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => csrOperator({ ...ok, dim: 0 })).toThrow(/matrix.dim: expected an integer in \[1, /);
    expect(() => csrOperator({ ...ok, rowPointers: [0, 1] })).toThrow(/matrix.rowPointers: expected length 3, received length 2/);
    expect(() => csrOperator({ ...ok, rowPointers: [1, 1, 2] })).toThrow(/matrix.rowPointers: expected rowPointers\[0\] = 0, received 1/);
    expect(() => csrOperator({ ...ok, rowPointers: [0, 2, 1] })).toThrow(/matrix.rowPointers: expected a non-decreasing sequence/);
    expect(() => csrOperator({ ...ok, columnIndices: [0, 2] })).toThrow(/matrix.columnIndices: expected integers in \[0, 1\], received 2 at index 1/);
    expect(() => csrOperator({ ...ok, columnIndices: [0] })).toThrow(/matrix.columnIndices: expected length 2, received length 1/);
    expect(() => csrOperator({ ...ok, values: [1, Number.NaN] })).toThrow(/matrix.values: expected finite values, received NaN at index 1/);
    expect(() => csrOperator({ ...ok, values: [1] })).toThrow(/matrix.values: expected length 2/);
  });
});

describe('gridLaplacian', () => {
  it('is the 5-point stencil: apply equals the product with the dense Laplacian built here', () => {
    for (const [nx, ny] of [
      [1, 1],
      [4, 3],
      [7, 5],
    ] as const) {
      const n = nx * ny;
      const dense = new Float64Array(n * n);
      for (let r = 0; r < ny; r++) {
        for (let c = 0; c < nx; c++) {
          const i = r * nx + c;
          dense[i * n + i] = 4;
          for (const [rr, cc] of [
            [r - 1, c],
            [r + 1, c],
            [r, c - 1],
            [r, c + 1],
          ] as const) {
            if (rr >= 0 && rr < ny && cc >= 0 && cc < nx) dense[i * n + rr * nx + cc] = -1;
          }
        }
      }
      const L = gridLaplacian(nx, ny);
      expect(Array.from(csrToDense(L))).toEqual(Array.from(dense)); // integer entries: exact
      expect(L.rowPointers[n]).toBe(5 * n - 2 * (nx + ny));
      const x = createRng(nx * 10 + ny).fillNormal(new Float64Array(n));
      const { y, bound } = denseProduct(dense, n, x);
      expectWithin(csrOperator(L).apply(x, new Float64Array(n)), y, bound);
    }
  });

  it('has the closed-form eigenvalues 4 − 2cos(πi/(nx+1)) − 2cos(πj/(ny+1))', () => {
    const nx = 6;
    const ny = 4;
    const L = gridLaplacian(nx, ny);
    const ref = symmetricEigen(csrToDense(L)).values;
    const closed = gridLaplacianEigenvalues(nx, ny);
    // Dense QL on a matrix with ‖L‖ ≤ 8: eigenvalue errors ≲ c·n·ε·‖L‖ (c ≈ 10 for QL), n = 24.
    const tol = 10 * nx * ny * Number.EPSILON * 8;
    for (let i = 0; i < nx * ny; i++) expect(Math.abs((closed[i] as number) - (ref[i] as number))).toBeLessThan(tol);
  });

  it('rejects bad sizes', () => {
    expect(() => gridLaplacian(0)).toThrow(/nx: expected an integer in \[1, 46340\], received 0/);
    expect(() => gridLaplacian(3, 2.5)).toThrow(/ny: expected an integer, received 2.5/);
    expect(() => gridLaplacianEigenvalues(-1)).toThrow(/nx: expected an integer in \[1, 46340\], received -1/);
  });
});

describe('operatorFromFunction', () => {
  it('wraps a closure, returning out whether or not the closure returns it', () => {
    const op = operatorFromFunction(3, (x, out) => {
      for (let i = 0; i < 3; i++) out[i] = (i + 1) * (x[i] as number);
    });
    const out = new Float64Array(3);
    expect(op.apply(new Float64Array([1, 1, 1]), out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });

  it('probes symmetry when asked, and rejects bad arguments', () => {
    const nonSym = (x: Float64Array, out: Float64Array): void => {
      out[0] = x[1] as number;
      out[1] = 0;
    };
    expect(() => operatorFromFunction(2, nonSym, { checkSymmetry: true })).toThrow(/apply: expected a symmetric operator/);
    expect(() => operatorFromFunction(2, nonSym)).not.toThrow(); // not probed by default
    const sym = (x: Float64Array, out: Float64Array): void => {
      out[0] = x[1] as number;
      out[1] = x[0] as number;
    };
    expect(() => operatorFromFunction(2, sym, { checkSymmetry: true })).not.toThrow();
    const nan = (_x: Float64Array, out: Float64Array): void => {
      out.fill(Number.NaN);
    };
    expect(() => operatorFromFunction(2, nan, { checkSymmetry: true })).toThrow(/apply: expected finite values, received NaN at index 0/);
    expect(() => operatorFromFunction(0, sym)).toThrow(/dim: expected an integer ≥ 1, received 0/);
    expect(() => operatorFromFunction(2, 5 as never)).toThrow(/apply: expected a function, received 5/);
  });
});

describe('hessianOperator', () => {
  const n = 6;
  const H = randomSymmetric(n, 5);
  const f = quadratic({ hessian: H, center: createRng(6).fillNormal(new Float64Array(n)) });

  it("'exact' equals hessian(x)·v for a quadratic, at a copy of x", () => {
    const x = createRng(7).fillNormal(new Float64Array(n));
    const op = hessianOperator(f, x);
    expect(op.method).toBe('exact');
    x.fill(1e6); // later changes to x must not matter
    const v = createRng(8).fillNormal(new Float64Array(n));
    const { y, bound } = denseProduct(f.hessian(), n, v);
    expectWithin(op.apply(v, new Float64Array(n)), y, bound);
    expect(op.point[0]).not.toBe(1e6);
  });

  it("'finite-difference' is exact to rounding on a quadratic (no truncation error)", () => {
    const x = createRng(9).fillNormal(new Float64Array(n));
    const op = hessianOperator(f, x, { method: 'finite-difference' });
    const v = createRng(10).fillNormal(new Float64Array(n), 0, 3);
    const out = op.apply(v, new Float64Array(n));
    const { y } = denseProduct(H, n, v);
    // The gradients g(x ± hu) are O(‖H‖(‖x‖ + ‖c‖)) and carry rounding ≈ n·ε times that; the
    // difference is divided by 2h and multiplied by ‖v‖. Bound: 4·n·ε·G·‖v‖/h with G the size of
    // the gradient entries (max |H|·(‖x‖₁ + ‖c‖₁ + 1)).
    let hmax = 0;
    for (const a of H) hmax = Math.max(hmax, Math.abs(a));
    let l1 = 1;
    for (let i = 0; i < n; i++) l1 += Math.abs(x[i] as number) + Math.abs(f.center[i] as number);
    let nv = 0;
    for (const a of v) nv += a * a;
    nv = Math.sqrt(nv);
    const bound = (4 * n * EPS * hmax * l1 * nv) / op.fdDisplacement!;
    for (let i = 0; i < n; i++) expect(Math.abs((out[i] as number) - (y[i] as number))).toBeLessThan(bound);
  });

  it("'finite-difference' on L = Σ xᵢ⁴/4 has exactly the truncation error h²‖v‖uᵢ³ (to rounding)", () => {
    // ∇L = x³, ∇²L = diag(3x²); ((x + hu)³ − (x − hu)³)/(2h) = 3x²u + h²u³ exactly.
    const quartic: Objective = {
      dim: 4,
      value: (x) => x.reduce((s, a) => s + a ** 4 / 4, 0),
      gradient: (x, out = new Float64Array(x.length)) => {
        for (let i = 0; i < x.length; i++) out[i] = (x[i] as number) ** 3;
        return out;
      },
    };
    const x = new Float64Array([1.5, -2, 0.3, 4]);
    for (const step of [1e-3, 1e-4]) {
      const op = hessianOperator(quartic, x, { method: 'finite-difference', fdStep: step });
      // Step scaled to ‖x‖ (finiteDifferenceHvp's rule): h = s·(1 + ‖x‖).
      expect(op.fdStep).toBe(step);
      expect(op.fdDisplacement).toBeCloseTo(step * (1 + Math.hypot(1.5, 2, 0.3, 4)), 15);
      const v = new Float64Array([0.5, 1, -2, 0.25]);
      const nv = Math.hypot(...v);
      const out = op.apply(v, new Float64Array(4));
      const h = op.fdDisplacement!;
      for (let i = 0; i < 4; i++) {
        const xi = x[i] as number;
        const ui = (v[i] as number) / nv;
        const exact = 3 * xi * xi * (v[i] as number);
        const truncation = h * h * nv * ui ** 3;
        // Rounding: each cube (|x| + h)³ carries ≤ 3ε relative error, plus the rounding of x ± hu
        // (ε|x| absolute, amplified by 3x²); the difference is scaled by ‖v‖/(2h).
        const rounding = ((6 * EPS * (Math.abs(xi) + h) ** 3 + 6 * EPS * Math.abs(xi) * 3 * xi * xi) * nv) / (2 * h) + 4 * EPS * Math.abs(exact);
        expect(Math.abs((out[i] as number) - exact - truncation)).toBeLessThanOrEqual(rounding);
        // and so within the truncation bound h²‖v‖|uᵢ|³ + rounding
        expect(Math.abs((out[i] as number) - exact)).toBeLessThanOrEqual(Math.abs(truncation) + rounding);
      }
    }
    // A zero direction gives zero, not NaN.
    const op = hessianOperator(quartic, x, { method: 'finite-difference' });
    expect(Array.from(op.apply(new Float64Array(4), new Float64Array(4)))).toEqual([0, 0, 0, 0]);
    // No hvp: 'exact' (the default) throws and says what to do.
    expect(() => hessianOperator(quartic, x)).toThrow(
      /objective.hvp: expected a function for method 'exact' \(the default\), received undefined; pass \{ method: 'finite-difference' \}/,
    );
  });

  it('rejects bad arguments with clear messages', () => {
    expect(() => hessianOperator(null as never, [0])).toThrow(/objective: expected an Objective/);
    expect(() => hessianOperator(f, new Float64Array(3))).toThrow(/x: expected length 6, received length 3/);
    expect(() => hessianOperator(f, [0, 0, 0, 0, 0, Number.NaN])).toThrow(/x: expected finite values, received NaN at index 5/);
    expect(() => hessianOperator(f, new Float64Array(n), { method: 'bfgs' as never })).toThrow(
      /options.method: expected one of 'exact', 'finite-difference', received "bfgs"/,
    );
    expect(() => hessianOperator(f, new Float64Array(n), { method: 'finite-difference', fdStep: 0 })).toThrow(
      /options.fdStep: expected a positive number, received 0/,
    );
  });
});
