import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { diffusionMap, type DiffusionMapResult } from '../../src/diffusion-maps/diffusion-map';
import { distanceGraph, kernelValues, normalizeKernel, planShiftInvert, solveConjugate } from '../../src/diffusion-maps/diffusion-map-kernels';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';
import type { Trajectory } from '../../src/core/types';

const TAU = 2 * Math.PI;

function circle(N: number, radius = 1, phase = 0): number[][] {
  return Array.from({ length: N }, (_, i) => [radius * Math.cos((TAU * i) / N + phase), radius * Math.sin((TAU * i) / N + phase)]);
}

/** Eigenvalues of P on N equispaced points of the unit circle: Σⱼ K₀ⱼ cos(2πkj/N) / Σⱼ K₀ⱼ (a circulant). */
function circulant(N: number, eps: number, k: number): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < N; j++) {
    const K = Math.exp(-(2 - 2 * Math.cos((TAU * j) / N)) / eps);
    num += K * Math.cos((TAU * k * j) / N);
    den += K;
  }
  return num / den;
}

function column(r: DiffusionMapResult, k: number, which: 'eigenvectors' | 'coordinates' = 'eigenvectors'): Float64Array {
  const a = r[which];
  const n = a.shape[0] as number;
  return Float64Array.from({ length: n }, (_, i) => a.get(i, k));
}

