import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activation } from '../../src/objectives/activations';
import type { NetworkSimdKernels } from '../../src/objectives/network-kernels';
import { EXP_TABLE } from '../../src/core/elementary/tables';
import { tanh } from '../../src/core/elementary/index';
import { createSimdHeap } from '../../src/core/simd-heap';
import { rngFor } from '../../src/random/rng';

// The element-wise kernels of simd-kernels.wat's mlp block against the JavaScript loops they
// replace in network-kernels.ts (tanh's and gelu's against activations.ts and core/elementary's scalar tanh), bit for bit.
const MAX = 4096;
const heap = createSimdHeap(8 * MAX + EXP_TABLE.length + 64);
if (heap === undefined) throw new Error('WebAssembly SIMD unavailable: these tests need it');
const k = heap.kernels as NetworkSimdKernels;
const xt = heap.alloc(EXP_TABLE.length) as Float64Array;
xt.set(EXP_TABLE);
const buf = (): Float64Array => heap.alloc(MAX) as Float64Array;
const [Z, A, D1, D2, P, Q, R, G] = [buf(), buf(), buf(), buf(), buf(), buf(), buf(), buf()];

const sameBits = (x: number, y: number): boolean => Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));
function expectSame(got: Float64Array, want: ArrayLike<number>, n: number, what: string): void {
  for (let i = 0; i < n; i++) {
    const g = got[i] as number;
    const w = want[i] as number;
    if (!sameBits(g, w)) throw new Error(`${what}[${i}]: SIMD ${g} (${g.toString(16)}), JavaScript ${w}`);
  }
}

/** tanh's evaluate over z[0..n) by the kernel and by activations.ts, compared bit for bit. */
function checkTanh(values: readonly number[]): void {
  const n = values.length;
  Z.set(values);
  k.mlpTanh(Z.byteOffset, n, A.byteOffset, D1.byteOffset, D2.byteOffset, xt.byteOffset);
  const a = new Float64Array(n);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  activation('tanh').evaluate(Float64Array.from(values), n, a, d1, d2);
  expectSame(A, a, n, 'tanh');
  expectSame(D1, d1, n, "tanh'");
  expectSame(D2, d2, n, "tanh''");
  for (let i = 0; i < n; i++) expect(sameBits(A[i] as number, tanh(values[i] as number))).toBe(true);
}

describe('mlpTanh (SIMD tanh, σ′, σ″)', () => {
  it('gives the bits of the scalar tanh at the branch points, specials and extremes (odd and even lengths)', () => {
    const edges = [0.55, 22, 3.725290298461914e-9, 1e-300, 5e-324, 0.5499999999999999, 0.5500000000000002, 21.999999999999996, 22.000000000000004];
    const specials = [0, -0, Infinity, -Infinity, NaN, 1, -1, 1e308, -1e308, 709, 1000, 0.1, 19.06, 2 ** -28, 2 ** -27];
    const values = [...edges, ...edges.map((v) => -v), ...specials, ...specials.map((v) => -v)];
    checkTanh(values);
    checkTanh(values.slice(1)); // the other parity: every value in the other lane, and an odd tail
    checkTanh([0.7]);
  });
  it('gives the bits of the scalar tanh on 4000 values over every range (normal, wide, tiny), any lane mix', () => {
    const rng = rngFor('network-simd-kernels', 1);
    const v: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const kind = i % 4;
      const u = rng.normal();
      v.push(kind === 0 ? u : kind === 1 ? 8 * u : kind === 2 ? u * 2 ** (-40 * rng.uniform()) : 0.55 + 0.01 * u);
    }
    checkTanh(v);
  });
  it('gives the bits of the scalar tanh when both lanes take one branch (all |x| < 0.55, all 0.55 ≤ |x| < 30)', () => {
    const rng = rngFor('network-simd-kernels', 3);
    checkTanh(Array.from({ length: 999 }, () => 1.1 * rng.uniform() - 0.55));
    checkTanh(Array.from({ length: 999 }, () => (rng.uniform() < 0.5 ? -1 : 1) * (0.55 + 29.45 * rng.uniform())));
  });
  it('gives the bits of the scalar tanh on arbitrary doubles (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.double({ min: -30, max: 30 })), { minLength: 1, maxLength: 33 }), (values) => {
        checkTanh(values);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

/** gelu's evaluate over z[0..n) (n made even: the kernel does pairs) by the kernel and by activations.ts, bit for bit. */
function checkGelu(all: readonly number[], withD2: boolean): void {
  const values = all.slice(0, all.length - (all.length % 2));
  const n = values.length;
  Z.set(values);
  k.mlpGelu(Z.byteOffset, n, A.byteOffset, D1.byteOffset, withD2 ? D2.byteOffset : 0, xt.byteOffset);
  const a = new Float64Array(n);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  activation('gelu').evaluate(Float64Array.from(values), n, a, d1, withD2 ? d2 : null);
  expectSame(A, a, n, 'gelu');
  expectSame(D1, d1, n, "gelu'");
  if (withD2) expectSame(D2, d2, n, "gelu''");
}

describe('mlpGelu (SIMD gelu, σ′, σ″)', () => {
  it('gives the bits of activations.ts on specials, branch points of its tanh, and 4000 values of every range', () => {
    // u = K(z + C z³) crosses tanh's 0.55 and 22 near z ≈ 0.66 and z ≈ 6.4.
    const specials = [0, -0, Infinity, -Infinity, NaN, 1e-300, 5e-324, 0.66, 0.67, 6.3, 6.5, 1e100, 1e308, 3, 0.1];
    checkGelu([...specials, ...specials.map((v) => -v)], true);
    const rng = rngFor('network-simd-kernels', 4);
    const v = Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? rng.normal() : i % 3 === 1 ? 5 * rng.normal() : 0.66 + 0.02 * rng.normal()));
    checkGelu(v, true);
    checkGelu(v, false);
  });
  it('gives the bits of activations.ts on arbitrary doubles (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.double({ min: -10, max: 10 })), { minLength: 2, maxLength: 34 }), (values) => {
        checkGelu(values, true);
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});

describe('mlpPiecewise (relu, leaky relu, linear)', () => {
  it('gives the bits of activations.ts (specials, ±0, NaN, odd and even lengths, with and without σ″)', () => {
    const rng = rngFor('network-simd-kernels', 5);
    const base = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1, -1, ...Array.from({ length: 60 }, () => rng.normal())];
    const cases: [ReturnType<typeof activation>, number][] = [
      [activation('relu'), 0],
      [activation('leaky-relu'), 1],
      [activation('leaky-relu', { negativeSlope: 0.3 }), 1],
      [activation('linear'), 2],
    ];
    for (const [act, kind] of cases) {
      for (const n of [base.length, base.length - 1, 1]) {
        for (const withD2 of [true, false]) {
          Z.set(base.slice(0, n));
          D2.fill(7, 0, n);
          k.mlpPiecewise(Z.byteOffset, n, A.byteOffset, D1.byteOffset, withD2 ? D2.byteOffset : 0, act.derivative(-1), kind);
          const a = new Float64Array(n);
          const d1 = new Float64Array(n);
          const d2 = new Float64Array(n).fill(7);
          act.evaluate(Float64Array.from(base.slice(0, n)), n, a, d1, withD2 ? d2 : null);
          expectSame(A, a, n, act.name);
          expectSame(D1, d1, n, `${act.name}'`);
          expectSame(D2, d2, n, `${act.name}''`);
        }
      }
    }
  });
});

