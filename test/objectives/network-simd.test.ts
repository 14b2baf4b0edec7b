import { afterEach, describe, expect, it } from 'vitest';
import { mlp, type MlpOptions, type NetworkModel } from '../../src/objectives/mlp';
import { deepLinearNetwork } from '../../src/objectives/deep-linear-network';
import { setSimdEnabled } from '../../src/core/simd-heap';
import { rngFor } from '../../src/random/rng';

afterEach(() => {
  setSimdEnabled(true);
});

/** The model built with WebAssembly SIMD on (its GEMMs and resident tensors) and off (JavaScript). */
function both(make: () => NetworkModel): [NetworkModel, NetworkModel] {
  setSimdEnabled(true);
  const simd = make();
  setSimdEnabled(false);
  const js = make();
  setSimdEnabled(true);
  return [simd, js];
}

const bits = (a: Float64Array | number): number[] => (typeof a === 'number' ? [a] : Array.from(a));

function expectSameBits(simd: NetworkModel, js: NetworkModel, seed: number): void {
  const rng = rngFor('network-simd-test', seed);
  const x = simd.initialParameters(seed);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + 0.05 * rng.normal(); // non-zero biases
  const v = rng.fillNormal(new Float64Array(simd.dim));
  const B = Math.min(simd.size, 7);
  const batch = Uint32Array.from({ length: B }, () => rng.integer(simd.size));
  const g1 = new Float64Array(simd.dim);
  const g2 = new Float64Array(simd.dim);
  expect(bits(simd.value(x))).toEqual(bits(js.value(x)));
  expect(bits(simd.gradient(x))).toEqual(bits(js.gradient(x)));
  expect(bits(simd.valueGradient(x, g1))).toEqual(bits(js.valueGradient(x, g2)));
  expect(bits(g1)).toEqual(bits(g2));
  expect(bits(simd.batchGradient(x, batch, g1))).toEqual(bits(js.batchGradient(x, batch, g2)));
  expect(bits(simd.batchValueGradient(x, batch, g1))).toEqual(bits(js.batchValueGradient(x, batch, g2)));
  expect(bits(g1)).toEqual(bits(g2));
  expect(bits(simd.batchValue(x, batch))).toEqual(bits(js.batchValue(x, batch)));
  expect(bits(simd.predict(x))).toEqual(bits(js.predict(x)));
  expect(bits(simd.hvp(x, v))).toEqual(bits(js.hvp(x, v)));
  expect(bits(simd.batchHvp(x, batch, v))).toEqual(bits(js.batchHvp(x, batch, v)));
  // A batch over two 256-row chunks (the last partial) with repeats: the stacked HVP products.
  const long = Uint32Array.from({ length: 300 }, () => rng.integer(simd.size));
  expect(bits(simd.batchHvp(x, long, v))).toEqual(bits(js.batchHvp(x, long, v)));
  expect(bits(simd.batchGradient(x, long))).toEqual(bits(js.batchGradient(x, long)));
}

function data(N: number, p: number, k: number, seed: number, classes: boolean): Pick<MlpOptions, 'features' | 'targets'> {
  const rng = rngFor('network-simd-data', seed);
  const features = rng.fillNormal(new Float64Array(N * p));
  const targets = classes ? Array.from({ length: N }, () => rng.integer(k)) : rng.fillNormal(new Float64Array(N * k));
  return { features, targets };
}

describe('networks with WebAssembly SIMD on and off', () => {
  it('give the same bits: tanh MSE 7-13-9-3 on N = 300 (two GEMM chunks, odd widths)', () => {
    const [s, j] = both(() => mlp({ layers: [7, 13, 9, 3], activation: 'tanh', ...data(300, 7, 3, 1, false) }));
    expectSameBits(s, j, 1);
  });
  it('give the same bits: gelu cross-entropy 5-17-4, l2, N = 41', () => {
    const [s, j] = both(() => mlp({ layers: [5, 17, 4], activation: 'gelu', loss: 'cross-entropy', l2: 0.1, ...data(41, 5, 4, 2, true) }));
    expectSameBits(s, j, 2);
  });
  it('give the same bits: relu without bias 1-6-1 on N = 1, and leaky relu 3-32-32-2 on N = 600', () => {
    const [s, j] = both(() => mlp({ layers: [1, 6, 1], activation: 'relu', bias: false, ...data(1, 1, 1, 3, false) }));
    expectSameBits(s, j, 3);
    const [s2, j2] = both(() => mlp({ layers: [3, 32, 32, 2], activation: 'leaky-relu', loss: 'cross-entropy', ...data(600, 3, 2, 4, true) }));
    expectSameBits(s2, j2, 4);
  });
  it('give the same bits: a deep linear network 4-5-5-2', () => {
    const { features, targets } = data(50, 4, 2, 5, false);
    const [s, j] = both(() => deepLinearNetwork({ widths: [4, 5, 5, 2], features, targets: targets as Float64Array }));
    expectSameBits(s, j, 5);
  });
});