function swissRoll(n: number, seed: number, height = 4): { points: number[][]; u: number[] } {
  const rng = createRng(seed);
  const points: number[][] = [];
  const u: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    points.push([t * Math.cos(t), height * rng.uniform(), t * Math.sin(t)]);
    u.push(t);
  }
  return { points, u };
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rank = (x: ArrayLike<number>): Float64Array => {
    const o = Array.from({ length: x.length }, (_, i) => i).sort((p, q) => (x[p] as number) - (x[q] as number));
    const r = new Float64Array(x.length);
    o.forEach((i, k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const m = (a.length - 1) / 2;
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    s += ((ra[i] as number) - m) * ((rb[i] as number) - m);
    sa += ((ra[i] as number) - m) ** 2;
    sb += ((rb[i] as number) - m) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}

describe('diffusionMap: the circle (closed form)', () => {
  const N = 64;
  const eps = 0.3;
  const dm = diffusionMap(circle(N), { epsilon: eps, components: 8 });

  it('eigenvalues equal the circulant closed form and come in degenerate pairs', () => {
    expect(dm.converged).toBe(true);
    expect(dm.method).toBe('dense');
    for (let k = 1; k <= 4; k++) {
      const exact = circulant(N, eps, k);
      expect(dm.eigenvalues[2 * k - 2]).toBeCloseTo(exact, 12);
      expect(dm.eigenvalues[2 * k - 1]).toBeCloseTo(exact, 12);
    }
    expect(dm.trivial.eigenvalue).toBeCloseTo(1, 13);
    expect(Array.from(dm.trivial.eigenvector)).toEqual(new Array(N).fill(1));
  });

  it('the first two coordinates are (cos θ, sin θ) up to a rotation, scaled by λ₁√2', () => {
    // Uniform π = 1/N and Σ πᵢ ψ² = 1 make ψ₁, ψ₂ = √2 (cos, sin) rotated: fit and check orthogonality.
    const a = column(dm, 0);
    const b = column(dm, 1);
    const fit = (v: Float64Array): [number, number, number] => {
      let c = 0;
      let s = 0;
      for (let i = 0; i < N; i++) {
        c += ((v[i] as number) * Math.cos((TAU * i) / N) * 2) / N;
        s += ((v[i] as number) * Math.sin((TAU * i) / N) * 2) / N;
      }
      let res = 0;
      for (let i = 0; i < N; i++) res = Math.max(res, Math.abs((v[i] as number) - c * Math.cos((TAU * i) / N) - s * Math.sin((TAU * i) / N)));
      return [c, s, res];
    };
    const [c1, s1, r1] = fit(a);
    const [c2, s2, r2] = fit(b);
    expect(r1).toBeLessThan(1e-9);
    expect(r2).toBeLessThan(1e-9);
    expect(Math.hypot(c1, s1)).toBeCloseTo(Math.SQRT2, 9);
    expect(Math.hypot(c2, s2)).toBeCloseTo(Math.SQRT2, 9);
    expect(c1 * c2 + s1 * s2).toBeCloseTo(0, 9);
    // canonical basis of the degenerate pair: ψ₁ = √2 cos(θ − θ₀) with θ₀ the first point's angle
    expect(a[0]).toBeCloseTo(Math.SQRT2, 9);
    expect(b[0]).toBeCloseTo(0, 9);
    const coords = column(dm, 0, 'coordinates');
    expect(coords[5]).toBeCloseTo((dm.eigenvalues[0] as number) * (a[5] as number), 14);
  });

  it('a flat torus: the spectrum is the products of the two circles’ closed forms', () => {
    // T² ⊂ R⁴ as (cos u, sin u, cos v, sin v) on a 16 × 12 grid: K = K_u ⊗ K_v, so λ = μ_a ν_b.
    const nu = 16;
    const nv = 12;
    const pts: number[][] = [];
    for (let i = 0; i < nu; i++)
      for (let j = 0; j < nv; j++) pts.push([Math.cos((TAU * i) / nu), Math.sin((TAU * i) / nu), Math.cos((TAU * j) / nv), Math.sin((TAU * j) / nv)]);
    const e = 0.8;
    const r = diffusionMap(pts, { epsilon: e, components: 12, alpha: 0.5 });
    const prods: number[] = [];
    for (let a = 0; a < nu; a++) for (let b = 0; b < nv; b++) prods.push(circulant(nu, e, a) * circulant(nv, e, b));
    prods.sort((x, y) => y - x);
    expect(prods[0]).toBeCloseTo(1, 14);
    for (let k = 0; k < 12; k++) expect(r.eigenvalues[k]).toBeCloseTo(prods[k + 1] as number, 11);
    expect(r.converged).toBe(true);
  });
});

describe('diffusionMap: manifolds and densities', () => {
  it('Swiss roll: the first coordinate is monotone in the roll parameter', () => {
    for (const [seed, opts] of [
      [3, { neighbors: 15 }],
      [11, {}],
    ] as const) {
      const { points, u } = swissRoll(700, seed);
      const dm = diffusionMap(points, { components: 2, ...opts });
      expect(dm.disconnected).toBe(false);
      const psi = column(dm, 0);
      expect(Math.abs(spearman(psi, u))).toBeGreaterThan(0.999);
      // binned means of ψ₁ along u (20 bins) strictly monotone
      const sums = new Float64Array(20);
      const counts = new Float64Array(20);
      for (let i = 0; i < u.length; i++) {
        const b = Math.min(19, Math.floor((((u[i] as number) - 1.5 * Math.PI) / (3 * Math.PI)) * 20));
        sums[b] = (sums[b] as number) + (psi[i] as number);
        counts[b] = (counts[b] as number) + 1;
      }
      const means = Array.from(sums, (s, b) => s / (counts[b] as number));
      const dir = Math.sign((means[19] as number) - (means[0] as number));
      for (let b = 1; b < 20; b++) expect(dir * ((means[b] as number) - (means[b - 1] as number))).toBeGreaterThan(0);
    }
  });

  it('α = 1: the spectrum does not depend on a non-uniform sampling density, within the sampling error; α = 0 does', () => {
    // i.i.d. points on the unit circle, uniform or with density ∝ 1 + 0.8 cos θ (rejection sampling).
    // Statistic: (1 − λ)/ε averaged over the first degenerate pair (→ 1/4, the Laplace–Beltrami
    // eigenvalue 1 times ¼ for K = exp(−d²/ε)). Its sampling standard error is estimated from the
    // spread over 5 seeds of each density; the two means must agree within 5 combined standard
    // errors for α = 1 (Coifman–Lafon: density removed), and differ by more than that for α = 0.
    const draw = (N: number, seed: number, nonUniform: boolean): number[][] => {
      const r = createRng(seed);
      const out: number[][] = [];
      while (out.length < N) {
        const th = TAU * r.uniform();
        if (nonUniform && r.uniform() * 1.8 > 1 + 0.8 * Math.cos(th)) continue;
        out.push([Math.cos(th), Math.sin(th)]);
      }
      return out;
    };
    const eps = 0.05;
    const stat = (alpha: number, nonUniform: boolean): { mean: number; se: number } => {
      const v: number[] = [];
      for (let s = 0; s < 5; s++) {
        const m = diffusionMap(draw(700, 200 + s + (nonUniform ? 50 : 0), nonUniform), { epsilon: eps, alpha, components: 2, stability: false });
        v.push((2 - (m.eigenvalues[0] as number) - (m.eigenvalues[1] as number)) / (2 * eps));
      }
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      return { mean, se: sd / Math.sqrt(v.length) };
    };
    const u1 = stat(1, false);
    const n1 = stat(1, true);
    expect(Math.abs(u1.mean - n1.mean)).toBeLessThan(5 * Math.hypot(u1.se, n1.se));
    expect(Math.abs(u1.mean - 0.25)).toBeLessThan(0.02); // the O(ε) kernel bias, well below 10 %
    const n0 = stat(0, true);
    expect(Math.abs(u1.mean - n0.mean)).toBeGreaterThan(5 * Math.hypot(u1.se, n0.se));
  });
});

describe('diffusionMap: invariants', () => {
  it('rows of P sum to 1 (P = D^{1/2} S D^{-1/2} from the normalised kernel), for any α and point set', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 25 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (pts, alpha, eps) => {
          const n = pts.length;
          const g = distanceGraph({ data: Float64Array.from(pts.flat()), n, d: 3 }, null, null);
          const S = kernelValues(g, eps, null, new Float64Array(n * n));
          const { d } = normalizeKernel(g, S, alpha);
          for (let i = 0; i < n; i++) {
            let row = 0;
            for (let j = 0; j < n; j++) row += (S[i * n + j] as number) * Math.sqrt((d[j] as number) / (d[i] as number));
            expect(row).toBeCloseTo(1, 12);
          }
        },
      ),
      { seed: 13, numRuns: 60 },
    );
  });

  it('Nyström reproduces the training points (dense path), and interpolates new ones on the circle', () => {
    const { points } = swissRoll(300, 5);
    for (const opts of [{}, { epsilon: 'self-tuning' as const }, { alpha: 0, t: 2.5 }, { weighting: 'multiscale' as const }]) {
      const dm = diffusionMap(points, { components: 4, ...opts });
      const ext = dm.extend(points);
      // to the eigen-solve's accuracy (residual 1e-10, divided by λ), relative to the coordinate's size
      for (let i = 0; i < 300; i += 7) {
        for (let k = 0; k < 4; k++)
          expect(Math.abs(ext.get(i, k) - dm.coordinates.get(i, k))).toBeLessThan(1e-8 * Math.max(1, Math.abs(dm.coordinates.get(i, k))));
      }
    }
    // new points on the circle between the training points: ψ₁ = √2 cos θ continues
    const dm = diffusionMap(circle(64), { epsilon: 0.3, components: 2 });
    const mid = circle(64, 1, Math.PI / 64);
    const ext = dm.extend(mid);
    const l1 = dm.eigenvalues[0] as number;
    for (let i = 0; i < 64; i += 5) expect(ext.get(i, 0) / l1).toBeCloseTo(Math.SQRT2 * Math.cos((TAU * i) / 64 + Math.PI / 64), 8);
  });

  it('the sparse path equals the dense path at neighbours = n − 1', () => {
    const { points } = swissRoll(120, 8);
    for (const alpha of [0, 0.5, 1]) {
      const dense = diffusionMap(points, { components: 5, alpha, epsilon: 4 });
      const sparse = diffusionMap(points, { components: 5, alpha, epsilon: 4, neighbors: 119 });
      expect(sparse.method).toBe('sparse');
      for (let k = 0; k < 5; k++) {
        expect(sparse.eigenvalues[k]).toBeCloseTo(dense.eigenvalues[k] as number, 12);
        for (let i = 0; i < 120; i++) expect(sparse.eigenvectors.get(i, k)).toBeCloseTo(dense.eigenvectors.get(i, k), 8);
      }
    }
  });

  it('two seeds give the same signs and order (dense and sparse)', () => {
    const { points } = swissRoll(500, 21);
    for (const neighbors of ['all', 12] as const) {
      const a = diffusionMap(points, { components: 6, seed: 1, neighbors, stability: false });
      const b = diffusionMap(points, { components: 6, seed: 'another seed', neighbors, stability: false });
      for (let k = 0; k < 6; k++) {
        expect(b.eigenvalues[k]).toBeCloseTo(a.eigenvalues[k] as number, 10);
        for (let i = 0; i < 500; i += 3) expect(b.eigenvectors.get(i, k)).toBeCloseTo(a.eigenvectors.get(i, k), 6);
      }
    }
  });

  it('a two-cluster cloud is reported disconnected', () => {
    const rng = createRng(4);
    const pts: number[][] = [];
    for (let i = 0; i < 80; i++) pts.push([rng.normal() + (i < 40 ? 0 : 100), rng.normal()]);
    // exactly disconnected (kernel underflows to 0 between clusters): 2 components
    const a = diffusionMap(pts, { epsilon: 2, components: 3 });
    expect(a.connectedComponents).toBe(2);
    expect(a.disconnected).toBe(true);
    expect(a.converged).toBe(false);
    expect(a.eigenvalues[0]).toBeCloseTo(1, 10);
    expect(a.spectralGap).toBe(0);
    // numerically disconnected (kernel entries ~1e-200 between clusters): one component, λ₁ = 1
    const far = pts.map(([x, y], i) => [(x as number) * (i < 40 ? 1 : 0.25) + (i < 40 ? 0 : -75), y as number]);
    const b = diffusionMap(far, { epsilon: 20, components: 3 });
    expect(b.connectedComponents).toBe(1);
    expect(b.disconnected).toBe(true);
    // the sparse path: clusters never neighbours
    const c = diffusionMap(pts, { epsilon: 2, components: 3, neighbors: 10 });
    expect(c.connectedComponents).toBe(2);
    expect(c.disconnected).toBe(true);
    // connected cloud: not flagged
    const d = diffusionMap(pts.slice(0, 40), { components: 3 });
    expect(d.disconnected).toBe(false);
    expect(d.connectedComponents).toBe(1);
    expect(d.spectralGap).toBeGreaterThan(0);
  });

  it('points shifted by 1e6 in every coordinate give the same map', () => {
    const { points } = swissRoll(200, 9);
    const shifted = points.map((p) => p.map((x) => x + 1e6));
    for (const neighbors of ['all', 10] as const) {
      const a = diffusionMap(points, { components: 4, neighbors, epsilon: 3 });
      const b = diffusionMap(shifted, { components: 4, neighbors, epsilon: 3 });
      for (let k = 0; k < 4; k++) {
        expect(b.eigenvalues[k]).toBeCloseTo(a.eigenvalues[k] as number, 8);
        for (let i = 0; i < 200; i += 3) expect(b.eigenvectors.get(i, k)).toBeCloseTo(a.eigenvectors.get(i, k), 5);
      }
      const ea = diffusionMap(points, { components: 4, neighbors });
      const eb = diffusionMap(shifted, { components: 4, neighbors });
      expect(eb.epsilon / ea.epsilon).toBeCloseTo(1, 6);
    }
  });
});

