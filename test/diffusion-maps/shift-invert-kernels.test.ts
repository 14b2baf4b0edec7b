import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ldlNumeric, ldlSolve, ldlSymbolic, nestedDissectionOrder } from '../../src/diffusion-maps/shift-invert-kernels';
import { createRng } from '../../src/random/rng';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { denseSolve } from '../helpers/dense-solve';

/** A symmetric CSR pattern with its diagonal from undirected edges (rows sorted). */
function patternOf(n: number, edges: readonly (readonly [number, number])[]): { rp: Int32Array; ci: Int32Array } {
  const rows: Set<number>[] = Array.from({ length: n }, (_, i) => new Set([i]));
  for (const [a, b] of edges) {
    (rows[a] as Set<number>).add(b);
    (rows[b] as Set<number>).add(a);
  }
  const rp = new Int32Array(n + 1);
  const ci: number[] = [];
  rows.forEach((r, i) => {
    ci.push(...[...r].sort((x, y) => x - y));
    rp[i + 1] = ci.length;
  });
  return { rp, ci: Int32Array.from(ci) };
}

/** A 2-D grid's 8-neighbour pattern (a manifold-like kNN graph). */
function grid(nx: number, ny: number): { n: number; rp: Int32Array; ci: Int32Array } {
  const edges: [number, number][] = [];
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++)
      for (const [di, dj] of [
        [1, 0],
        [0, 1],
        [1, 1],
        [1, -1],
      ] as const) {
        const a = i + di;
        const b = j + dj;
        if (a < nx && b >= 0 && b < ny) edges.push([i * ny + j, a * ny + b]);
      }
  return { n: nx * ny, ...patternOf(nx * ny, edges) };
}

/** Dense Cholesky-like LDLᵀ of a permuted dense matrix: the count of structurally nonzero entries below the diagonal. */
function denseFill(n: number, rp: Int32Array, ci: Int32Array, order: Int32Array): number {
  const pos = new Int32Array(n);
  order.forEach((v, k) => (pos[v] = k));
  const s = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) s[(pos[i] as number) * n + (pos[ci[p] as number] as number)] = 1;
  // symbolic elimination: row/column k connects all its later neighbours
  let count = 0;
  for (let k = 0; k < n; k++) {
    const later: number[] = [];
    for (let j = k + 1; j < n; j++) if (s[j * n + k] === 1) later.push(j);
    count += later.length;
    for (const a of later) for (const b of later) s[a * n + b] = 1;
  }
  return count;
}

