/**
 * Model-specific checks against closed forms, identities and independent computations, and the
 * argument checks of every model.
 */
import { describe, it, expect } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { createRng } from '../../src/random/rng';
import {
  activation,
  deepLinearNetwork,
  gradientCovariance,
  linearRegression,
  linearTeacher,
  logisticRegression,
  mlp,
  networkLayout,
  sigmoid,
  softplus,
} from '../../src/objectives/index';

function randomRows(seed: number, n: number, p: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

describe('linearRegression', () => {
  const N = 40;
  const p = 4;
  const X = randomRows(1, N, p);
  const y = randomRows(2, N, 1).map((r) => r[0] as number);

  it('has the Hessian XᵀX/N + l2·I, computed here directly', () => {
    const l2 = 0.25;
    const f = linearRegression({ features: X, targets: y, l2 });
    const H = f.hessian(new Float64Array(p).fill(3));
    let maxAbs = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let n = 0; n < N; n++) s += (X[n]![i] as number) * (X[n]![j] as number);
        const expected = s / N + (i === j ? l2 : 0);
        maxAbs = Math.max(maxAbs, Math.abs(expected));
        // Sums of N = 40 products in another order: rounding ≤ N·ε·Σ|xᵢxⱼ|/N ≈ 1e-14 here.
        expect(Math.abs((H[i * p + j] as number) - expected)).toBeLessThan(1e-13);
      }
    }
    expect(maxAbs).toBeGreaterThan(0.5);
  });

  it('has zero gradient at the least-squares solution of the normal equations', () => {
    const l2 = 0.1;
    const f = linearRegression({ features: X, targets: y, l2 });
    const A = new Matrix(X).transpose().mmul(new Matrix(X)).div(N).add(Matrix.eye(p).mul(l2));
    const b = new Matrix(X).transpose().mmul(Matrix.columnVector(y)).div(N);
    const theta = Float64Array.from(solve(A, b).to1DArray());
    const g = f.gradient(theta);
    // The solve is backward stable: residual ~ cond(A)·ε·‖b‖, with cond(A) < 10 for this Gaussian
    // design (N = 10 p); 1e-13 is a comfortable bound.
    expect(frobenius(g)).toBeLessThan(1e-13);
    // And L(θ) = (1/2N)‖Xθ − y‖² + (l2/2)‖θ‖² evaluated here.
    let r2 = 0;
    for (let n = 0; n < N; n++) {
      let z = -(y[n] as number);
      for (let i = 0; i < p; i++) z += (X[n]![i] as number) * (theta[i] as number);
      r2 += z * z;
    }
    let t2 = 0;
    for (const t of theta) t2 += t * t;
    expect(f.value(theta)).toBeCloseTo(r2 / (2 * N) + 0.5 * l2 * t2, 13);
  });
});