describe('mlpAddBias, mlpMul, mlpRBack, mlpBiasSum', () => {
  const rng = rngFor('network-simd-kernels', 2);
  const fill = (x: Float64Array, n: number): Float64Array => {
    for (let i = 0; i < n; i++) x[i] = rng.normal() * 2 ** Math.floor(8 * rng.uniform() - 4);
    return x;
  };
  for (const [rows, n] of [
    [1, 1],
    [3, 7],
    [5, 8],
    [16, 9],
    [7, 17],
    [2, 2],
  ] as [number, number][]) {
    it(`give the bits of the JavaScript loops (rows ${rows}, width ${n})`, () => {
      const len = rows * n;
      // z[c·n + o] += b[o]
      fill(Z, len);
      fill(P, n);
      const z = Z.slice(0, len);
      for (let c = 0; c < rows; c++) for (let o = 0; o < n; o++) z[c * n + o] = (z[c * n + o] as number) + (P[o] as number);
      k.mlpAddBias(Z.byteOffset, rows, n, P.byteOffset);
      expectSame(Z, z, len, 'addBias');
      // out = x ⊙ y, in place
      fill(Q, len);
      const m = Z.map((x, i) => x * (Q[i] as number)).slice(0, len);
      k.mlpMul(Z.byteOffset, Q.byteOffset, Z.byteOffset, len);
      expectSame(Z, m, len, 'mul');
      // g[o] += Σ_c D[c·n + o] in row order
      fill(G, n);
      const g = G.slice(0, n);
      for (let o = 0; o < n; o++) {
        let s = 0;
        for (let c = 0; c < rows; c++) s += Z[c * n + o] as number;
        g[o] = (g[o] as number) + s;
      }
      k.mlpBiasSum(Z.byteOffset, rows, n, G.byteOffset);
      expectSame(G, g, n, 'biasSum');
      // the HVP's step through an activation, curved and not
      for (const curved of [0, 1]) {
        fill(R, 2 * len);
        fill(A, len);
        fill(D2, len);
        fill(Q, len);
        const dp = R.slice(0, 2 * len);
        for (let i = 0; i < len; i++) {
          const gi = dp[len + i] as number;
          const si = A[i] as number;
          dp[len + i] = si * gi;
          dp[i] = curved === 1 ? si * (dp[i] as number) + (D2[i] as number) * (Q[i] as number) * gi : si * (dp[i] as number);
        }
        k.mlpRBack(R.byteOffset, len, A.byteOffset, curved === 1 ? D2.byteOffset : 0, Q.byteOffset, curved);
        expectSame(R, dp, 2 * len, `rBack(curved ${curved})`);
      }
    });
  }
});
