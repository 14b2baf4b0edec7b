import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mlp } from '../../src/objectives/mlp';
import { deepLinearNetwork } from '../../src/objectives/deep-linear-network';
import { activation, type ActivationName } from '../../src/objectives/activations';
import type { NetworkLoss } from '../../src/objectives/network-kernels';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { rngFor } from '../../src/random/rng';
import { referenceHvpSum } from './reference-r-operator';

/**
 * The HVP on the GEMM (stacked [A; R(A)] and [R(δ); δ] products in 256-row chunks) against the
 * R-operator it replaced (test/objectives/reference-r-operator.ts: the same equations summed in
 * another order, 64-row chunks). The two differ by rounding only: every entry is a sum of at most
 * K ≤ 512 rounded products per stage, so each stage moves it by ≤ γ_K ≈ 5.7e-14 relative to the
 * sum of |terms|, and the stages (≤ 2L + 2 of them here) compound through the layers. On these
 * well-scaled networks (|Σ terms| within a factor 10 of Σ|terms| for the largest entries) that is
 * ≤ 1e-12 relative to ‖Hv‖∞, the tolerance below; observed ≤ 4e-15. A wrong term (a missing σ''
 * product, a transposed V, a dropped chunk) moves entries by O(1) relative and fails.
 */
const TOL = 1e-12;

interface Case {
  layers: number[];
  act: ActivationName;
  loss: NetworkLoss;
  bias: boolean;
  N: number;
}

function check({ layers, act, loss, bias, N }: Case, seed: number, B: number): number {
  const rng = rngFor('network-hvp-test', seed);
  const p = layers[0] as number;
  const k = layers[layers.length - 1] as number;
  const X = rng.fillNormal(new Float64Array(N * p));
  const labels = Array.from({ length: N }, () => rng.integer(k));
  const Y = rng.fillNormal(new Float64Array(N * k));
  const f = mlp({ layers, activation: act, loss, bias, features: X, targets: loss === 'mse' ? Y : labels });
  const T = loss === 'mse' ? Y : new Float64Array(N * k);
  if (loss === 'cross-entropy') labels.forEach((c, n) => (T[n * k + c] = 1));
  const ref = referenceHvpSum(f.layout, activation(act), loss, X, T, N);
  const x = f.initialParameters(seed);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + 0.1 * rng.normal();
  const v = rng.fillNormal(new Float64Array(f.dim));
  const batch = Uint32Array.from({ length: B }, () => rng.integer(N));
  const ours = f.batchHvp(x, batch, v);
  const theirs = new Float64Array(f.dim);
  ref(x, batch, v, theirs);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < f.dim; i++) {
    const t = (theirs[i] as number) / B;
    scale = Math.max(scale, Math.abs(t));
    diff = Math.max(diff, Math.abs((ours[i] as number) - t));
  }
  // A dead relu network has Hv = 0 exactly (both sides then give zeros).
  expect(diff).toBeLessThanOrEqual(TOL * scale);
  return scale === 0 ? 0 : diff / scale;
}