describe('logisticRegression', () => {
  it('evaluates log(1 + e^z) and σ stably at extreme margins', () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(softplus(0)).toBe(Math.log(2));
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 30);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    const f = logisticRegression({ features: [[1], [-1]], targets: [0, 1] });
    // Both samples misclassified with margin 800: ℓ = log(1 + e^800) = 800 (exact in doubles).
    expect(f.value(new Float64Array([800]))).toBe(800);
    expect(Array.from(f.gradient(new Float64Array([800])))).toEqual([1]);
  });

  it('does not penalise the intercept', () => {
    const X = randomRows(3, 20, 2);
    const labels = X.map((r) => ((r[0] as number) > 0 ? 1 : 0));
    const a = logisticRegression({ features: X, labels, intercept: true, l2: 5 });
    const b = logisticRegression({ features: X, labels, intercept: true });
    const theta = new Float64Array([0, 0, 1.7]);
    expect(a.value(theta)).toBe(b.value(theta));
    expect(a.hessian(theta)[8]).toBe(b.hessian(theta)[8]);
    expect(a.hessian(theta)[0]).toBeCloseTo((b.hessian(theta)[0] as number) + 5, 14);
  });

  it('has per-sample gradient covariance equal to its Hessian at the MLE (well specified, N = 5000)', () => {
    // Fisher = Hessian: for labels drawn from the model, y | x ~ Bernoulli(σ(x·w*)), the
    // per-sample gradient is gₙ = (σ(zₙ) − yₙ) xₙ and E[(σ(z) − y)² | x] = σ(z)(1 − σ(z)), so
    // E[g gᵀ] = E[σ(1 − σ) x xᵀ] = E[∇²ℓ]: the information-matrix identity. At the MLE θ̂ the mean
    // gradient vanishes, so Σ = (1/N) Σ gₙgₙᵀ, and both Σ(θ̂) and ∇²L(θ̂) estimate the Fisher
    // information with O(1/√N) ≈ 1.4% relative fluctuations (θ̂ − w* is also O(1/√N)); 10% in
    // Frobenius norm is several standard errors.
    const data = linearTeacher({ samples: 5000, dim: 3, weights: [1, -0.5, 0.8], seed: 'fisher' });
    const fit = (labels: ArrayLike<number>) => {
      const f = logisticRegression({ features: data.features, targets: labels });
      // Newton's method with the model's own gradient and Hessian.
      const theta = new Float64Array(3);
      for (let it = 0; it < 30 && frobenius(f.gradient(theta)) > 1e-13; it++) {
        const g = f.gradient(theta);
        const H = f.hessian(theta);
        const rowsH = [0, 1, 2].map((i) => Array.from(H.subarray(3 * i, 3 * i + 3)));
        const step = solve(new Matrix(rowsH), Matrix.columnVector(Array.from(g)));
        for (let i = 0; i < 3; i++) theta[i] = (theta[i] as number) - step.get(i, 0);
      }
      // Converged: Newton is quadratic here; the gradient is at rounding level.
      expect(frobenius(f.gradient(theta))).toBeLessThan(1e-12);
      const H = f.hessian(theta);
      const S = gradientCovariance(f, theta).matrix as Float64Array;
      const diff = new Float64Array(9);
      for (let i = 0; i < 9; i++) diff[i] = (S[i] as number) - (H[i] as number);
      return frobenius(diff) / frobenius(H);
    };
    expect(fit(data.labels)).toBeLessThan(0.1);
    // A control that shows the test can fail: misspecified labels (a hard threshold teacher with 10%
    // of labels flipped, not a logistic model) break the identity, and the same measure is then
    // well above the 10% bound.
    const X = data.features.data;
    const rng = createRng('flip');
    const flipped = new Uint32Array(5000).map((_, n) => {
      const y = (X[3 * n] as number) - 0.5 * (X[3 * n + 1] as number) + 0.8 * (X[3 * n + 2] as number) > 0 ? 1 : 0;
      return rng.uniform() < 0.1 ? 1 - y : y;
    });
    expect(fit(flipped)).toBeGreaterThan(0.15);
  });
});

describe('logisticRegression.probabilities', () => {
  it('is σ(x̃ₙ·θ), computed here', () => {
    const X = randomRows(14, 10, 2);
    const f = logisticRegression({ features: X, targets: X.map((r) => ((r[1] as number) > 0 ? 1 : 0)), intercept: true });
    const theta = new Float64Array([0.3, -1.2, 0.5]);
    const p = f.probabilities(theta);
    for (let n = 0; n < 10; n++) {
      const z = 0.3 * (X[n]![0] as number) - 1.2 * (X[n]![1] as number) + 0.5;
      expect(p[n]).toBeCloseTo(1 / (1 + Math.exp(-z)), 15);
    }
  });
});

