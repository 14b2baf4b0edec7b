import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { noiseModel } from '../../src/langevin/diffusion-kernels';
import { sgdNoise, simulateEnsemble } from '../../src/langevin/index';
import { doubleWellFiniteSum, quadratic } from '../../src/objectives/index';
import { createRng, sampleWithReplacement } from '../../src/random/index';
import { sgd } from '../../src/optim/index';

/** |H| = V|Λ|Vᵀ, dense. */
function absMatrix(h: number[][]): Float64Array {
  const { values, vectors } = symmetricEigen(h);
  const n = h.length;
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const v = vectors[k]!;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + Math.abs(values[k]!) * v[i]! * v[j]!;
  }
  return out;
}

/** A symmetric n×n matrix Q diag(λ) Qᵀ with a fixed random orthogonal Q (Gram–Schmidt of normals). */
function withSpectrum(lambda: number[], seed: number): number[][] {
  const n = lambda.length;
  const rng = createRng(seed);
  const q: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = rng.fillNormal(new Float64Array(n));
    for (const u of q) {
      let p = 0;
      for (let i = 0; i < n; i++) p += u[i]! * v[i]!;
      for (let i = 0; i < n; i++) v[i] = v[i]! - p * u[i]!;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i]! ** 2;
    for (let i = 0; i < n; i++) v[i] = v[i]! / Math.sqrt(s);
    q.push(v);
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => lambda.reduce((acc, l, k) => acc + l * q[k]![i]! * q[k]![j]!, 0)));
}

