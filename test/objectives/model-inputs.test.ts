/**
 * What the objectives accept at the public boundary: matrices in every documented form (core's
 * `toMatrix` / `toSquareMatrix`), one name per concept (`targets`, with `labels` a deprecated
 * alias), and seeds through `checkSeed` and `rngFor`, default 0.
 */
import { describe, it, expect } from 'vitest';
import { Matrix } from 'ml-matrix';
import ndarray from 'ndarray';
import { createRng, rngFor } from '../../src/random/rng';
import { toMatrix } from '../../src/core/dense';
import {
  deepLinearNetwork,
  gaussianBlobs,
  linearRegression,
  linearTeacher,
  logisticRegression,
  mlp,
  quadratic,
  shapeImages,
  twoMoons,
  type FiniteSumModel,
} from '../../src/objectives/index';

const bits = (a: Float64Array): bigint[] => Array.from(new BigUint64Array(Float64Array.from(a).buffer));

const rng = createRng('model-inputs');
const N = 7;
const p = 3;
const flat = rng.fillNormal(new Float64Array(N * p));
const nested = Array.from({ length: N }, (_, n) => Array.from(flat.subarray(n * p, (n + 1) * p)));
const forms = {
  'number[][]': () => nested,
  'Float64Array[]': () => nested.map((r) => Float64Array.from(r)),
  ndarray: () => ndarray(Float64Array.from(flat), [N, p]),
  'ndarray (transposed storage)': () => {
    const t = new Float64Array(N * p);
    for (let n = 0; n < N; n++) for (let j = 0; j < p; j++) t[j * N + n] = flat[n * p + j] as number;
    return ndarray(t, [N, p], [1, N]);
  },
  'ml-matrix Matrix': () => new Matrix(nested),
  'row-major Float64Array': () => Float64Array.from(flat),
};
const y = Array.from({ length: N }, () => rng.normal());
const labels01 = Array.from({ length: N }, (_, n) => n % 2);
const classes = Array.from({ length: N }, (_, n) => n % 3);

/** Same model: same value and gradient bits at a random point. */
function sameModel(a: FiniteSumModel, b: FiniteSumModel): void {
  expect(b.dim).toBe(a.dim);
  expect(b.size).toBe(a.size);
  const x = createRng('same').fillNormal(new Float64Array(a.dim), 0, 0.5);
  expect(b.value(x)).toBe(a.value(x));
  expect(bits(b.gradient(x))).toEqual(bits(a.gradient(x)));
}