describe('deepLinearNetwork', () => {
  const N = 30;
  const X = randomRows(4, N, 3);
  const Y = randomRows(5, N, 2);

  it('gives the same loss through the end-to-end matrix W_L⋯W₁ as layer by layer', () => {
    const f = deepLinearNetwork({ widths: [3, 5, 4, 2], features: X, targets: Y });
    const theta = createRng(6).fillNormal(new Float64Array(f.dim), 0, 0.6);
    const P = f.endToEnd(theta);
    expect(P.length).toBe(2 * 3);
    let s = 0;
    for (let n = 0; n < N; n++) {
      for (let o = 0; o < 2; o++) {
        let z = -(Y[n]![o] as number);
        for (let i = 0; i < 3; i++) z += (P[o * 3 + i] as number) * (X[n]![i] as number);
        s += z * z;
      }
    }
    // Two association orders of the same products: rounding, ~depth·width·ε relative.
    expect(Math.abs(f.value(theta) - s / (2 * N))).toBeLessThan(1e-13 * f.value(theta));
  });

  it('is the linear, bias-free, square-loss mlp with the same layout', () => {
    const f = deepLinearNetwork({ widths: [3, 4, 2], features: X, targets: Y });
    const g = mlp({ layers: [3, 4, 2], activation: 'linear', bias: false, loss: 'mse', features: X, targets: Y });
    expect(f.dim).toBe(networkLayout([3, 4, 2], false).dim);
    const theta = createRng(7).fillNormal(new Float64Array(f.dim));
    expect(f.value(theta)).toBe(g.value(theta));
    expect(Array.from(f.gradient(theta))).toEqual(Array.from(g.gradient(theta)));
  });

  it('checks its widths against the data', () => {
    expect(() => deepLinearNetwork({ widths: [4, 2], features: X, targets: Y })).toThrow(
      /options.widths\[0\]: expected 3 \(the number of features\), received 4/,
    );
    expect(() => deepLinearNetwork({ widths: [3, 2, 3], features: X, targets: Y })).toThrow(
      /options.widths\[2\]: expected 2 \(the target dimension\), received 3/,
    );
  });
});

describe('mlp', () => {
  it('follows the documented parameter layout (W as [out, in] row-major, then b, layer by layer)', () => {
    const layout = networkLayout([2, 3, 1], true);
    expect(layout.weightOffset).toEqual([0, 9]);
    expect(layout.biasOffset).toEqual([6, 12]);
    expect(layout.dim).toBe(13);
    // A network whose only non-zero parameters are W₁[1, 0] = 2 (row 1, column 0), b₁[1] = 0.5 and
    // W₂[0, 1] = 3: f(x) = 3·(2 x₀ + 0.5) with the linear activation.
    const net = mlp({
      layers: [2, 3, 1],
      activation: 'linear',
      features: [
        [1, 7],
        [-2, 5],
      ],
      targets: [0, 0],
    });
    const theta = new Float64Array(13);
    theta[0 + 1 * 2 + 0] = 2;
    theta[6 + 1] = 0.5;
    theta[9 + 1] = 3;
    expect(Array.from(net.predict(theta))).toEqual([3 * (2 * 1 + 0.5), 3 * (2 * -2 + 0.5)]);
  });

  it('predict agrees with the loss: mean ½‖f(xₙ) − yₙ‖² = value', () => {
    const X = randomRows(8, 50, 3);
    const Y = randomRows(9, 50, 2);
    const net = mlp({ layers: [3, 6, 2], activation: 'gelu', features: X, targets: Y });
    const theta = createRng(10).fillNormal(new Float64Array(net.dim));
    const out = net.predict(theta);
    let s = 0;
    for (let n = 0; n < 50; n++) for (let o = 0; o < 2; o++) s += 0.5 * ((out[n * 2 + o] as number) - (Y[n]![o] as number)) ** 2;
    expect(Math.abs(s / 50 - net.value(theta))).toBeLessThan(1e-13 * net.value(theta));
  });

  it('cross-entropy equals −log softmax of the true class, computed here', () => {
    const X = randomRows(11, 20, 2);
    const labels = Array.from({ length: 20 }, (_, n) => n % 3);
    const net = mlp({ layers: [2, 3], activation: 'relu', loss: 'cross-entropy', features: X, targets: labels });
    const theta = createRng(12).fillNormal(new Float64Array(net.dim));
    const losses = net.sampleLosses(theta);
    const z = net.predict(theta);
    for (let n = 0; n < 20; n++) {
      const e = [0, 1, 2].map((k) => Math.exp(z[n * 3 + k] as number));
      const expected = -Math.log((e[labels[n] as number] as number) / (e[0]! + e[1]! + e[2]!));
      expect(losses[n]).toBeCloseTo(expected, 12);
    }
  });

  it('initialises reproducibly with He (relu) and Glorot (tanh) variances and zero biases', () => {
    const X = randomRows(13, 5, 200);
    const relu = mlp({ layers: [200, 100, 1], activation: 'relu', features: X, targets: [1, 2, 3, 4, 5] });
    const a = relu.initialParameters(42);
    expect(Array.from(a)).toEqual(Array.from(relu.initialParameters(42)));
    expect(Array.from(a)).not.toEqual(Array.from(relu.initialParameters(43)));
    const check = (theta: Float64Array, from: number, count: number, variance: number) => {
      let s = 0;
      for (let i = from; i < from + count; i++) s += (theta[i] as number) ** 2;
      // The mean square of `count` N(0, variance) draws has relative SE √(2/count) (1% here); 5 SE.
      expect(Math.abs(s / count / variance - 1)).toBeLessThan(5 * Math.sqrt(2 / count));
    };
    check(a, 0, 20000, 2 / 200);
    expect(Array.from(a.subarray(20000, 20100)).every((b) => b === 0)).toBe(true);
    const tanh = mlp({ layers: [200, 100, 1], activation: 'tanh', features: X, targets: [1, 2, 3, 4, 5] });
    check(tanh.initialParameters(42), 0, 20000, 2 / 300);
  });
});

