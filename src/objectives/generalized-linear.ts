/**
 * Per-sample kernels of a generalised linear model ℓₙ(θ) = φ(zₙ, yₙ) with zₙ = xₙ·w (+ b), shared
 * by linear and logistic regression: ∇ℓₙ = φ'(zₙ) x̃ₙ and ∇²ℓₙ = φ''(zₙ) x̃ₙ x̃ₙᵀ, where x̃ₙ = xₙ
 * (or (xₙ, 1) with an intercept b, stored last in θ).
 *
 * @module
 */
import type { SampleKernels } from './finite-sum';

/** The scalar link loss φ(z, y) and its first two derivatives in z. @internal */
export interface LinkLoss {
  value(z: number, y: number): number;
  d1(z: number, y: number): number;
  d2(z: number, y: number): number;
}

/**
 * Kernels for ℓₙ(θ) = φ(x̃ₙ·θ, yₙ). `X` is N×p row-major; with `intercept` the dimension is p + 1.
 * Each kernel costs O(|batch|·p) (`lossGradSum`: one margin per sample for both); the Hessian sum
 * O(|batch|·p²).
 * @internal
 */
export function glmKernels(X: Float64Array, N: number, p: number, y: Float64Array, intercept: boolean, phi: LinkLoss): SampleKernels {
  const d = intercept ? p + 1 : p;
  const margin = (x: Float64Array, n: number): number => {
    const row = n * p;
    let s = intercept ? (x[p] as number) : 0;
    for (let i = 0; i < p; i++) s += (X[row + i] as number) * (x[i] as number);
    return s;
  };
  const addRow = (a: number, n: number, out: Float64Array): void => {
    const row = n * p;
    for (let i = 0; i < p; i++) out[i] = (out[i] as number) + a * (X[row + i] as number);
    if (intercept) out[p] = (out[p] as number) + a;
  };
  return {
    dim: d,
    size: N,
    losses(x, batch, out) {
      for (let k = 0; k < batch.length; k++) {
        const n = batch[k] as number;
        out[k] = phi.value(margin(x, n), y[n] as number);
      }
    },
    gradSum(x, batch, out) {
      for (let k = 0; k < batch.length; k++) {
        const n = batch[k] as number;
        addRow(phi.d1(margin(x, n), y[n] as number), n, out);
      }
    },
    lossGradSum(x, batch, losses, out) {
      for (let k = 0; k < batch.length; k++) {
        const n = batch[k] as number;
        const z = margin(x, n);
        const yn = y[n] as number;
        losses[k] = phi.value(z, yn);
        addRow(phi.d1(z, yn), n, out);
      }
    },
    hvpSum(x, batch, v, out) {
      for (let k = 0; k < batch.length; k++) {
        const n = batch[k] as number;
        const c = phi.d2(margin(x, n), y[n] as number);
        if (c === 0) continue;
        addRow(c * margin(v, n), n, out);
      }
    },
    hessianSum(x, batch, out) {
      for (let k = 0; k < batch.length; k++) {
        const n = batch[k] as number;
        const c = phi.d2(margin(x, n), y[n] as number);
        if (c === 0) continue;
        const row = n * p;
        for (let i = 0; i < d; i++) {
          const xi = i < p ? (X[row + i] as number) : 1;
          const ci = c * xi;
          const hr = i * d;
          // Upper triangle only; mirrored below.
          for (let j = i; j < d; j++) {
            const xj = j < p ? (X[row + j] as number) : 1;
            out[hr + j] = (out[hr + j] as number) + ci * xj;
          }
        }
      }
      for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) out[i * d + j] = out[j * d + i] as number;
    },
  };
}