describe('the GEMM R-operator against the JavaScript one it replaced', () => {
  it('agrees to rounding on tanh, gelu, relu, leaky relu and linear networks, one chunk and several', () => {
    const cases: [Case, number][] = [
      [{ layers: [7, 13, 9, 3], act: 'tanh', loss: 'mse', bias: true, N: 600 }, 600], // 3 chunks, the last of 88 rows
      [{ layers: [5, 17, 4], act: 'gelu', loss: 'cross-entropy', bias: true, N: 300 }, 257], // a chunk of 1 row
      [{ layers: [3, 32, 32, 2], act: 'relu', loss: 'cross-entropy', bias: false, N: 100 }, 31],
      [{ layers: [4, 6, 5, 6, 1], act: 'leaky-relu', loss: 'mse', bias: true, N: 50 }, 1],
      [{ layers: [4, 5, 5, 2], act: 'linear', loss: 'mse', bias: false, N: 40 }, 40],
      [{ layers: [2, 1, 2], act: 'tanh', loss: 'cross-entropy', bias: true, N: 9 }, 9], // width 1
      [{ layers: [3, 40, 33, 2], act: 'tanh', loss: 'cross-entropy', bias: true, N: 600 }, 520], // weight gradients on δ transposed (K = 512)
    ];
    const worst = Math.max(...cases.map(([c, B], i) => check(c, i + 1, B)));
    expect(worst).toBeGreaterThan(0); // the two orders do differ: the comparison is not vacuous
    expect(worst).toBeLessThan(TOL);
    console.log(`GEMM R-operator vs the old one: max |Δ|/‖Hv‖∞ = ${worst.toExponential(2)}`);
  });
  it('agrees on random shapes (fast-check, fixed seed), with SIMD on and off', () => {
    const acts: ActivationName[] = ['tanh', 'gelu', 'relu', 'leaky-relu', 'linear'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (layers, a, ce, bias, B, simd) => {
          const loss: NetworkLoss = ce && (layers[layers.length - 1] as number) >= 2 ? 'cross-entropy' : 'mse';
          setSimdEnabled(simd);
          try {
            check({ layers, act: acts[a] as ActivationName, loss, bias, N: 280 }, B, B);
          } finally {
            setSimdEnabled(true);
          }
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });
  it('the deep linear network: Hv is exact for a bilinear loss (two layers, Hv from the closed form)', () => {
    // f(x) = W₂W₁x, L = (1/2N) Σ ‖W₂W₁xₙ − yₙ‖²: with E = W₂W₁X − Y (columns n) and the direction
    // (U₁, U₂), Hv = (W₂ᵀ(W₂U₁ + U₂W₁)XXᵀ + U₂ᵀ E Xᵀ,  (W₂U₁ + U₂W₁)XXᵀW₁ᵀ + E XᵀU₁ᵀ)/N.
    const rng = rngFor('network-hvp-dln', 1);
    const [d0, d1, d2, N] = [3, 4, 2, 330];
    const X = rng.fillNormal(new Float64Array(N * d0));
    const Y = rng.fillNormal(new Float64Array(N * d2));
    const f = deepLinearNetwork({ widths: [d0, d1, d2], features: X, targets: Y });
    const th = rng.fillNormal(new Float64Array(f.dim));
    const u = rng.fillNormal(new Float64Array(f.dim));
    const W1 = (o: number, i: number): number => th[o * d0 + i] as number;
    const W2 = (o: number, i: number): number => th[d1 * d0 + o * d1 + i] as number;
    const U1 = (o: number, i: number): number => u[o * d0 + i] as number;
    const U2 = (o: number, i: number): number => u[d1 * d0 + o * d1 + i] as number;
    const hv = new Float64Array(f.dim);
    let mag = 0;
    for (let n = 0; n < N; n++) {
      const x = (i: number): number => X[n * d0 + i] as number;
      const h = Array.from({ length: d1 }, (_, m) => Array.from({ length: d0 }, (_, i) => W1(m, i) * x(i)).reduce((s, t) => s + t, 0));
      const rh = Array.from({ length: d1 }, (_, m) => Array.from({ length: d0 }, (_, i) => U1(m, i) * x(i)).reduce((s, t) => s + t, 0));
      const e = Array.from({ length: d2 }, (_, o) => h.reduce((s, hm, m) => s + W2(o, m) * hm, 0) - (Y[n * d2 + o] as number));
      const re = Array.from({ length: d2 }, (_, o) => h.reduce((s, hm, m) => s + U2(o, m) * hm + W2(o, m) * (rh[m] as number), 0));
      for (let m = 0; m < d1; m++) {
        const back = re.reduce((s, r, o) => s + W2(o, m) * r + U2(o, m) * (e[o] as number), 0);
        for (let i = 0; i < d0; i++) hv[m * d0 + i] = (hv[m * d0 + i] as number) + back * x(i);
      }
      for (let o = 0; o < d2; o++) {
        for (let m = 0; m < d1; m++) {
          const t = (re[o] as number) * (h[m] as number) + (e[o] as number) * (rh[m] as number);
          hv[d1 * d0 + o * d1 + m] = (hv[d1 * d0 + o * d1 + m] as number) + t;
        }
      }
    }
    for (let i = 0; i < f.dim; i++) {
      hv[i] = (hv[i] as number) / N;
      mag = Math.max(mag, Math.abs(hv[i] as number));
    }
    const ours = f.hvp(th, u);
    for (let i = 0; i < f.dim; i++) expect(Math.abs((ours[i] as number) - (hv[i] as number))).toBeLessThanOrEqual(1e-12 * mag);
  });
});