describe('activations', () => {
  it('gelu (tanh form) is within 5e-4 of z Φ(z)', () => {
    // z Φ(z) from Python's math.erf: z·½(1 + erf(z/√2)).
    const exact: [number, number][] = [
      [-2, -0.04550026389635842],
      [-0.5, -0.15426876936299344],
      [0.7, 0.5306254434438489],
      [1.5, 1.399789198096713],
      [3, 2.99595030590511],
    ];
    for (const [z, v] of exact) expect(Math.abs(activation('gelu').value(z) - v)).toBeLessThan(5e-4);
  });

  it('first and second derivatives equal central differences of σ and σ′', () => {
    for (const name of ['tanh', 'gelu', 'relu', 'leaky-relu', 'linear'] as const) {
      const a = activation(name, { negativeSlope: 0.2 });
      for (const z of [-2.3, -0.7, 0.4, 1.9]) {
        // h = 1e-5: truncation h²|σ'''|/6 < 1e-10, rounding ε/h ≈ 2e-11; away from relu's kink at 0.
        const h = 1e-5;
        expect(Math.abs((a.value(z + h) - a.value(z - h)) / (2 * h) - a.derivative(z))).toBeLessThan(1e-8);
        expect(Math.abs((a.derivative(z + h) - a.derivative(z - h)) / (2 * h) - a.secondDerivative(z))).toBeLessThan(1e-8);
        const zs = new Float64Array([z]);
        const out = new Float64Array(1);
        const d1 = new Float64Array(1);
        const d2 = new Float64Array(1);
        a.evaluate(zs, 1, out, d1, d2);
        expect([out[0], d1[0], d2[0]]).toEqual([a.value(z), a.derivative(z), a.secondDerivative(z)]);
      }
    }
    expect(activation('leaky-relu').value(-1)).toBe(-0.01);
    expect(activation('relu').derivative(0)).toBe(0);
  });
});