describe('sgdNoise', () => {
  it("'hessian', dense: D = (η/2B)|H|, also from HVPs alone, and keeps the noise on at a saddle", () => {
    const h = [
      [1, 2],
      [2, -1],
    ];
    const f = quadratic({ hessian: h });
    const D = sgdNoise(f, { lr: 0.1, batchSize: 4 });
    expect(D.form).toBe('dense');
    expect(D.scale).toBeCloseTo(0.1 / 8, 16);
    const want = absMatrix(h).map((v) => v * (0.1 / 8));
    const got = D.matrix(new Float64Array(2));
    for (let i = 0; i < 4; i++) expect(got[i]).toBeCloseTo(want[i]!, 14);
    const hvpOnly = { dim: 2, value: f.value, gradient: f.gradient, hvp: f.hvp };
    const got2 = sgdNoise(hvpOnly, { lr: 0.1, batchSize: 4 }).matrix(new Float64Array(2));
    for (let i = 0; i < 4; i++) expect(got2[i]).toBeCloseTo(want[i]!, 14);
    // |H| is positive definite though H is indefinite.
    expect(symmetricEigen([Array.from(got.slice(0, 2)), Array.from(got.slice(2))]).values.every((v) => v > 0)).toBe(true);
  });

  it("'hessian', low-rank: the top eigenpairs by |λ| plus an isotropic floor reproduce D when the rest of the spectrum is flat; its square root squares to 2D dt", () => {
    const d = 60;
    const lambda = [10, -8, 6, 5, 4, ...Array.from({ length: d - 5 }, () => 0.5)];
    const h = withSpectrum(lambda, 3);
    const f = quadratic({ hessian: h });
    const scale = 0.2 / (2 * 5);
    const D = sgdNoise(f, { lr: 0.2, batchSize: 5, form: 'low-rank', rank: 5, isotropic: scale * 0.5 });
    expect(D.form).toBe('low-rank');
    const x = new Float64Array(d);
    const lr = D.lowRank!(x);
    expect(Array.from(lr.values).map((v) => v / scale)).toEqual([10, 8, 6, 5, 4].map((v) => expect.closeTo(v, 8) as unknown as number));
    const dense = D.matrix(x);
    // V diag(values) Vᵀ + c (I − VVᵀ) = dense D.
    for (let i = 0; i < d; i += 7) {
      for (let j = 0; j < d; j += 5) {
        let s = i === j ? lr.isotropic : 0;
        for (let k = 0; k < 5; k++) s += (lr.values[k]! - lr.isotropic) * lr.vectors[k * d + i]! * lr.vectors[k * d + j]!;
        expect(s).toBeCloseTo(dense[i * d + j]!, 9);
      }
    }
    // The increment's matrix S (from S eⱼ) satisfies S² = 2 D dt.
    const dt = 0.01;
    const noise = noiseModel({ diffusion: D }, d, dt);
    const S = new Float64Array(d * d);
    const e = new Float64Array(d);
    const col = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      e.fill(0);
      e[j] = 1;
      noise.increment(x, e, col);
      for (let i = 0; i < d; i++) S[i * d + j] = col[i]!;
    }
    for (let i = 0; i < d; i += 9) {
      for (let j = 0; j < d; j += 4) {
        let s = 0;
        for (let k = 0; k < d; k++) s += S[i * d + k]! * S[k * d + j]!;
        expect(s).toBeCloseTo(2 * dt * dense[i * d + j]!, 9);
      }
    }
  });

  it('the stationary covariance of dθ = −Hθ dt + √(2D) dW with D = (η/2B)H solves the Lyapunov equation', async () => {
    // 4000 independent walkers (simulateEnsemble, no stop) from 0 to t = 8 with dt = 0.02: the
    // transient is e^{−2 λ_min t} ≈ 1e−5 of Σ. Reference: the chain's discrete Lyapunov equation
    // Σ = AΣAᵀ + 2D dt, A = I − dt H, solved densely in Kronecker form (I − A⊗A) vec Σ = vec(2D dt);
    // it is within O(dt‖H‖) of the continuous solution of HΣ + ΣH = 2D (also solved, checked).
    // Entries of the sample covariance have standard error √((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²)/n); tolerance 5 of them.
    const H = [
      [2, 0.6],
      [0.6, 1],
    ];
    const lr = 0.1;
    const B = 2;
    const dt = 0.02;
    const walkers = 4000;
    const field = sgdNoise(quadratic({ hessian: H }), { lr, batchSize: B });
    const r = await simulateEnsemble({ objective: quadratic({ hessian: H }), x0: [0, 0], dt, tMax: 8, walkers, diffusion: field, seed: 'lyapunov' });
    expect(r.escapedCount).toBe(0);
    const Hm = new Matrix(H);
    const I2 = Matrix.eye(2);
    const A = I2.clone().sub(Hm.clone().mul(dt));
    const Dm = Hm.clone().mul(lr / (2 * B));
    const vecQ = Matrix.columnVector(
      Dm.clone()
        .mul(2 * dt)
        .to1DArray(),
    );
    const discrete = solve(Matrix.eye(4).sub(A.kroneckerProduct(A)), vecQ).to1DArray();
    const continuous = solve(I2.kroneckerProduct(Hm).add(Hm.kroneckerProduct(I2)), Matrix.columnVector(Dm.clone().mul(2).to1DArray())).to1DArray();
    // With D ∝ H the continuous solution is (η/2B)·I.
    expect(continuous[0]).toBeCloseTo(lr / (2 * B), 14);
    expect(continuous[1]).toBeCloseTo(0, 14);
    for (let i = 0; i < 4; i++) expect(Math.abs(discrete[i]! - continuous[i]!)).toBeLessThan(dt * 2.2 * (lr / (2 * B)));
    let exx = 0;
    let exy = 0;
    let eyy = 0;
    for (let w = 0; w < walkers; w++) {
      const x = r.final.get(w, 0);
      const y = r.final.get(w, 1);
      exx += x * x;
      exy += x * y;
      eyy += y * y;
    }
    const emp = [exx, exy, exy, eyy];
    for (let i = 0; i < 4; i++) {
      const a = Math.floor(i / 2);
      const b = i % 2;
      const se = Math.sqrt((discrete[a * 3]! * discrete[b * 3]! + discrete[i]! ** 2) / walkers);
      expect(Math.abs(emp[i]! / walkers - discrete[i]!)).toBeLessThan(5 * se);
    }
  });

  it("'gradient' on the finite-sum double well: (2/η)·D is the minibatch-gradient covariance σ_z²(1 + θ²)/B, and SGD's batches show it", () => {
    // Closed form (with replacement): Var ĝ_B = σ_z²(1 + θ²)/B. Empirically, 20 000 batches drawn
    // as sgd's sampling with replacement does (uniform i.i.d. indices): the sample variance has
    // standard error ≈ Var·√(2/n) (ĝ_B is close to normal for B = 16); tolerance 5 of those.
    const model = doubleWellFiniteSum({ size: 400, noise: 1.5, seed: 2 });
    const lr = 0.05;
    const B = 16;
    const D = sgdNoise(model, { lr, batchSize: B, covariance: 'gradient' });
    for (const t of [-1, 0, 0.4]) {
      const x = Float64Array.of(t);
      const want = (1.5 ** 2 * (1 + t * t)) / B;
      expect(((2 / lr) * D.matrix(x)[0]!) / want).toBeCloseTo(1, 12);
      const rng = createRng(`batches-${t}`);
      const n = 20_000;
      let s1 = 0;
      let s2 = 0;
      const g = new Float64Array(1);
      const batch = new Uint32Array(B);
      for (let k = 0; k < n; k++) {
        sampleWithReplacement(rng, model.size, B, batch);
        const v = model.batchGradient(x, batch, g)[0]!;
        s1 += v;
        s2 += v * v;
      }
      const variance = s2 / n - (s1 / n) ** 2;
      expect(Math.abs(variance - want)).toBeLessThan(5 * want * Math.sqrt(2 / n));
    }
    // And the batches sgd itself draws: one step from θ with lr 1 moves by −ĝ_B, so
    // (θ − θ₁)/1 over many seeds has the same variance.
    const x0 = Float64Array.of(0.4);
    const n = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const r = sgd(model, x0, { lr: 1, batchSize: B, steps: 1, replacement: true, seed: k, recordLosses: false });
      const v = 0.4 - r.final[0]!;
      s1 += v;
      s2 += v * v;
    }
    const want = (1.5 ** 2 * 1.16) / B;
    expect(Math.abs(s2 / n - (s1 / n) ** 2 - want)).toBeLessThan(5 * want * Math.sqrt(2 / n));
  });

  it('bad input names the argument', () => {
    const f = quadratic({ hessian: [[1]] });
    expect(() => sgdNoise(f, { lr: 0, batchSize: 1 })).toThrow(/options\.lr/);
    expect(() => sgdNoise(f, { lr: 0.1, batchSize: 0 })).toThrow(/options\.batchSize/);
    expect(() => sgdNoise(f, { lr: 0.1, batchSize: 1, covariance: 'gradient' })).toThrow(/objective: expected a finite-sum model with sampleGradient/);
    expect(() => sgdNoise({ dim: 1, value: f.value, gradient: f.gradient }, { lr: 0.1, batchSize: 1 })).toThrow(
      /objective: expected an Objective with hessian or hvp/,
    );
    expect(() => sgdNoise(f, { lr: 0.1, batchSize: 1, rank: 2 })).toThrow(/options\.rank/);
    expect(() => sgdNoise(f, { lr: 0.1, batchSize: 1, covariance: 'fisher' as never })).toThrow(/options\.covariance/);
  });
});
