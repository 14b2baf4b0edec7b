import { describe, expect, it } from 'vitest';
import { pca } from '../../src/diffusion-maps/pca';
import { symmetricEigen } from '../../src/core/symmetric-eigen';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** n points in R^d with independent coordinates of standard deviations `scales` (then rotated by a fixed mixing), plus `shift`. */
function cloud(n: number, scales: number[], seed: number, shift = 0): number[][] {
  const rnd = lcg(seed);
  const d = scales.length;
  return Array.from({ length: n }, () => {
    const z = scales.map((s) => s * rnd());
    return Array.from({ length: d }, (_, m) => shift + (z[m] as number) + 0.3 * (z[(m + 1) % d] as number));
  });
}

/** The dense reference: eigen-decomposition of the covariance (denominator n − 1) by ml-matrix through symmetricEigen. */
function denseReference(rows: number[][]): { values: Float64Array; vectors: Float64Array[]; mean: number[] } {
  const n = rows.length;
  const d = (rows[0] as number[]).length;
  const mean = Array.from({ length: d }, (_, m) => rows.reduce((s, r) => s + (r[m] as number), 0) / n);
  const cov = new Float64Array(d * d);
  for (const r of rows)
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        cov[a * d + b] = (cov[a * d + b] as number) + (((r[a] as number) - (mean[a] as number)) * ((r[b] as number) - (mean[b] as number))) / (n - 1);
  const { values, vectors } = symmetricEigen(cov, { order: 'descending' });
  return { values, vectors, mean };
}

describe('pca', () => {
  it('matches a dense eigen-decomposition of the covariance: variances, axes up to sign, scores, ratios', () => {
    const rows = cloud(200, [5, 3, 2, 1, 0.5, 0.2], 1);
    const ref = denseReference(rows);
    const r = pca(rows, { components: 4 });
    expect(r.method).toBe('covariance');
    const total = ref.values.reduce((s, v) => s + v, 0);
    expect(r.totalVariance).toBeCloseTo(total, 10);
    for (let k = 0; k < 4; k++) {
      expect(Math.abs((r.eigenvalues[k] as number) - (ref.values[k] as number))).toBeLessThanOrEqual(1e-11 * (ref.values[0] as number));
      expect(r.explainedVarianceRatio[k]).toBeCloseTo((ref.values[k] as number) / total, 12);
      const v = ref.vectors[k] as Float64Array;
      const axis = Array.from({ length: 6 }, (_, m) => r.loadings?.get(k, m) as number);
      const sign = Math.sign(axis.reduce((s, a, m) => s + a * (v[m] as number), 0));
      for (let m = 0; m < 6; m++) expect(Math.abs((axis[m] as number) - sign * (v[m] as number))).toBeLessThan(1e-9);
      // scores are the centred points projected on the axis, and their variance is λₖ
      let ss = 0;
      for (let i = 0; i < 200; i++) {
        const proj = (rows[i] as number[]).reduce((s, x, m) => s + (x - (ref.mean[m] as number)) * (axis[m] as number), 0);
        expect(Math.abs(r.coordinates.get(i, k) - proj)).toBeLessThan(1e-10);
        ss += r.coordinates.get(i, k) ** 2;
      }
      expect(ss / 199).toBeCloseTo(r.eigenvalues[k] as number, 9);
    }
    for (let m = 0; m < 6; m++) expect(r.mean[m]).toBeCloseTo(ref.mean[m] as number, 12);
  });

  it('gives the same result through the n×n Gram matrix as through the d×d covariance (auto picks Gram when d > n)', () => {
    const scales = Array.from({ length: 80 }, (_, m) => 4 / (1 + m));
    for (const shift of [0, 1e6]) {
      const rows = cloud(30, scales, 2, shift);
      const g = pca(rows, { components: 5 });
      const c = pca(rows, { components: 5, method: 'covariance' });
      expect(g.method).toBe('gram');
      expect(c.method).toBe('covariance');
      // the shifted cloud is stored to ulp(1e6)/2 ≈ 6e-11 absolute: relative 1e-8 of the leading scale
      const tol = shift === 0 ? 1e-10 : 1e-7;
      for (let k = 0; k < 5; k++) {
        expect(Math.abs((g.eigenvalues[k] as number) - (c.eigenvalues[k] as number))).toBeLessThanOrEqual(tol * (c.eigenvalues[0] as number));
        for (let i = 0; i < 30; i++) expect(Math.abs(g.coordinates.get(i, k) - c.coordinates.get(i, k))).toBeLessThan(tol * 10);
        for (let m = 0; m < 80; m++) expect(Math.abs((g.loadings?.get(k, m) as number) - (c.loadings?.get(k, m) as number))).toBeLessThan(tol * 10);
      }
    }
  });

  it('has canonical signs (each coordinate column’s largest |entry| positive) and orthonormal loadings', () => {
    const rows = cloud(50, [3, 2, 1], 4);
    const r = pca(rows, { components: 3 });
    const flipped = pca(
      rows.map((p) => p.map((x) => -x)),
      { components: 3 },
    );
    for (let k = 0; k < 3; k++) {
      let best = 0;
      for (let i = 0; i < 50; i++) if (Math.abs(r.coordinates.get(i, k)) > Math.abs(best)) best = r.coordinates.get(i, k);
      expect(best).toBeGreaterThan(0);
      for (let i = 0; i < 50; i++) expect(flipped.coordinates.get(i, k)).toBeCloseTo(r.coordinates.get(i, k), 10);
      for (let l = 0; l < 3; l++) {
        let dot = 0;
        for (let m = 0; m < 3; m++) dot += (r.loadings?.get(k, m) as number) * (r.loadings?.get(l, m) as number);
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 12);
      }
    }
  });

  it('center: false analyses the second moments about 0; loadings: false leaves them out', () => {
    const rows = [
      [1, 0],
      [2, 0],
      [3, 0],
    ];
    const r = pca(rows, { components: 1, center: false, loadings: false });
    expect(r.loadings).toBeNull();
    expect(Array.from(r.mean)).toEqual([0, 0]);
    expect(r.eigenvalues[0]).toBeCloseTo(14 / 2, 12);
    expect(r.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    const same = pca(
      [
        [2, 2],
        [2, 2],
      ],
      { components: 2 },
    );
    expect(Array.from(same.eigenvalues)).toEqual([0, 0]);
    expect(Array.from(same.explainedVarianceRatio)).toEqual([0, 0]);
  });

  it('refuses bad input with errors naming the argument', () => {
    const rows = [
      [0, 1],
      [1, 0],
      [2, 2],
    ];
    expect(() => pca([[1, 2]], { components: 1 })).toThrow('points: expected at least 2 points for a PCA, received 1');
    expect(() => pca(rows, { components: 3 })).toThrow('options.components: expected an integer in [1, 2], received 3');
    expect(() => pca(rows, {} as never)).toThrow('options.components: expected an integer, received undefined');
    expect(() => pca(rows, { components: 1, method: 'svd' as never })).toThrow(/^options\.method: expected one of/);
    expect(() => pca(rows, { components: 1, center: 1 as never })).toThrow('options.center: expected a boolean, received 1');
    expect(() => pca(rows, { components: 1, componets: 2 } as never)).toThrow(/^options\.componets: unknown option; did you mean components\?/);
    expect(() =>
      pca(
        [
          [0, NaN],
          [1, 1],
        ],
        { components: 1 },
      ),
    ).toThrow('points: expected finite coordinates, received NaN at row 0, column 1');
    const wide = [new Float64Array(6000), new Float64Array(6000)];
    expect(() => pca(wide, { components: 1, method: 'covariance' })).toThrow(/^options\.method: expected a covariance matrix of side ≤ 5000/);
  });
});