describe('features in every matrix form give the same model', () => {
  const reference = {
    linear: linearRegression({ features: nested, targets: y }),
    logistic: logisticRegression({ features: nested, targets: labels01, intercept: true }),
    mlp: mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, targets: classes }),
    dln: deepLinearNetwork({ widths: [p, 2, 1], features: nested, targets: y }),
  };
  it.each(Object.entries(forms))('%s', (_, make) => {
    sameModel(reference.linear, linearRegression({ features: make(), targets: y }));
    sameModel(reference.logistic, logisticRegression({ features: make(), targets: labels01, intercept: true }));
    sameModel(reference.mlp, mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: make(), targets: classes }));
    sameModel(reference.dln, deepLinearNetwork({ widths: [p, 2, 1], features: make(), targets: y }));
    // The model's features are the [N, p] point set in every case.
    const f = linearRegression({ features: make(), targets: y }).features;
    expect(f.shape).toEqual([N, p]);
    expect(bits(Float64Array.from({ length: N * p }, (_, i) => f.get(Math.floor(i / p), i % p)))).toEqual(bits(flat));
  });

  it('reads a row-major Float64Array with the shape the model knows, and says so when it does not fit', () => {
    // linear/logistic: N from the targets; networks: n₀ from the layers.
    expect(() => linearRegression({ features: new Float64Array(20), targets: y })).toThrow(
      /options.features: expected a row-major Float64Array of length a multiple of 7 \(rows\), received length 20/,
    );
    expect(() => mlp({ layers: [3, 2], features: new Float64Array(20), targets: y })).toThrow(
      /options.features: expected a row-major Float64Array of length a multiple of 3 \(columns\), received length 20/,
    );
    // 21 = 7·3 values read as 7 rows of 3, then the targets (6) disagree.
    expect(() => mlp({ layers: [3, 1], features: Float64Array.from(flat), targets: y.slice(1) })).toThrow(
      /options.targets: expected 7 rows \(as options.features\), received 6 rows/,
    );
    const bad = Float64Array.from(flat);
    bad[4] = Number.NaN;
    expect(() => linearRegression({ features: bad, targets: y })).toThrow(/options.features: expected finite values, received NaN at row 1, column 1/);
    expect(() => linearRegression({ features: new Matrix([[1, Infinity]]), targets: [1] })).toThrow(
      /options.features: expected finite values, received Infinity at row 0, column 1/,
    );
    expect(() => linearRegression({ features: 'x' as never, targets: y })).toThrow(
      /options.features: expected a matrix \(number\[\]\[\], Float64Array\[\], ndarray \[n, d\], ml-matrix Matrix or row-major Float64Array\), received "x"/,
    );
  });

  it('takes targets as a Matrix or a row-major array of N·k values', () => {
    const Y = Array.from({ length: N }, () => [rng.normal(), rng.normal()]);
    const a = mlp({ layers: [p, 4, 2], features: nested, targets: Y });
    sameModel(a, mlp({ layers: [p, 4, 2], features: nested, targets: new Matrix(Y) }));
    sameModel(a, mlp({ layers: [p, 4, 2], features: nested, targets: Float64Array.from(Y.flat()) }));
    sameModel(a, mlp({ layers: [p, 4, 2], features: nested, targets: Y.flat() }));
    // Class probabilities, row-major, for cross-entropy (N·k values with k = 3 classes).
    const onehot = classes.flatMap((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
    sameModel(
      mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, targets: classes }),
      mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, targets: Float64Array.from(onehot) }),
    );
    sameModel(linearRegression({ features: nested, targets: y }), linearRegression({ features: nested, targets: new Matrix([y]).transpose() }));
  });

  it('quadratic: the Hessian as number[][], row-major Float64Array or Matrix, returned flat row-major', () => {
    const H = [
      [2, 1],
      [1, 3],
    ];
    const x = Float64Array.of(0.3, -0.7);
    const a = quadratic({ hessian: H });
    for (const h of [Float64Array.of(2, 1, 1, 3), new Matrix(H)]) {
      const b = quadratic({ hessian: h });
      expect(b.value(x)).toBe(a.value(x));
      expect(bits(b.gradient(x))).toEqual(bits(a.gradient(x)));
      expect(Array.from(b.hessian())).toEqual([2, 1, 1, 3]);
    }
  });

  it('toMatrix: shapes, hints and errors', () => {
    const m = toMatrix('a', Float64Array.of(1, 2, 3, 4, 5, 6), undefined, 3);
    expect([m.rows, m.cols, Array.from(m.data)]).toEqual([2, 3, [1, 2, 3, 4, 5, 6]]);
    expect(toMatrix('a', Float64Array.of(1, 2, 3, 4, 5, 6), 3).cols).toBe(2);
    expect(toMatrix('a', new Matrix([[1, 2, 3]])).cols).toBe(3);
    expect(toMatrix('a', [[1], [2]]).rows).toBe(2);
    expect(() => toMatrix('a', Float64Array.of(1, 2))).toThrow(/a: expected an \[n, d\] set .* received a flat Float64Array of length 2/);
    expect(() => toMatrix('a', Float64Array.of(1, 2, 3), 2, 2)).toThrow(/a: expected a row-major Float64Array of length 2×2 = 4, received length 3/);
    expect(() => toMatrix('a', [[1, 2]], 2)).toThrow(/a: expected 2 rows, received 1 rows/);
    expect(() => toMatrix('a', [[1, 2]], undefined, 3)).toThrow(/a: expected 3 columns, received 2 columns/);
    expect(() => toMatrix('a', new Float64Array(0), 0)).toThrow(/a: expected a matrix with at least one row and one column, received 0×0/);
    expect(() => toMatrix('a', [[1, 2], [3]])).toThrow(/a: expected every row of length 2 \(as row 0\), received length 1 at row 1/);
  });
});

describe('targets is the one name; labels a deprecated alias', () => {
  it('logisticRegression({ labels }) is logisticRegression({ targets }); both different throws', () => {
    const a = logisticRegression({ features: nested, targets: labels01, l2: 0.1 });
    const b = logisticRegression({ features: nested, labels: labels01, l2: 0.1 });
    sameModel(a, b);
    expect(a.targets).toBe(a.labels);
    expect(Array.from(b.targets)).toEqual(labels01);
    // The same array under both names is not a conflict.
    sameModel(a, logisticRegression({ features: nested, targets: labels01, labels: labels01, l2: 0.1 }));
    expect(() => logisticRegression({ features: nested, targets: labels01, labels: labels01.map((l) => 1 - l) })).toThrow(
      /options.targets: expected one of options.targets and its deprecated alias options.labels, received both/,
    );
    // Messages name the option given.
    expect(() => logisticRegression({ features: nested, targets: labels01.map(() => 2) })).toThrow(
      /options.targets: expected labels 0 or 1, received 2 at index 0/,
    );
    expect(() => logisticRegression({ features: nested, labels: labels01.map(() => 2) })).toThrow(
      /options.labels: expected labels 0 or 1, received 2 at index 0/,
    );
    expect(() => logisticRegression({ features: nested })).toThrow(/options.targets: expected an array of N values or a set of N rows/);
  });

  it('mlp({ labels }) is mlp({ targets }); both different throws', () => {
    const a = mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, targets: classes });
    const b = mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, labels: classes });
    sameModel(a, b);
    expect(() => mlp({ layers: [p, 4, 3], loss: 'cross-entropy', features: nested, targets: classes, labels: [...classes].reverse() })).toThrow(
      /options.targets: expected one of options.targets and its deprecated alias options.labels, received both/,
    );
    expect(() => mlp({ layers: [p, 3], loss: 'cross-entropy', features: nested, labels: classes.map(() => 5) })).toThrow(
      /options.labels: expected integer class labels in \[0, 2\], received 5 at index 0/,
    );
  });
});