describe('diffusionMap: trajectories, bandwidth, weighting', () => {
  const traj = (seed: number, n: number): Trajectory => {
    const rng = createRng(seed);
    const data = new Float64Array(n * 3);
    let x = 0;
    for (let i = 0; i < n; i++) {
      x += 0.05;
      data.set([Math.cos(x) + 0.01 * rng.normal(), Math.sin(x) + 0.01 * rng.normal(), 0.01 * rng.normal()], i * 3);
    }
    return {
      points: ndarray(data, [n, 3]),
      times: Float64Array.from({ length: n }, (_, i) => i),
      losses: null,
      final: data.slice(-3),
      steps: null,
      stopReason: 'steps',
    };
  };

  it('burn-in and thinning per run, run ids, and a time window', () => {
    const a = traj(1, 100);
    const b = traj(2, 80);
    const dm = diffusionMap([a, b], { components: 3, burnIn: 10, thin: 3 });
    expect(dm.indices.length).toBe(30 + 24);
    expect(dm.indices[0]).toBe(10);
    expect(dm.indices[1]).toBe(13);
    expect(dm.indices[30]).toBe(110);
    expect(dm.runIds?.[29]).toBe(0);
    expect(dm.runIds?.[30]).toBe(1);
    // the same through runIds on the stacked points
    const stacked = [
      ...Array.from({ length: 100 }, (_, i) => [a.points.get(i, 0), a.points.get(i, 1), a.points.get(i, 2)]),
      ...Array.from({ length: 80 }, (_, i) => [b.points.get(i, 0), b.points.get(i, 1), b.points.get(i, 2)]),
    ];
    const ids = [...new Array<number>(100).fill(0), ...new Array<number>(80).fill(1)];
    const dm2 = diffusionMap(stacked, { components: 3, burnIn: 10, thin: 3, runIds: ids });
    expect(Array.from(dm2.indices)).toEqual(Array.from(dm.indices));
    for (let k = 0; k < 3; k++) expect(dm2.eigenvalues[k]).toBeCloseTo(dm.eigenvalues[k] as number, 12);
    // a single Trajectory
    expect(diffusionMap(a, { components: 3 }).indices.length).toBe(100);
    // a time window as long as the run leaves every point of a single run alone: n components
    const lonely = diffusionMap(a, { components: 3, timeWindow: 100, epsilon: 1 });
    expect(lonely.connectedComponents).toBe(100);
    expect(lonely.disconnected).toBe(true);
    // …and two interleaved runs then only see each other: sparse and dense agree on the count
    const two = diffusionMap([a, a], { components: 3, timeWindow: 5, epsilon: 1 });
    expect(two.connectedComponents).toBe(1);
    const twoSparse = diffusionMap([a, a], { components: 3, timeWindow: 5, epsilon: 1, neighbors: 8 });
    expect(twoSparse.connectedComponents).toBe(1);
  });

  it('coordinates: real t and the multiscale weighting; diffusion distances', () => {
    const { points } = swissRoll(150, 2);
    const base = diffusionMap(points, { components: 3, t: 0 });
    const t = diffusionMap(points, { components: 3, t: 2.5 });
    const ms = diffusionMap(points, { components: 3, weighting: 'multiscale' });
    for (let k = 0; k < 3; k++) {
      const l = base.eigenvalues[k] as number;
      for (let i = 0; i < 150; i += 11) {
        expect(base.coordinates.get(i, k)).toBe(base.eigenvectors.get(i, k));
        expect(t.coordinates.get(i, k)).toBeCloseTo(Math.pow(l, 2.5) * base.eigenvectors.get(i, k), 12);
        expect(ms.coordinates.get(i, k)).toBeCloseTo((l / (1 - l)) * base.eigenvectors.get(i, k), 8);
      }
    }
    let s = 0;
    for (let k = 0; k < 3; k++) s += (t.coordinates.get(4, k) - t.coordinates.get(9, k)) ** 2;
    expect(t.diffusionDistance(4, 9)).toBeCloseTo(Math.sqrt(s), 14);
    expect(t.diffusionDistance(4, 4)).toBe(0);
    // ψ normalised in ℓ²(π)
    for (let k = 0; k < 3; k++) {
      let q = 0;
      for (let i = 0; i < 150; i++) q += (base.stationary[i] as number) * base.eigenvectors.get(i, k) ** 2;
      expect(q).toBeCloseTo(1, 10);
    }
  });

  it('bandwidth rules, the curve and the stability diagnostic', () => {
    const { points } = swissRoll(300, 6);
    const auto = diffusionMap(points, { components: 3 });
    expect(auto.bandwidth.rule).toBe('auto');
    expect(auto.epsilon).toBeCloseTo(auto.bandwidth.curve?.epsilonAtMax ?? NaN, 14);
    expect(auto.bandwidth.stability).not.toBeNull();
    // the leading eigenvector is well separated: it barely turns across ε·2^{±½}
    expect(auto.bandwidth.stability?.overlaps[0]?.[0]).toBeGreaterThan(0.995);
    expect(auto.bandwidth.stability?.overlaps[1]?.[0]).toBeGreaterThan(0.995);
    expect(auto.bandwidth.stability?.minOverlap).toBeLessThanOrEqual(1);
    expect(auto.bandwidth.stability?.eigenvalues[0]?.[0]).toBeGreaterThan(auto.eigenvalues[0] as number); // 1 − λ ≈ ε μ/4: a smaller ε, a larger λ
    const fixed = diffusionMap(points, { components: 3, epsilon: 2.5, stability: false });
    expect(fixed.bandwidth.rule).toBe('fixed');
    expect(fixed.epsilon).toBe(2.5);
    expect(fixed.bandwidth.stability).toBeNull();
    const st = diffusionMap(points, { components: 3, epsilon: 'self-tuning', bandwidthNeighbors: 5 });
    expect(st.bandwidth.scales?.length).toBe(300);
    expect(st.disconnected).toBe(false);
    const med = diffusionMap(points, { components: 3, epsilon: 'median' });
    expect(med.epsilon).toBeGreaterThan(auto.epsilon);
  });
});