describe('review: pca through the Gram matrix with components = n (a rank-deficient centred cloud)', () => {
  // n centred points span n − 1 directions: λₙ = 0, and its Gram eigenvalue is rounding (~1e-16).
  // Before the fix σₙ = √((n − 1)λₙ) ~ 1e-8 gave an "axis" Cᵀuₙ/σₙ of norm ~1e-8 (neither unit nor
  // orthogonal to v₁) and scores ~1e-8 instead of 0. Fixed points from a xorshift stream (seeds 2, 3,
  // 10, 11 each gave such a rounding eigenvalue > 0 before the fix).
  const cloud = (seed: number): number[][] => {
    let st = seed;
    const u = (): number => {
      st ^= st << 13;
      st >>>= 0;
      st ^= st >> 17;
      st ^= st << 5;
      st >>>= 0;
      return st / 4294967296;
    };
    return Array.from({ length: 5 }, () => Array.from({ length: 20 }, () => u()));
  };
  it('the last axis is a zero row with zero scores; the others stay unit and orthonormal', () => {
    for (const seed of [2, 3, 10, 11]) {
      const r = pca(cloud(seed), { components: 5, method: 'gram', loadings: true });
      const L = r.loadings as NonNullable<typeof r.loadings>;
      for (let k = 0; k < 5; k++) {
        let s = 0;
        for (let m = 0; m < 20; m++) s += L.get(k, m) ** 2;
        if (k < 4) expect(Math.sqrt(s)).toBeCloseTo(1, 12);
        else expect(s).toBe(0);
      }
      for (let i = 0; i < 5; i++) expect(Math.abs(r.coordinates.get(i, 4))).toBe(0);
      expect(r.eigenvalues[4]).toBeLessThan(1e-14);
    }
  });
});