describe('argument checks', () => {
  const X = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [1, 0, 0],
    [0, 1, 0],
  ];
  const y = [1, 2, 3, 4, 5];

  it('rejects mismatched lengths and NaN in the data', () => {
    expect(() => linearRegression({ features: X, targets: [1, 2, 3, 4] })).toThrow(/options.targets: expected 5 rows \(as options.features\), received 4 rows/);
    expect(() =>
      linearRegression({
        features: [
          [1, 2, 3],
          [NaN, 0, 0],
        ],
        targets: [1, 2],
      }),
    ).toThrow(/options.features: expected finite coordinates, received NaN at row 1, column 0/);
    expect(() => linearRegression({ features: X, targets: [1, 2, NaN, 4, 5] })).toThrow(/options.targets: expected finite values, received NaN at index 2/);
    expect(() =>
      mlp({
        layers: [3, 2],
        features: X,
        targets: [
          [1, 0],
          [0, 1],
          [1, 1],
          [0, 0],
          [Infinity, 0],
        ],
      }),
    ).toThrow(/options.targets: expected finite values, received Infinity at row 4, column 0/);
    expect(() => logisticRegression({ features: X, targets: [0, 1, 1] })).toThrow(/options.targets: expected 5 rows \(as options.features\), received 3 rows/);
    expect(() =>
      linearRegression({
        features: X,
        targets: [
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
          [1, 2],
        ],
      }),
    ).toThrow(/options.targets: expected one target per sample, received rows of length 2/);
    expect(() => linearRegression({ features: X, targets: 'abc' as unknown as number[] })).toThrow(
      /options.targets: expected an array of N values or a set of N rows/,
    );
    expect(() => linearRegression({ targets: y } as never)).toThrow(/options.features: expected an \[N, p\] set of feature rows, received undefined/);
  });

  it('rejects bad options', () => {
    expect(() => linearRegression({ features: X, targets: y, l2: -1 })).toThrow(/options.l2: expected a non-negative number, received -1/);
    expect(() => logisticRegression({ features: X, targets: [0, 2, 1, 0, 1] })).toThrow(/options.targets: expected labels 0 or 1, received 2 at index 1/);
    expect(() => logisticRegression({ features: X, targets: [0, 1, 1, 0, 1], intercept: 1 as never })).toThrow(
      /options.intercept: expected a boolean, received 1/,
    );
    expect(() => mlp({ layers: [3, 1], activation: 'sigmoid' as never, features: X, targets: y })).toThrow(
      /options.activation: expected one of 'relu', 'leaky-relu', 'tanh', 'gelu', 'linear', received "sigmoid"/,
    );
    expect(() => mlp({ layers: [3, 1], loss: 'hinge' as never, features: X, targets: y })).toThrow(
      /options.loss: expected one of 'mse', 'cross-entropy', received "hinge"/,
    );
    expect(() => mlp({ layers: [3, 1], bias: 'yes' as never, features: X, targets: y })).toThrow(/options.bias: expected a boolean, received "yes"/);
    expect(() => activation('leaky-relu', { negativeSlope: -1 })).toThrow(/options.negativeSlope: expected a non-negative number, received -1/);
  });

  it('rejects layers that do not match the data', () => {
    expect(() => mlp({ layers: [4, 5, 1], features: X, targets: y })).toThrow(/options.layers\[0\]: expected 3 \(the number of features\), received 4/);
    expect(() => mlp({ layers: [3, 5, 2], features: X, targets: y })).toThrow(/options.layers\[2\]: expected 1 \(the target dimension\), received 2/);
    expect(() => mlp({ layers: [3, 5, 1], loss: 'cross-entropy', features: X, targets: [0, 0, 0, 0, 0] })).toThrow(
      /options.layers\[2\]: expected at least 2 outputs \(classes\) for cross-entropy, received 1/,
    );
    expect(() => mlp({ layers: [3, 2], loss: 'cross-entropy', features: X, targets: [0, 1, 2, 0, 1] })).toThrow(
      /options.targets: expected integer class labels in \[0, 1\], received 2 at index 2/,
    );
    const bad = [
      [0.5, 0.4],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
    ];
    expect(() => mlp({ layers: [3, 2], loss: 'cross-entropy', features: X, targets: bad })).toThrow(
      /options.targets: expected each row of probabilities to sum to 1, received sum 0.9 at row 0/,
    );
    expect(() => mlp({ layers: [3, 3], loss: 'cross-entropy', features: X, targets: bad })).toThrow(/options.targets: expected rows of 3 class probabilities/);
    expect(() => mlp({ layers: [3], features: X, targets: y })).toThrow(/options.layers: expected at least 2 widths \(inputs and outputs\), received 1/);
    expect(() => mlp({ layers: [3, 2.5, 1], features: X, targets: y })).toThrow(/options.layers\[1\]: expected an integer, received 2.5/);
    expect(() => mlp({ layers: [3, 0, 1], features: X, targets: y })).toThrow(/options.layers\[1\]: expected an integer ≥ 1, received 0/);
    expect(() => mlp({ layers: 3 as never, features: X, targets: y })).toThrow(/options.layers: expected an array of layer widths, received 3/);
  });

  it('rejects malformed target sets and probabilities', () => {
    expect(() => mlp({ layers: [3, 2], features: X, targets: [[1, 0], [0, 1], [1], [0, 0], [1, 1]] })).toThrow(
      /options.targets: expected every row of length 2 \(as row 0\), received Array\(1\) at row 2/,
    );
    expect(() =>
      mlp({
        layers: [3, 2],
        features: X,
        targets: [
          [1, 0],
          [0, 1],
          [1, 'a'],
          [0, 0],
          [1, 1],
        ] as never,
      }),
    ).toThrow(/options.targets: expected numbers, received "a" at row 2, column 1/);
    const negative = [
      [1.5, -0.5],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
    ];
    expect(() => mlp({ layers: [3, 2], loss: 'cross-entropy', features: X, targets: negative })).toThrow(
      /options.targets: expected non-negative probabilities, received -0.5 at row 0, column 1/,
    );
    expect(() =>
      logisticRegression({
        features: X,
        targets: [
          [0, 1],
          [0, 1],
          [0, 1],
          [0, 1],
          [0, 1],
        ] as never,
      }),
    ).toThrow(/options.targets: expected one label per sample, received rows of length 2/);
    expect(() => networkLayout([2, 3], 'no' as never)).toThrow(/bias: expected a boolean, received "no"/);
    expect(() => activation('softsign' as never)).toThrow(/activation: expected one of 'relu', 'leaky-relu', 'tanh', 'gelu', 'linear', received "softsign"/);
  });

  it('rejects bad arguments to the model-specific methods', () => {
    const logit = logisticRegression({ features: X, targets: [0, 1, 1, 0, 1] });
    expect(() => logit.probabilities(new Float64Array(2))).toThrow(/x: expected length 3, received length 2/);
    expect(() => logit.probabilities(new Float64Array(3), new Float64Array(2))).toThrow(/out: expected length 5, received length 2/);
    const net = mlp({ layers: [3, 2, 1], features: X, targets: y });
    expect(() => net.predict(new Float64Array(2))).toThrow(/x: expected length 11, received length 2/);
    expect(() => net.predict(new Float64Array(11), new Float64Array(4))).toThrow(/out: expected length 5, received length 4/);
    const dln = deepLinearNetwork({ widths: [3, 2, 1], features: X, targets: y });
    expect(() => dln.endToEnd(new Float64Array(7))).toThrow(/x: expected length 8, received length 7/);
  });

  it('rejects bad parameters, batches and indices at call time', () => {
    const f = mlp({ layers: [3, 2, 1], features: X, targets: y });
    const theta = new Float64Array(f.dim);
    expect(() => f.gradient(new Float64Array(3))).toThrow(/x: expected length 11, received length 3/);
    expect(() => f.hvp(theta, new Float64Array(2))).toThrow(/v: expected length 11, received length 2/);
    expect(() => f.gradient(theta, new Float64Array(2))).toThrow(/out: expected length 11, received length 2/);
    expect(() => f.batchGradient(theta, new Uint32Array([0, 5]))).toThrow(/batch: expected indices in \[0, 4\], received 5 at position 1/);
    expect(() => f.batchValue(theta, [0, 1] as never)).toThrow(/batch: expected a Uint32Array of sample indices, received Array\(2\)/);
    expect(() => f.batchHvp(theta, new Uint32Array(0), theta)).toThrow(/batch: expected at least one index, received an empty batch/);
    expect(() => f.sampleGradient(theta, 5)).toThrow(/n: expected an integer in \[0, 4\], received 5/);
    expect(() => f.sampleLosses(theta, new Float64Array(4))).toThrow(/out: expected length 5, received length 4/);
  });
});