describe('nestedDissectionOrder', () => {
  it('is a permutation on random graphs (disconnected, isolated vertices, dense, empty)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 1500 }), (n, raw) => {
        const edges = raw.map(([a, b]) => [a % n, b % n] as const);
        const { rp, ci } = patternOf(n, edges);
        const order = nestedDissectionOrder(n, rp, ci);
        const seen = new Uint8Array(n);
        for (const v of order) seen[v] = (seen[v] as number) + 1;
        expect(seen.every((c) => c === 1)).toBe(true);
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('cuts a grid’s fill far below the natural (banded) order’s', () => {
    const { n, rp, ci } = grid(120, 120);
    const identity = Int32Array.from({ length: n }, (_, i) => i);
    const nd = ldlSymbolic(n, rp, ci, nestedDissectionOrder(n, rp, ci), Infinity, Infinity);
    const band = ldlSymbolic(n, rp, ci, identity, Infinity, Infinity);
    if (nd === null || band === null) throw new Error('no budget given: expected an analysis');
    // band: ~n·121 entries, ~n·121² flops; nested dissection O(n log n) and O(n^{3/2}) (measured: 0.31 and 0.17 of the band's)
    expect(nd.entries).toBeLessThan(0.4 * band.entries);
    expect(nd.flops).toBeLessThan(0.25 * band.flops);
  });
});

describe('ldlSymbolic / ldlNumeric / ldlSolve', () => {
  it('the symbolic fill equals a dense symbolic elimination, and the budget stops it', () => {
    const rng = createRng(5);
    for (const n of [1, 2, 17, 80, 150]) {
      const edges: [number, number][] = [];
      for (let e = 0; e < 3 * n; e++) edges.push([Math.floor(rng.uniform() * n), Math.floor(rng.uniform() * n)]);
      const { rp, ci } = patternOf(n, edges);
      const order = nestedDissectionOrder(n, rp, ci);
      const sym = ldlSymbolic(n, rp, ci, order, Infinity, Infinity);
      if (sym === null) throw new Error('expected an analysis');
      const fill = denseFill(n, rp, ci, order);
      expect(sym.entries).toBe(fill);
      expect(sym.lowerPtr[n]).toBe(fill);
      if (fill > 0) {
        expect(ldlSymbolic(n, rp, ci, order, fill - 1, Infinity)).toBeNull();
        expect(ldlSymbolic(n, rp, ci, order, Infinity, sym.flops - 1)).toBeNull();
      }
    }
  });

  it('solves (1 + δ)I − S to rounding for a random symmetric S with eigenvalues ≤ 1, against a dense Gaussian elimination', () => {
    const rng = createRng(8);
    const { n, rp, ci } = grid(12, 15);
    // S = D^{-1/2} W D^{-1/2} for positive symmetric weights W: eigenvalues in [−1, 1]
    const w = new Float64Array(ci.length);
    for (let i = 0; i < n; i++) {
      for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) {
        const j = ci[p] as number;
        if (j < i) continue;
        const v = 0.1 + rng.uniform();
        w[p] = v;
        for (let q = rp[j] as number; q < (rp[j + 1] as number); q++) if (ci[q] === i) w[q] = v;
      }
    }
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) d[i] = (d[i] as number) + (w[p] as number);
    const s = new Float64Array(ci.length);
    for (let i = 0; i < n; i++)
      for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) s[p] = (w[p] as number) / Math.sqrt((d[i] as number) * (d[ci[p] as number] as number));
    const delta = 1e-3;
    const sym = ldlSymbolic(n, rp, ci, nestedDissectionOrder(n, rp, ci), Infinity, Infinity);
    if (sym === null) throw new Error('expected an analysis');
    const f = ldlNumeric(sym, s, 1 + delta);
    if (f === null) throw new Error('expected a factor of a positive definite matrix');
    const b = new Float64Array(n);
    createRng(9).fillNormal(b);
    const x = ldlSolve(f, b, new Float64Array(n), 1);
    // dense reference: Gaussian elimination with partial pivoting on A = (1 + δ)I − S
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      A[i * n + i] = 1 + delta;
      for (let p = rp[i] as number; p < (rp[i + 1] as number); p++) A[i * n + (ci[p] as number)] = (A[i * n + (ci[p] as number)] as number) - (s[p] as number);
    }
    const y = denseSolve(A, b, n);
    // κ(A) ≤ (2 + δ)/δ ≈ 2000: agreement to ~κ·ε·‖x‖
    let err = 0;
    let nx = 0;
    for (let i = 0; i < n; i++) {
      err = Math.max(err, Math.abs((x[i] as number) - (y[i] as number)));
      nx = Math.max(nx, Math.abs(y[i] as number));
    }
    expect(err / nx).toBeLessThan(1e-11);
    // scale and aliasing: out = −A⁻¹b in place
    const z = Float64Array.from(b);
    ldlSolve(f, z, z, -1);
    for (let i = 0; i < n; i++) expect(z[i]).toBe(-(x[i] as number));
    // the factor lives in a WebAssembly heap here; its kernel and the JavaScript loops give the same bits
    expect(f.wasm).not.toBeNull();
    const was = setSimdEnabled(false);
    try {
      const g = ldlNumeric(sym, s, 1 + delta);
      if (g === null) throw new Error('expected a factor');
      expect(g.wasm).toBeNull();
      for (const scale of [1, -1, 0.5]) {
        const c = Float64Array.from(b);
        expect(Array.from(ldlSolve(g, c, new Float64Array(n), scale))).toEqual(Array.from(ldlSolve(f, c, new Float64Array(n), scale)));
      }
    } finally {
      setSimdEnabled(was);
    }
  });

  it('returns null at a non-positive pivot (an indefinite matrix)', () => {
    const { n, rp, ci } = grid(5, 5);
    const sym = ldlSymbolic(n, rp, ci, nestedDissectionOrder(n, rp, ci), Infinity, Infinity);
    if (sym === null) throw new Error('expected an analysis');
    // A = 0.5·I − (all-ones pattern): indefinite
    expect(ldlNumeric(sym, new Float64Array(ci.length).fill(1), 0.5)).toBeNull();
  });
});
