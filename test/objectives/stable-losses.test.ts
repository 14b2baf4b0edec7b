/**
 * Issue 15: logistic regression and softmax cross-entropy keep every digit of a confidently correct
 * (and a confidently wrong) sample, for value, gradient and HVP, at logits ±30, ±40 and ±700:
 * against closed forms evaluated independently of the library (log1p by its alternating series for
 * tiny arguments, σ(−|z|) = e^{−|z|}/(1 + e^{−|z|})), and against central finite differences.
 */
import { describe, expect, it } from 'vitest';
import { logisticRegression, mlp } from '../../src/objectives/index';

/** log(1 + u) for 0 ≤ u ≤ 1e-12 by its series (the first three terms are exact to a relative 1e-36), else Math.log1p. */
const log1pExact = (u: number): number => (u <= 1e-12 ? u - (u * u) / 2 + (u * u * u) / 3 : Math.log1p(u));
/** softplus(a) = log(1 + e^a), exact closed form for either sign. */
const softplusExact = (a: number): number => (a > 0 ? a + log1pExact(Math.exp(-a)) : log1pExact(Math.exp(a)));
/** σ(a) = 1/(1 + e^−a). */
const sigmoidExact = (a: number): number => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE));
const LOGITS = [30, -30, 40, -40, 700, -700];

describe('logistic regression: stable value, gradient and HVP on both label sides', () => {
  for (const label of [0, 1]) {
    // One sample with feature 1: the margin z is the single parameter θ.
    const f = logisticRegression({ features: [[1]], targets: [label] });
    for (const z of LOGITS) {
      it(`label ${label}, z = ${z}`, () => {
        const x = Float64Array.of(z);
        // ℓ = softplus(z) − y z = softplus(−z) for y = 1, softplus(z) for y = 0.
        const exact = label === 1 ? softplusExact(-z) : softplusExact(z);
        expect(rel(f.value(x), exact)).toBeLessThan(4e-16);
        if (z === 40 && label === 1) expect(f.value(x)).toBeCloseTo(4.248354255291589e-18, 30); // the case: 0 before
        // ∂ℓ/∂z = σ(z) − y: −σ(−z) for y = 1, σ(z) for y = 0.
        const g = f.gradient(x)[0] as number;
        expect(rel(g, label === 1 ? -sigmoidExact(-z) : sigmoidExact(z))).toBeLessThan(4e-16);
        // ∂²ℓ/∂z² = σ(z)σ(−z) = e^{−|z|}/(1 + e^{−|z|})².
        const e = Math.exp(-Math.abs(z));
        const h = f.hvp(x, Float64Array.of(1))[0] as number;
        expect(rel(h, e / ((1 + e) * (1 + e)))).toBeLessThan(4e-16);
        // Central differences (step 1e-3; truncation error h²/6·|ℓ'''/ℓ'| ≈ 2e-7 relative), on the
        // confidently correct side (on the other the gradient is ≈ ±1 and its change 1e-13 is below
        // what differences of doubles resolve).
        if (Math.abs(z) <= 40 && f.value(x) < 1) {
          const d = 1e-3;
          const fd = (f.value(Float64Array.of(z + d)) - f.value(Float64Array.of(z - d))) / (2 * d);
          expect(rel(fd, g)).toBeLessThan(1e-6);
          const fd2 = ((f.gradient(Float64Array.of(z + d))[0] as number) - (f.gradient(Float64Array.of(z - d))[0] as number)) / (2 * d);
          expect(rel(fd2, h)).toBeLessThan(1e-6);
        }
      });
    }
  }
});

describe('softmax cross-entropy: stable value, gradient and HVP', () => {
  // A linear layer 1 → 3 with biases and feature 1: logits f = W + b; θ = (W₀, W₁, W₂, b₀, b₁, b₂).
  // Logits (z, 0, 0): ℓ = log(e^z + 2) − f_label, with label 0 log(1 + 2e^{−z}).
  for (const label of [0, 1]) {
    const net = mlp({ layers: [1, 3], activation: 'linear', loss: 'cross-entropy', features: [[1]], targets: [label] });
    for (const z of LOGITS) {
      it(`label ${label}, logits (${z}, 0, 0)`, () => {
        const x = Float64Array.of(z, 0, 0, 0, 0, 0);
        // Probabilities of the logits (z, 0, 0) in closed form.
        const ez = Math.exp(-Math.abs(z));
        const p0 = z >= 0 ? 1 / (1 + 2 * ez) : ez / (ez + 2);
        const p1 = z >= 0 ? ez / (1 + 2 * ez) : 1 / (ez + 2);
        const p = [p0, p1, p1];
        // 1 − p0 without cancellation.
        const q0 = z >= 0 ? (2 * ez) / (1 + 2 * ez) : 2 / (ez + 2);
        // lse = log(e^z + 2) = z + log1p(2e^{−z}) for z ≥ 0, log 2 + log1p(e^z/2) for z < 0; ℓ = lse − f_label.
        const lse = z >= 0 ? z + log1pExact(2 * ez) : Math.log(2) + log1pExact(ez / 2);
        const exactValue = label === 0 ? (z >= 0 ? log1pExact(2 * ez) : lse - z) : lse;
        expect(rel(net.value(x), exactValue)).toBeLessThan(1e-15);
        if (z === 40 && label === 0) expect(net.value(x)).toBeGreaterThan(8e-18); // 2e^{−40} = 8.5e-18, 0 before the fix
        // ∂ℓ/∂f_j = p_j − t_j; at the label with p ≈ 1 that is −(1 − p).
        const g = net.gradient(x);
        for (let j = 0; j < 3; j++) {
          const want = j === label ? (j === 0 ? -q0 : p1 - 1) : (p[j] as number);
          expect(rel(g[j] as number, want)).toBeLessThan(1e-15);
          expect(g[3 + j]).toBe(g[j]); // the bias gets the same derivative (feature 1)
        }
        // HVP along e₀ (W₀): (diag p − p pᵀ) e₀ = p₀ (e₀ − p), first entry p₀ (1 − p₀).
        const v = Float64Array.of(1, 0, 0, 0, 0, 0);
        const hv = net.hvp(x, v);
        expect(rel(hv[0] as number, p0 * q0)).toBeLessThan(1e-15);
        expect(rel(hv[1] as number, -p0 * p1)).toBeLessThan(1e-15);
        // Differences along W₀ resolve the derivatives where f₀ is the confident label (elsewhere ∂ℓ/∂f₀ ≈ e^{−30} sits below the differences of ℓ ≈ log 2).
        if (label === 0 && z > 0 && z <= 40) {
          const d = 1e-3;
          const xp = Float64Array.from(x);
          const xm = Float64Array.from(x);
          xp[0] = z + d;
          xm[0] = z - d;
          const fd = (net.value(xp) - net.value(xm)) / (2 * d);
          expect(rel(fd, g[0] as number)).toBeLessThan(1e-6);
          const fd2 = ((net.gradient(xp)[0] as number) - (net.gradient(xm)[0] as number)) / (2 * d);
          expect(rel(fd2, hv[0] as number)).toBeLessThan(1e-6);
        }
      });
    }
  }
});
