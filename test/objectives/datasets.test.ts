import { describe, it, expect } from 'vitest';
import { Matrix, solve, inverse } from 'ml-matrix';
import { gaussianBlobs, linearTeacher, shapeImages, twoMoons, SHAPE_NAMES } from '../../src/objectives/index';

describe('gaussianBlobs', () => {
  it('is reproducible from its seed, with the documented shapes and balanced labels', () => {
    const a = gaussianBlobs({ samples: 100, classes: 4, dim: 3, seed: 1 });
    const b = gaussianBlobs({ samples: 100, classes: 4, dim: 3, seed: 1 });
    const c = gaussianBlobs({ samples: 100, classes: 4, dim: 3, seed: 2 });
    expect(a.features.shape).toEqual([100, 3]);
    expect(a.centers.shape).toEqual([4, 3]);
    expect(Array.from(a.features.data)).toEqual(Array.from(b.features.data));
    expect(Array.from(a.features.data)).not.toEqual(Array.from(c.features.data));
    expect(Array.from(a.labels.subarray(0, 6))).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('has class means at the true centres within 5 standard errors', () => {
    const k = 3;
    const p = 2;
    const spread = 0.5;
    const N = 3000;
    const { features, labels, centers } = gaussianBlobs({ samples: N, classes: k, dim: p, spread, seed: 'blobs' });
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        let m = 0;
        for (let n = 0; n < N; n++)
          if (labels[n] === c) {
            s += features.get(n, j);
            m++;
          }
        // The class mean of m = N/k points has standard error spread/√m.
        expect(Math.abs(s / m - centers.get(c, j))).toBeLessThan((5 * spread) / Math.sqrt(m));
      }
    }
  });
});

describe('twoMoons', () => {
  it('puts noise-free points on the two unit half circles', () => {
    const { features, labels } = twoMoons({ samples: 101, noise: 0, seed: 3 });
    expect(features.shape).toEqual([101, 2]);
    for (let n = 0; n < 101; n++) {
      const x = features.get(n, 0);
      const y = features.get(n, 1);
      const [cx, cy] = labels[n] === 0 ? [0, 0] : [1, 0.5];
      // cos² + sin² = 1 up to a few ulps.
      expect(Math.abs(Math.hypot(x - cx, y - cy) - 1)).toBeLessThan(1e-15);
      expect(labels[n] === 0 ? y >= 0 : y <= 0.5).toBe(true);
    }
    expect(Array.from(labels).filter((l) => l === 0).length).toBe(51);
  });

  it('is reproducible and adds noise of the requested size', () => {
    const a = twoMoons({ samples: 4000, noise: 0.2, seed: 'm' });
    expect(Array.from(a.features.data)).toEqual(Array.from(twoMoons({ samples: 4000, noise: 0.2, seed: 'm' }).features.data));
    const clean = twoMoons({ samples: 4000, noise: 0, seed: 'm' });
    let s2 = 0;
    const M = a.features.data.length;
    for (let i = 0; i < M; i++) s2 += ((a.features.data[i] as number) - (clean.features.data[i] as number)) ** 2;
    // Mean square of M N(0, σ²) draws: relative standard error √(2/M) ≈ 1.6%; 5 SE.
    expect(Math.abs(s2 / M / 0.04 - 1)).toBeLessThan(5 * Math.sqrt(2 / M));
  });
});

describe('linearTeacher', () => {
  it('is reproducible, with the documented shapes', () => {
    const a = linearTeacher({ samples: 50, dim: 4, seed: 9 });
    const b = linearTeacher({ samples: 50, dim: 4, seed: 9 });
    expect(a.features.shape).toEqual([50, 4]);
    expect(a.targets.length).toBe(50);
    expect(a.labels.length).toBe(50);
    expect(a.weights.length).toBe(4);
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.targets)).not.toEqual(Array.from(linearTeacher({ samples: 50, dim: 4, seed: 10 }).targets));
  });

  it('has its teacher recovered by least squares within the noise-derived tolerance', () => {
    const sigma = 0.3;
    const { features, targets, weights } = linearTeacher({ samples: 400, dim: 5, noise: sigma, seed: 'ls' });
    const X = new Matrix(400, 5);
    for (let n = 0; n < 400; n++) for (let j = 0; j < 5; j++) X.set(n, j, features.get(n, j));
    const XtX = X.transpose().mmul(X);
    const w = solve(XtX, X.transpose().mmul(Matrix.columnVector(Array.from(targets))));
    const cov = inverse(XtX);
    for (let j = 0; j < 5; j++) {
      // ŵ − w* ~ N(0, σ²(XᵀX)⁻¹): each coordinate within 5 of its standard deviations.
      expect(Math.abs(w.get(j, 0) - (weights[j] as number))).toBeLessThan(5 * sigma * Math.sqrt(cov.get(j, j)));
    }
  });

  it('draws labels from the logistic model: mean of yₙ − σ(xₙ·w*) within 5 standard errors of 0', () => {
    const N = 5000;
    const { features, labels, weights } = linearTeacher({ samples: N, dim: 2, weights: [1.5, -1], seed: 'lab' });
    let s = 0;
    let v = 0;
    for (let n = 0; n < N; n++) {
      const z = features.get(n, 0) * (weights[0] as number) + features.get(n, 1) * (weights[1] as number);
      const q = 1 / (1 + Math.exp(-z));
      s += (labels[n] as number) - q;
      v += q * (1 - q);
    }
    // Var(yₙ − qₙ | xₙ) = qₙ(1 − qₙ).
    expect(Math.abs(s)).toBeLessThan(5 * Math.sqrt(v));
    // And the labels follow the sign of the margin more often than not (not pure noise).
    let agree = 0;
    for (let n = 0; n < N; n++) agree += (features.get(n, 0) * 1.5 - features.get(n, 1) > 0 ? 1 : 0) === labels[n] ? 1 : 0;
    expect(agree / N).toBeGreaterThan(0.7);
  });
});