describe('diffusionMap: the sparse shift-invert solve', () => {
  it('equals the dense eigendecomposition of S and plain Lanczos (Swiss roll, n = 600, k = 12)', () => {
    const { points } = swissRoll(600, 31);
    const r = diffusionMap(points, { components: 8, neighbors: 12, stability: false });
    expect(r.solver).toBe('shift-invert');
    expect(r.converged).toBe(true);
    expect(r.possiblyMissed).toBe(false);
    for (const x of r.residuals) expect(x).toBeLessThanOrEqual(1e-10);
    // the same kernel, densified: S's full spectrum by Householder + QL
    const g = distanceGraph({ data: Float64Array.from(points.flat()), n: 600, d: 3 }, 12, null);
    const K = kernelValues(g, r.epsilon, null, new Float64Array(g.sq.length));
    normalizeKernel(g, K, 1);
    const S = new Float64Array(600 * 600);
    for (let i = 0; i < 600; i++)
      for (let p = g.rowPointers[i] as number; p < (g.rowPointers[i + 1] as number); p++) S[i * 600 + (g.columnIndices[p] as number)] = K[p] as number;
    const dense = symmetricEigen(S, { order: 'descending', symmetryTol: 1e-10 });
    expect(r.trivial.eigenvalue).toBeCloseTo(1, 13);
    // the top is clustered (1 − λ₁ ~ 1e-3): absolute agreement to 1e-13 is what the eigenvalues near 1 need
    for (let k = 0; k < 8; k++) expect(Math.abs((r.eigenvalues[k] as number) - (dense.values[k + 1] as number))).toBeLessThan(1e-13);
    // the kernel level: shift-invert and plain Lanczos give the same pairs (values, and vectors up to sign)
    const plan = planShiftInvert(g, 9);
    expect(plan).not.toBeNull();
    const si = solveConjugate(g, K, { pairs: 9, seed: 0, tol: 1e-10 }, plan);
    const plain = solveConjugate(g, K, { pairs: 9, seed: 0, tol: 1e-10 }, null);
    expect(si.solver).toBe('shift-invert');
    expect(plain.solver).toBe('lanczos');
    expect(si.matvecs).toBeLessThan(plain.matvecs / 3);
    for (let k = 0; k < 9; k++) {
      expect(Math.abs((si.values[k] as number) - (plain.values[k] as number))).toBeLessThan(1e-13);
      const a = si.vectors[k] as Float64Array;
      const b = dense.vectors[k] as Float64Array;
      let c = 0;
      for (let i = 0; i < 600; i++) c += (a[i] as number) * (b[i] as number);
      expect(Math.abs(c)).toBeGreaterThan(1 - 1e-9);
    }
  });

  it('the circle with a kNN kernel (n = 400, k = 20): the truncated circulant closed form, degenerate pairs found', () => {
    const N = 400;
    const eps = 0.01;
    const r = diffusionMap(circle(N), { epsilon: eps, components: 6, neighbors: 20 });
    expect(r.solver).toBe('shift-invert');
    expect(r.converged).toBe(true);
    // the 20 nearest are j = ±1..±10: P is circulant over |j| ≤ 10
    const closed = (k: number): number => {
      let num = 0;
      let den = 0;
      for (let j = -10; j <= 10; j++) {
        const K = Math.exp(-(2 - 2 * Math.cos((TAU * j) / N)) / eps);
        num += K * Math.cos((TAU * k * j) / N);
        den += K;
      }
      return num / den;
    };
    for (let k = 0; k < 6; k++) expect(Math.abs((r.eigenvalues[k] as number) - closed(Math.floor(k / 2) + 1))).toBeLessThan(1e-12);
  });

  it('two clusters on the shift-invert path: disconnected, two components, λ₁ = 1', () => {
    const a = swissRoll(300, 41).points;
    const b = swissRoll(300, 42).points.map(([x, y, z]) => [(x as number) + 1000, y as number, z as number]);
    const r = diffusionMap([...a, ...b], { components: 4, neighbors: 10 });
    expect(r.solver).toBe('shift-invert');
    expect(r.connectedComponents).toBe(2);
    expect(r.disconnected).toBe(true);
    expect(r.converged).toBe(false);
    expect(r.spectralGap).toBe(0);
    expect(r.eigenvalues[0]).toBeCloseTo(1, 10);
    expect(r.eigenvalues[1]).toBeLessThan(1 - 1e-6);
    // the second eigenvector of 1 separates the clusters (constant on each)
    const psi = column(r, 0);
    for (let i = 1; i < 300; i++) expect(psi[i]).toBeCloseTo(psi[0] as number, 6);
    for (let i = 301; i < 600; i++) expect(psi[i]).toBeCloseTo(psi[300] as number, 6);
    expect(Math.sign(psi[0] as number)).not.toBe(Math.sign(psi[300] as number));
  });

  it('the guard: high intrinsic dimension (a 10-D Gaussian) predicts too much fill and solves by plain Lanczos', () => {
    const rng = createRng(17);
    const n = 2500;
    const data = new Float64Array(n * 10);
    rng.fillNormal(data);
    const g = distanceGraph({ data, n, d: 10 }, 15, null);
    expect(planShiftInvert(g, 11)).toBeNull();
    const r = diffusionMap(ndarray(data, [n, 10]), { components: 10, neighbors: 15 });
    expect(r.solver).toBe('lanczos');
    expect(r.converged).toBe(true);
    // and a 2-D manifold at the same n and k is planned
    const roll = swissRoll(n, 3).points;
    expect(planShiftInvert(distanceGraph({ data: Float64Array.from(roll.flat()), n, d: 3 }, 15, null), 11)).not.toBeNull();
    // at most 200 points Lanczos is exact: no plan
    expect(planShiftInvert(distanceGraph({ data: Float64Array.from(roll.slice(0, 200).flat()), n: 200, d: 3 }, 15, null), 11)).toBeNull();
  });

  it('the stability diagnostic on the shift-invert path reuses the plan: each nearby ε’s eigenvalues are those of a map at that ε', () => {
    const points = swissRoll(600, 7).points;
    const r = diffusionMap(points, { components: 4, neighbors: 12, stability: true });
    expect(r.solver).toBe('shift-invert');
    expect(r.converged).toBe(true);
    const st = r.bandwidth.stability;
    if (st === null) throw new Error('expected a stability diagnostic');
    st.factors.forEach((f, i) => {
      const at = diffusionMap(points, { components: 4, neighbors: 12, epsilon: r.epsilon * f, stability: false });
      expect(at.solver).toBe('shift-invert');
      const ev = st.eigenvalues[i] as Float64Array;
      for (let k = 0; k < 4; k++) expect(Math.abs((ev[k] as number) - (at.eigenvalues[k] as number))).toBeLessThan(1e-13);
    });
  });

  it('an abort during the shift-invert solve returns what it has, flagged', () => {
    const ac = new AbortController();
    const r = diffusionMap(swissRoll(600, 5).points, { components: 5, neighbors: 12, signal: ac.signal, onProgress: () => ac.abort() });
    expect(r.solver).toBe('shift-invert');
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
  });
});