describe('seeds: checkSeed, default 0, a stream of its own purpose', () => {
  const net = mlp({ layers: [p, 6, 2], activation: 'tanh', features: nested, targets: nested.map((r) => [r[0] as number, r[1] as number]) });

  it('mlp initialParameters draws from rngFor("mlp-init", seed), default 0, not from createRng(seed)', () => {
    expect(bits(net.initialParameters())).toEqual(bits(net.initialParameters(0)));
    expect(bits(net.initialParameters('7'))).toEqual(bits(net.initialParameters(7)));
    // Layer by layer from one stream: W₁ (6×3, Glorot s² = 2/9), b₁ = 0, W₂ (2×6, s² = 2/8), b₂ = 0.
    const r = rngFor('mlp-init', 5);
    const w1 = r.fillNormal(new Float64Array(18), 0, Math.sqrt(2 / 9));
    const w2 = r.fillNormal(new Float64Array(12), 0, Math.sqrt(2 / 8));
    const expected = new Float64Array(net.dim);
    expected.set(w1, 0);
    expected.set(w2, 24);
    expect(bits(net.initialParameters(5))).toEqual(bits(expected));
    // Not the stream createRng(5) (what a seed-5 draw elsewhere used to share).
    const old = createRng(5).fillNormal(new Float64Array(18), 0, Math.sqrt(2 / 9));
    expect(bits(net.initialParameters(5).subarray(0, 18))).not.toEqual(bits(old));
    expect(() => net.initialParameters(Number.NaN)).toThrow(/seed: expected a finite number or a string, received NaN/);
    expect(() => net.initialParameters({} as never)).toThrow(/seed: expected a finite number or a string, received an object/);
  });

  it('deepLinearNetwork draws the initialisation of the linear, bias-free mlp', () => {
    const Y = nested.map((r) => [r[0] as number]);
    const dln = deepLinearNetwork({ widths: [p, 4, 1], features: nested, targets: Y });
    const same = mlp({ layers: [p, 4, 1], activation: 'linear', bias: false, features: nested, targets: Y });
    expect(bits(dln.initialParameters(3))).toEqual(bits(same.initialParameters(3)));
    expect(bits(dln.initialParameters())).toEqual(bits(dln.initialParameters(0)));
  });

  it('datasets: seed optional (default 0), each drawn from its own purpose', () => {
    expect(bits(twoMoons({ samples: 20 }).features.data)).toEqual(bits(twoMoons({ samples: 20, seed: 0 }).features.data));
    expect(bits(gaussianBlobs({ samples: 20 }).features.data)).toEqual(bits(gaussianBlobs({ samples: 20, seed: 0 }).features.data));
    expect(bits(linearTeacher({ samples: 20, dim: 2 }).targets)).toEqual(bits(linearTeacher({ samples: 20, dim: 2, seed: 0 }).targets));
    expect(bits(shapeImages({ samples: 5 }).features.data)).toEqual(bits(shapeImages({ samples: 5, seed: 0 }).features.data));
    // twoMoons: the noise is rngFor('two-moons', seed)'s normals, two per point, in order.
    const noisy = twoMoons({ samples: 10, noise: 0.5, seed: 'm' });
    const clean = twoMoons({ samples: 10, noise: 0, seed: 'm' });
    const r = rngFor('two-moons', 'm');
    for (let i = 0; i < 20; i++) expect(noisy.features.data[i]).toBe((clean.features.data[i] as number) + 0.5 * r.normal());
    // gaussianBlobs: centres from index 0 of its purpose.
    const blobs = gaussianBlobs({ samples: 6, classes: 2, dim: 2, separation: 3, seed: 4 });
    expect(bits(blobs.centers.data)).toEqual(bits(rngFor('gaussian-blobs', 4, 0).fillNormal(new Float64Array(4), 0, 3)));
    // linearTeacher: w* from index 0, features from index 1.
    const t = linearTeacher({ samples: 4, dim: 3, seed: 8 });
    expect(bits(t.weights)).toEqual(bits(rngFor('linear-teacher', 8, 0).fillNormal(new Float64Array(3))));
    expect(bits(t.features.data)).toEqual(bits(rngFor('linear-teacher', 8, 1).fillNormal(new Float64Array(12))));
    // shapeImages: the first image's shift is the first two integer draws of its purpose.
    const img = shapeImages({ samples: 1, shift: 2, seed: 'i' });
    const ri = rngFor('shape-images', 'i');
    expect([img.shifts[0], img.shifts[1]]).toEqual([ri.integer(5) - 2, ri.integer(5) - 2]);
    expect(() => twoMoons({ samples: 5, seed: null as never })).toThrow(/options.seed: expected a finite number or a string, received null/);
  });
});