describe('shapeImages', () => {
  it('is reproducible, with the documented shapes and binary templates', () => {
    const a = shapeImages({ samples: 30, classes: 6, seed: 4 });
    expect(a.features.shape).toEqual([30, 64]);
    expect(a.templates.shape).toEqual([6, 64]);
    expect(SHAPE_NAMES.length).toBe(6);
    expect(Array.from(a.features.data)).toEqual(Array.from(shapeImages({ samples: 30, classes: 6, seed: 4 }).features.data));
    expect(Array.from(a.templates.data).every((v) => v === 0 || v === 1)).toBe(true);
    // The templates are distinct.
    for (let c = 0; c < 6; c++) {
      for (let e = 0; e < c; e++) {
        let diff = 0;
        for (let i = 0; i < 64; i++) diff += Math.abs(a.templates.get(c, i) - a.templates.get(e, i));
        expect(diff).toBeGreaterThan(0);
      }
    }
    expect(Array.from(a.shifts).every((s) => Math.abs(s) <= 1)).toBe(true);
  });

  it('is each class template, shifted, plus pixel noise of the requested size', () => {
    const s = 8;
    const N = 600;
    const noise = 0.25;
    const { features, labels, templates, shifts } = shapeImages({ samples: N, classes: 4, noise, shift: 2, seed: 'img' });
    let sum = 0;
    let sum2 = 0;
    for (let n = 0; n < N; n++) {
      const dr = shifts[2 * n] as number;
      const dc = shifts[2 * n + 1] as number;
      for (let r = 0; r < s; r++) {
        for (let c = 0; c < s; c++) {
          const r0 = r - dr;
          const c0 = c - dc;
          const clean = r0 >= 0 && r0 < s && c0 >= 0 && c0 < s ? templates.get(labels[n] as number, r0 * s + c0) : 0;
          const e = features.get(n, r * s + c) - clean;
          sum += e;
          sum2 += e * e;
        }
      }
    }
    const M = N * s * s;
    // Residuals are N(0, noise²): their mean within 5 SE (noise/√M), their mean square within 5
    // relative SE (√(2/M)).
    expect(Math.abs(sum / M)).toBeLessThan((5 * noise) / Math.sqrt(M));
    expect(Math.abs(sum2 / M / noise ** 2 - 1)).toBeLessThan(5 * Math.sqrt(2 / M));
    // Shifts cover the whole range [−2, 2].
    expect(new Set(Array.from(shifts)).size).toBe(5);
  });
});

describe('argument checks', () => {
  it('rejects bad options with clear messages', () => {
    expect(() => gaussianBlobs({ samples: 0, seed: 1 })).toThrow(/options.samples: expected an integer ≥ 1, received 0/);
    expect(() => gaussianBlobs({ samples: 10, spread: -1, seed: 1 })).toThrow(/options.spread: expected a non-negative number, received -1/);
    expect(() => gaussianBlobs({ samples: 10, separation: 0, seed: 1 })).toThrow(/options.separation: expected a positive number, received 0/);
    expect(() => gaussianBlobs({ samples: 10, seed: NaN })).toThrow(/seed: expected a finite number or a string, received NaN/);
    expect(() => twoMoons({ samples: 10, noise: NaN, seed: 1 })).toThrow(/options.noise: expected a finite number, received NaN/);
    expect(() => linearTeacher({ samples: 10, dim: 3, weights: [1, 2], seed: 1 })).toThrow(/options.weights: expected length 3, received length 2/);
    expect(() => linearTeacher({ samples: 10, dim: 2.5, seed: 1 })).toThrow(/options.dim: expected an integer, received 2.5/);
    expect(() => shapeImages({ samples: 10, classes: 7, seed: 1 })).toThrow(/options.classes: expected an integer in \[1, 6\], received 7/);
    expect(() => shapeImages({ samples: 10, size: 4, seed: 1 })).toThrow(/options.size: expected an integer in \[5, 256\], received 4/);
    expect(() => shapeImages({ samples: 10, shift: 8, seed: 1 })).toThrow(/options.shift: expected an integer in \[0, 7\], received 8/);
    expect(() => gaussianBlobs({ samples: 10, classes: 0, seed: 1 })).toThrow(/options.classes: expected an integer ≥ 1, received 0/);
    expect(() => gaussianBlobs({ samples: 10, dim: -2, seed: 1 })).toThrow(/options.dim: expected an integer ≥ 1, received -2/);
    expect(() => gaussianBlobs(null as never)).toThrow(/options: expected an options object, received null/);
    expect(() => twoMoons({ samples: 1.5, seed: 1 })).toThrow(/options.samples: expected an integer, received 1.5/);
    expect(() => linearTeacher({ samples: 10, dim: 2, noise: -0.1, seed: 1 })).toThrow(/options.noise: expected a non-negative number, received -0.1/);
    expect(() => linearTeacher({ samples: 10, dim: 2, weights: [1, NaN], seed: 1 })).toThrow(
      /options.weights: expected finite values, received NaN at index 1/,
    );
    expect(() => shapeImages({ samples: 10, noise: Infinity, seed: 1 })).toThrow(/options.noise: expected a finite number, received Infinity/);
    expect(() => shapeImages({ samples: 10, seed: {} as never })).toThrow(/seed: expected a finite number or a string, received an object/);
  });
});