describe('diffusionMap: edge cases', () => {
  it('an aborted eigen-solve returns what it has, flagged', () => {
    const ac = new AbortController();
    ac.abort();
    const r = diffusionMap(circle(30), { epsilon: 0.3, components: 3, signal: ac.signal });
    expect(r.stopReason).toBe('aborted');
    expect(r.converged).toBe(false);
    expect(r.eigenvalues.length).toBeLessThan(3);
    expect(r.coordinates.shape[0]).toBe(30);
    // progress reports come from the eigen-solve
    let calls = 0;
    const ok = diffusionMap(swissRoll(400, 1).points, { components: 3, onProgress: () => calls++ });
    expect(ok.converged).toBe(true);
    expect(calls).toBeGreaterThan(0);
  });

  it('the smallest problems: n = components + 1, one component, two points', () => {
    const r = diffusionMap(circle(4), { epsilon: 1, components: 3 });
    expect(r.eigenvalues.length).toBe(3);
    expect(r.converged).toBe(true);
    const two = diffusionMap([[0], [1]], { epsilon: 1, components: 1 });
    // P = [[a, b], [b, a]]/(a + b) with a = 1, b = e⁻¹: λ₁ = (1 − e⁻¹)/(1 + e⁻¹) (α = 1 keeps it: q equal)
    expect(two.eigenvalues[0]).toBeCloseTo((1 - Math.exp(-1)) / (1 + Math.exp(-1)), 14);
    expect(Math.abs(two.eigenvectors.get(0, 0))).toBeCloseTo(1, 14);
    expect(two.eigenvectors.get(0, 0)).toBeCloseTo(-two.eigenvectors.get(1, 0), 14);
  });

  it('accepts ndarrays, Float64Array rows and number[][] alike', () => {
    const pts = swissRoll(60, 3).points;
    const a = diffusionMap(pts, { components: 3, epsilon: 5 });
    const b = diffusionMap(
      pts.map((p) => Float64Array.from(p)),
      { components: 3, epsilon: 5 },
    );
    const c = diffusionMap(ndarray(Float64Array.from(pts.flat()), [60, 3]), { components: 3, epsilon: 5 });
    for (let k = 0; k < 3; k++) {
      expect(b.eigenvalues[k]).toBe(a.eigenvalues[k]);
      expect(c.eigenvalues[k]).toBe(a.eigenvalues[k]);
    }
  });
});

describe('diffusionMap: bad input names the argument', () => {
  const pts = circle(20);
  it.each([
    ['fewer points than components + 1', () => diffusionMap(circle(10), { components: 10 }), /points: expected at least components \+ 1 = 11/],
    // Found by the fuzz test: the message names the option too, so that a huge options.components is not blamed on the points alone.
    [
      'components far above the points',
      () => diffusionMap(pts, { components: 1e12 }),
      /^points: expected at least .*\(options\.components is 1000000000000\), received 20$/,
    ],
    ['NaN in the points', () => diffusionMap([...pts, [NaN, 0]]), /points: expected finite/],
    ['Infinity in the points', () => diffusionMap([...pts, [0, Infinity]]), /points: expected finite/],
    ['ε ≤ 0', () => diffusionMap(pts, { epsilon: 0 }), /options\.epsilon: expected a positive number/],
    ['ε negative', () => diffusionMap(pts, { epsilon: -1 }), /options\.epsilon/],
    ['ε an unknown rule', () => diffusionMap(pts, { epsilon: 'mean' as 'auto' }), /options\.epsilon: expected one of/],
    ['α > 1', () => diffusionMap(pts, { alpha: 1.5 }), /options\.alpha: expected a number in \[0, 1\]/],
    ['α < 0', () => diffusionMap(pts, { alpha: -0.1 }), /options\.alpha/],
    ['neighbours ≥ n', () => diffusionMap(pts, { neighbors: 20 }), /options\.neighbors: expected an integer in \[1, 19\]/],
    ['neighbours 0', () => diffusionMap(pts, { neighbors: 0 }), /options\.neighbors/],
    // One edit away gets a hint (a swap of neighbouring letters is one edit); a key sharing nothing with a known one lists them.
    ['a misspelt option', () => diffusionMap(pts, { alpa: 1 } as never), /options\.alpa: unknown option; did you mean alpha\?/],
    ['a transposed option', () => diffusionMap(pts, { aplha: 1 } as never), /options\.aplha: unknown option; did you mean alpha\?/],
    ['an unknown option', () => diffusionMap(pts, { zeta: 1 } as never), /options\.zeta: unknown option; known options: alpha, bandwidthNeighbors/],
    ['t < 0', () => diffusionMap(pts, { t: -1 }), /options\.t/],
    ['components 0', () => diffusionMap(pts, { components: 0 }), /options\.components/],
    ['identical points', () => diffusionMap(new Array(12).fill([1, 2]) as number[][], { components: 3 }), /points: expected at least two distinct points/],
    ['a burn-in longer than the run', () => diffusionMap(pts, { burnIn: 25, components: 2 }), /options\.burnIn/],
    ['run ids of the wrong length', () => diffusionMap(pts, { runIds: [0, 1] }), /options\.runIds: expected length 20/],
    ['a time window that leaves too few neighbours', () => diffusionMap(pts, { neighbors: 15, timeWindow: 5, components: 2 }), /options\.neighbors/],
    ['points a string', () => diffusionMap('abc' as never), /points: expected/],
    ['new points of another dimension', () => diffusionMap(pts, { components: 2 }).extend([[1, 2, 3]]), /newPoints: expected points of dimension 2/],
    ['a diffusion distance index out of range', () => diffusionMap(pts, { components: 2 }).diffusionDistance(0, 20), /j: expected an integer in \[0, 19\]/],
  ])('%s', (_, f, message) => {
    expect(f).toThrow(message);
  });
});
