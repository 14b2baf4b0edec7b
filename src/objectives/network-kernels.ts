/**
 * Per-sample kernels of a fully connected network: losses, batch gradients by back-propagation,
 * and exact batch Hessian-vector products by Pearlmutter's R-operator (forward-over-reverse).
 *
 * The network: a₀ = x, z_l = W_l a_{l−1} + b_l, a_l = σ(z_l) for l < L, output f = z_L (no
 * activation on the last layer). Losses on the output: 'mse' ℓ = ½ ‖f − y‖², 'cross-entropy'
 * ℓ = Σ_k t_k (logsumexp(f) − f_k) (softmax cross-entropy against the target distribution t).
 *
 * Every pass (losses, outputs, gradients, HVPs) processes samples in chunks of at most
 * {@link GEMM_CHUNK} rows, each layer's matrix work a few products of core/gemm-kernels.ts
 * (WebAssembly SIMD with θ, v, the sum and every tensor of the chunk, its R-duals included,
 * resident in one WebAssembly memory, or the JavaScript loop with the same bits). With SIMD, the
 * element-wise passes run in the same memory too (simd-kernels.wat's mlp block: tanh with σ' and
 * σ'' as core/elementary's tanh computes it, bias adds, bias sums, the products by σ' and the
 * R-operator's step through σ), each giving the bits of its JavaScript loop; gelu, relu, leaky
 * relu and linear in SIMD too (gelu's tanh as tanh's). One workspace, sized once for one chunk,
 * serves every pass: no allocation per call.
 *
 * @module
 */
import type { Activation } from './activations';
import type { SampleKernels } from './finite-sum';
import type { NetworkLayout } from './network-layout';
import { exp, log1p } from '../core/elementary/index';
import { createGemm, type Gemm } from '../core/gemm-kernels';
import { EXP_TABLE } from '../core/elementary/tables';
import { createSimdHeap, type SimdHeap, type SimdKernels } from '../core/simd-heap';

/**
 * The element-wise kernels of simd-kernels.wat's mlp block (pointers are byte offsets into the
 * heap, lengths count doubles), each giving the bits of the JavaScript loop it replaces. @internal
 */
export interface NetworkSimdKernels extends SimdKernels {
  /** a ← tanh z, d1 ← 1 − a², d2 ← −2a·d1 (skipped when d2 = 0); xt: EXP_TABLE in the heap. */
  mlpTanh(z: number, len: number, a: number, d1: number, d2: number, xt: number): void;
  /** gelu's a, d1, d2 (as activations.ts's evaluate), len even. */
  mlpGelu(z: number, len: number, a: number, d1: number, d2: number, xt: number): void;
  /** relu (kind 0), leaky relu with slope α (1), linear (2): a, d1 and d2 (zeros) as activations.ts's evaluate. */
  mlpPiecewise(z: number, len: number, a: number, d1: number, d2: number, alpha: number, kind: number): void;
  /** z[c·n + o] += b[o], c < rows, o < n. */
  mlpAddBias(z: number, rows: number, n: number, b: number): void;
  /** out ← x ⊙ y. */
  mlpMul(x: number, y: number, out: number, len: number): void;
  /** g = dp[half + i]: dp[half + i] ← s1·g, dp[i] ← s1·dp[i] (+ (s2·rz)·g when curved), i < half. */
  mlpRBack(dp: number, half: number, s1: number, s2: number, rz: number, curved: number): void;
  /** g[o] += Σ_c D[c·n + o] (summed from 0 in row order), o < n. */
  mlpBiasSum(d: number, rows: number, n: number, g: number): void;
}

/** Rows per chunk of the losses, outputs, gradients and Hessian-vector products. */
const GEMM_CHUNK = 256;

/** The loss applied to the network's output. */
export type NetworkLoss = 'mse' | 'cross-entropy';

/**
 * Kernels for a network with the given layout on N samples (features X, N×n₀; targets T, N×n_L,
 * for cross-entropy rows of a probability distribution). Gradient ≈ 3 and HVP ≈ 8 layer
 * products per chunk (forward 1; gradient: back-propagation 2; HVP: R-forward 2, δ chain 1,
 * R-backward 4): an HVP costs 8/3 ≈ 2.7 gradients in arithmetic, 2–2.4 in measured time.
 * @internal
 */
export function networkKernels(
  layout: NetworkLayout,
  act: Activation,
  loss: NetworkLoss,
  X: Float64Array,
  T: Float64Array,
  N: number,
): SampleKernels & { outputs(x: Float64Array, batch: Uint32Array, out: Float64Array): void } {
  const { widths, depth: L, weightOffset, biasOffset, dim } = layout;
  const n0 = widths[0] as number;
  const k = widths[L] as number;
  const curved = !act.piecewiseLinear;
  const CG = Math.min(GEMM_CHUNK, N);
  let maxWidth = 1;
  for (const w of widths) maxWidth = Math.max(maxWidth, w);
  // The largest K of a product: a width (NT, NN) or the 2·CG stacked rows of the HVP's TN.
  const maxK = Math.max(maxWidth, 2 * CG);

  // One workspace for every pass, in one WebAssembly memory when SIMD is available (θ, v and the
  // sum copied in once a call; every tensor of a chunk resident there for the whole pass), else
  // JavaScript arrays with θ, v and `out` used in place: the products and element-wise loops are
  // the same, so the two give the same bits. Per layer l, for a chunk of r ≤ CG rows, stacked:
  //   AR[l] = [A_l; R(A_l)] (l < L),  ZR[l] = [Z_l; R(Z_l)],  DR[l] = [R(δ_l); δ_l] (l ≥ 1),
  //   S1[l] = σ'(Z_l), S2[l] = σ''(Z_l) (hidden layers; S2 only when σ'' ≠ 0),
  // each r·n_l rows after the other, so that one product serves both halves (see hvpSum).
  // Gradients, losses and outputs use the first halves (A, Z, and δ in DR's first half).
  const even = (n: number): number => 2 * Math.ceil(n / 2);
  let heapDoubles = 3 * even(dim) + even(4 * maxK) + even(2 * CG * maxWidth) + EXP_TABLE.length;
  for (let l = 0; l <= L; l++) {
    const size = CG * (widths[l] as number);
    const hidden = l > 0 && l < L;
    heapDoubles += (l < L ? 1 : 0) * even(2 * size) + (l > 0 ? 2 : 0) * even(2 * size) + (hidden ? (curved ? 2 : 1) : 0) * even(size);
  }
  const heap: SimdHeap | undefined = createSimdHeap(heapDoubles);
  const gemm: Gemm = createGemm(heap, maxK, 2 * CG * maxWidth);
  const take = (n: number): Float64Array => heap?.alloc(n) ?? new Float64Array(n);
  // The element-wise kernels (undefined: the JavaScript loops), and exp's table for tanh's.
  const simd = heap?.kernels as NetworkSimdKernels | undefined;
  const xtPtr = heap === undefined ? 0 : take(EXP_TABLE.length).byteOffset;
  if (heap !== undefined) new Float64Array(heap.buffer, xtPtr, EXP_TABLE.length).set(EXP_TABLE);
  const simdTanh = simd !== undefined && act.name === 'tanh';
  const simdGelu = simd !== undefined && act.name === 'gelu';
  // relu 0, leaky relu 1 (slope α = σ'(−1), as evaluate uses it), linear 2; −1: none of them.
  const piecewiseKind = act.name === 'relu' ? 0 : act.name === 'leaky-relu' ? 1 : act.name === 'linear' ? 2 : -1;
  const alpha = act.name === 'leaky-relu' ? act.derivative(-1) : 0;
  const [one, oneA, oneD1, oneD2] = [new Float64Array(1), new Float64Array(1), new Float64Array(1), new Float64Array(1)];
  /** Byte offset of x[off] in the heap. */
  const at = (x: Float64Array, off: number): number => x.byteOffset + 8 * off;
  const empty = new Float64Array(0);
  const theta = heap === undefined ? empty : take(dim);
  const dir = heap === undefined ? empty : take(dim);
  const sum = heap === undefined ? empty : take(dim);
  const AR: Float64Array[] = [];
  const ZR: Float64Array[] = [];
  const DR: Float64Array[] = [];
  const S1: Float64Array[] = [];
  const S2: Float64Array[] = [];
  for (let l = 0; l <= L; l++) {
    const size = CG * (widths[l] as number);
    const hidden = l > 0 && l < L;
    AR.push(l < L ? take(2 * size) : empty);
    ZR.push(l > 0 ? take(2 * size) : empty);
    DR.push(l > 0 ? take(2 * size) : empty);
    S1.push(hidden ? take(size) : empty);
    S2.push(hidden && curved ? take(size) : empty);
  }
  const probs = new Float64Array(k);
  const biasAcc = new Float64Array(maxWidth);
  // A vector as the kernels read it: the heap's copy `into`, or x itself.
  const resident = (x: Float64Array, into: Float64Array): Float64Array => {
    if (heap === undefined) return x;
    into.set(x);
    return into;
  };

  // A_0 ← the chunk's inputs X[batch[start + c]].
  const loadChunk = (batch: Uint32Array, start: number, rows: number): void => {
    const A0 = AR[0] as Float64Array;
    for (let c = 0; c < rows; c++) {
      const src = (batch[start + c] as number) * n0;
      const dst = c * n0;
      for (let i = 0; i < n0; i++) A0[dst + i] = X[src + i] as number;
    }
  };
  // Z[off + c·n + o] += b[bo + o] for c < rows.
  const addBias = (Z: Float64Array, off: number, b: Float64Array, bo: number, rows: number, n: number): void => {
    if (simd !== undefined) {
      simd.mlpAddBias(at(Z, off), rows, n, at(b, bo));
      return;
    }
    for (let c = 0; c < rows; c++) {
      const r = off + c * n;
      for (let o = 0; o < n; o++) Z[r + o] = (Z[r + o] as number) + (b[bo + o] as number);
    }
  };
  // a ← σ(z), d1 ← σ'(z), d2 ← σ''(z) (when given) for the first n entries: tanh in SIMD (the bits of act.evaluate).
  const activate = (z: Float64Array, n: number, a: Float64Array, d1: Float64Array, d2: Float64Array | null): void => {
    if (simdTanh) simd.mlpTanh(at(z, 0), n, at(a, 0), at(d1, 0), d2 === null ? 0 : at(d2, 0), xtPtr);
    else if (simdGelu) {
      // Pairs in SIMD; an odd last element by act.evaluate itself (through one-element scratch).
      const m = n - (n & 1);
      simd.mlpGelu(at(z, 0), m, at(a, 0), at(d1, 0), d2 === null ? 0 : at(d2, 0), xtPtr);
      if (m < n) {
        one[0] = z[m] as number;
        act.evaluate(one, 1, oneA, oneD1, d2 === null ? null : oneD2);
        a[m] = oneA[0] as number;
        d1[m] = oneD1[0] as number;
        if (d2 !== null) d2[m] = oneD2[0] as number;
      }
    } else if (piecewiseKind >= 0 && simd !== undefined) {
      simd.mlpPiecewise(at(z, 0), n, at(a, 0), at(d1, 0), d2 === null ? 0 : at(d2, 0), alpha, piecewiseKind);
    } else act.evaluate(z, n, a, d1, d2);
  };
  // out[i] ← x[i]·y[i], i < n.
  const mul = (x: Float64Array, y: Float64Array, yOff: number, out: Float64Array, outOff: number, n: number): void => {
    if (simd !== undefined) {
      simd.mlpMul(at(x, 0), at(y, yOff), at(out, outOff), n);
      return;
    }
    for (let i = 0; i < n; i++) out[outOff + i] = (x[i] as number) * (y[yOff + i] as number);
  };
  // Z_l = A_{l−1} W_lᵀ + b_l (one NT product a layer), A_l = σ(Z_l), S1_l = σ'(Z_l) (and S2_l = σ'').
  const forward = (w: Float64Array, rows: number, second: boolean): void => {
    for (let l = 1; l <= L; l++) {
      const nin = widths[l - 1] as number;
      const nout = widths[l] as number;
      const z = ZR[l] as Float64Array;
      gemm('NT', rows, nout, nin, AR[l - 1] as Float64Array, 0, w, weightOffset[l - 1] as number, z, 0, nout, false);
      const bo = biasOffset[l - 1] as number;
      if (bo >= 0) addBias(z, 0, w, bo, rows, nout);
      if (l < L) activate(z, rows * nout, AR[l] as Float64Array, S1[l] as Float64Array, second ? (S2[l] as Float64Array) : null);
    }
  };

  // The loss layer of a chunk: ℓ of row c into out[outStart + c] (when out is given), δ_L into
  // DR[L] at dOff (when dOff ≥ 0) and R(δ_L) into DR[L] at 0 from R(Z_L) at ZR[L][rows·k] (withR).
  const outputLayer = (batch: Uint32Array, start: number, rows: number, dOff: number, withR: boolean, out: Float64Array | null): void => {
    const z = ZR[L] as Float64Array;
    const dl = DR[L] as Float64Array;
    const rzOff = rows * k;
    const withDelta = dOff >= 0;
    for (let c = 0; c < rows; c++) {
      const tr = (batch[start + c] as number) * k;
      const zr = c * k;
      const dr = dOff + zr;
      if (loss === 'mse') {
        let s = 0;
        for (let j = 0; j < k; j++) {
          const e = (z[zr + j] as number) - (T[tr + j] as number);
          s += e * e;
          if (withDelta) dl[dr + j] = e;
          if (withR) dl[zr + j] = z[rzOff + zr + j] as number;
        }
        if (out !== null) out[start + c] = 0.5 * s;
      } else {
        // Stable softmax cross-entropy: with j* the largest logit m, r = Σ_{j≠j*} e^{z_j − m} is summed
        // without the 1 of j*, so lse − z_j = (m − z_j) + log1p(r) keeps every digit of a confident
        // sample (lse − z_{j*} = log1p(e^{−40}) = 4.25e-18, where m + log(1 + r) − m gives 0).
        let jm = 0;
        let m = -Infinity;
        for (let j = 0; j < k; j++) {
          const zj = z[zr + j] as number;
          if (zj > m) {
            m = zj;
            jm = j;
          }
        }
        let r = 0;
        for (let j = 0; j < k; j++) {
          const e = j === jm ? 1 : exp((z[zr + j] as number) - m);
          probs[j] = e;
          if (j !== jm) r += e;
        }
        const l1p = log1p(r);
        const s = 1 + r;
        let value = 0;
        let tsum = 0;
        let tOther = 0;
        // R(∂ℓ/∂z)_j needs Rz_j − p·Rz = (Rz_j − Rz_{j*}) − Σ_{i≠j*} pᵢ (Rzᵢ − Rz_{j*}): no cancellation at p_{j*} ≈ 1.
        const rz = rzOff + zr;
        const rzm = withR ? (z[rz + jm] as number) : 0;
        let pr = 0;
        for (let j = 0; j < k; j++) {
          const t = T[tr + j] as number;
          const pj = (probs[j] as number) / s;
          probs[j] = pj;
          value += t * (m - (z[zr + j] as number) + l1p);
          tsum += t;
          if (j !== jm) {
            tOther += t;
            if (withR) pr += pj * ((z[rz + j] as number) - rzm);
          }
        }
        if (out !== null) out[start + c] = value;
        // ∂ℓ/∂z_j = (Σt) p_j − t_j, at j* written (Σ_{i≠j*} tᵢ) − (Σt)(1 − p_{j*}) with 1 − p_{j*} = r/(1 + r);
        // R(∂ℓ/∂z) = (Σt) p ⊙ (Rz − p·Rz).
        if (withDelta) {
          for (let j = 0; j < k; j++) dl[dr + j] = j === jm ? tOther - tsum * (r / s) : tsum * (probs[j] as number) - (T[tr + j] as number);
        }
        if (withR) for (let j = 0; j < k; j++) dl[zr + j] = tsum * (probs[j] as number) * ((z[rz + j] as number) - rzm - pr);
      }
    }
  };
  // G[wo + o·nin + i] += Σ_{c<K} D[c, o] A[c, i] (D: K×nout, A: K×nin): δᵀ A, the TN product (the
  // kernel packs D's columns in blocks of four, so the stride of nout doubles costs only the packing).
  const weightGradient = (D: Float64Array, K: number, nout: number, nin: number, A: Float64Array, G: Float64Array, wo: number): void => {
    gemm('TN', nout, nin, K, D, 0, A, 0, G, wo, nin, true);
  };
  // g[bo + o] += Σ_c D[off + c·n + o], each sum from 0 in the order c = 0, 1, … (rows of D in turn).
  const biasSum = (D: Float64Array, off: number, rows: number, n: number, g: Float64Array, bo: number): void => {
    if (simd !== undefined) {
      simd.mlpBiasSum(at(D, off), rows, n, at(g, bo));
      return;
    }
    const acc = biasAcc;
    acc.fill(0, 0, n);
    for (let c = 0; c < rows; c++) {
      const r = off + c * n;
      for (let o = 0; o < n; o++) acc[o] = (acc[o] as number) + (D[r + o] as number);
    }
    for (let o = 0; o < n; o++) g[bo + o] = (g[bo + o] as number) + (acc[o] as number);
  };

  // out += Σ ∇ℓₙ by back-propagation; with `losses`, also losses[k] ← ℓ_{batch[k]} from the same
  // forward pass (the bits `losses` gives: the same forward and output-layer arithmetic). Per layer
  // and chunk: ∂W_l += δ_lᵀ A_{l−1} (TN), ∂b_l += Σ_c δ_l[c], δ_{l−1} = σ'(Z_{l−1}) ⊙ δ_l W_l (NN).
  const backprop = (x: Float64Array, batch: Uint32Array, out: Float64Array, losses: Float64Array | null): void => {
    const w = resident(x, theta);
    const g = resident(out, sum);
    for (let start = 0; start < batch.length; start += CG) {
      const rows = Math.min(CG, batch.length - start);
      loadChunk(batch, start, rows);
      forward(w, rows, false);
      outputLayer(batch, start, rows, 0, false, losses);
      for (let l = L; l >= 1; l--) {
        const nin = widths[l - 1] as number;
        const nout = widths[l] as number;
        const wo = weightOffset[l - 1] as number;
        const bo = biasOffset[l - 1] as number;
        const dl = DR[l] as Float64Array;
        weightGradient(dl, rows, nout, nin, AR[l - 1] as Float64Array, g, wo);
        if (bo >= 0) biasSum(dl, 0, rows, nout, g, bo);
        if (l > 1) {
          const dp = DR[l - 1] as Float64Array;
          gemm('NN', rows, nin, nout, dl, 0, w, wo, dp, 0, nin, false);
          mul(dp, S1[l - 1] as Float64Array, 0, dp, 0, rows * nin);
        }
      }
    }
    if (heap !== undefined) out.set(sum);
  };

  // out += Σ ∇²ℓₙ v by Pearlmutter's R-operator, R{·} = d/dε at θ + εv, per chunk of r rows:
  //   forward  [Z_l; W_l R(A_{l−1})] = [A_{l−1}; R(A_{l−1})] W_lᵀ (one NT product of 2r rows; r at l = 1),
  //            R(Z_l) += A_{l−1} V_lᵀ + c_l,  A_l = σ(Z_l),  R(A_l) = σ'(Z_l) ⊙ R(Z_l);
  //   loss     δ_L = ∂ℓ/∂Z_L, R(δ_L) = ∂²ℓ/∂Z_L² · R(Z_L);
  //   backward R(∂W_l) += [R(δ_l); δ_l]ᵀ [A_{l−1}; R(A_{l−1})] (one TN product, K = 2r; r at l = 1),
  //            R(∂b_l) += Σ_c R(δ_l)[c],
  //            [R(G); G] = [R(δ_l); δ_l] W_l (one NN product of 2r rows),  R(G) += δ_l V_l,
  //            δ_{l−1} = σ' ⊙ G,  R(δ_{l−1}) = σ' ⊙ R(G) + σ'' ⊙ R(Z_{l−1}) ⊙ G.
  // 8 products of a layer's size (3 at l = 1) against the gradient's 3 (2 at l = 1).
  const hvp = (x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array): void => {
    const w = resident(x, theta);
    const u = resident(v, dir);
    const g = resident(out, sum);
    for (let start = 0; start < batch.length; start += CG) {
      const rows = Math.min(CG, batch.length - start);
      loadChunk(batch, start, rows);
      for (let l = 1; l <= L; l++) {
        const nin = widths[l - 1] as number;
        const nout = widths[l] as number;
        const wo = weightOffset[l - 1] as number;
        const bo = biasOffset[l - 1] as number;
        const a = AR[l - 1] as Float64Array;
        const z = ZR[l] as Float64Array;
        const half = rows * nout;
        gemm('NT', l === 1 ? rows : 2 * rows, nout, nin, a, 0, w, wo, z, 0, nout, false);
        gemm('NT', rows, nout, nin, a, 0, u, wo, z, half, nout, l > 1);
        if (bo >= 0) {
          addBias(z, 0, w, bo, rows, nout);
          addBias(z, half, u, bo, rows, nout);
        }
        if (l < L) {
          const ar = AR[l] as Float64Array;
          const s1 = S1[l] as Float64Array;
          activate(z, half, ar, s1, curved ? (S2[l] as Float64Array) : null);
          mul(s1, z, half, ar, half, half);
        }
      }
      outputLayer(batch, start, rows, rows * k, true, null);
      for (let l = L; l >= 1; l--) {
        const nin = widths[l - 1] as number;
        const nout = widths[l] as number;
        const wo = weightOffset[l - 1] as number;
        const bo = biasOffset[l - 1] as number;
        const dl = DR[l] as Float64Array;
        weightGradient(dl, l === 1 ? rows : 2 * rows, nout, nin, AR[l - 1] as Float64Array, g, wo);
        if (bo >= 0) biasSum(dl, 0, rows, nout, g, bo);
        if (l > 1) {
          const dp = DR[l - 1] as Float64Array;
          const half = rows * nin;
          gemm('NN', 2 * rows, nin, nout, dl, 0, w, wo, dp, 0, nin, false);
          gemm('NN', rows, nin, nout, dl, rows * nout, u, wo, dp, 0, nin, true);
          const s1 = S1[l - 1] as Float64Array;
          const s2 = S2[l - 1] as Float64Array;
          const rz = ZR[l - 1] as Float64Array;
          if (simd !== undefined) simd.mlpRBack(at(dp, 0), half, at(s1, 0), curved ? at(s2, 0) : 0, at(rz, half), curved ? 1 : 0);
          else {
            for (let i = 0; i < half; i++) {
              const gi = dp[half + i] as number;
              const si = s1[i] as number;
              dp[half + i] = si * gi;
              dp[i] = curved ? si * (dp[i] as number) + (s2[i] as number) * (rz[half + i] as number) * gi : si * (dp[i] as number);
            }
          }
        }
      }
    }
    if (heap !== undefined) out.set(sum);
  };

  return {
    dim,
    size: N,
    /** out[k·n_L + j] ← f(x_{batch[k]})_j: the network's outputs (before the loss), as `losses` evaluates them. */
    outputs(x, batch, out) {
      const w = resident(x, theta);
      for (let start = 0; start < batch.length; start += CG) {
        const rows = Math.min(CG, batch.length - start);
        loadChunk(batch, start, rows);
        forward(w, rows, false);
        const z = ZR[L] as Float64Array;
        for (let i = 0; i < rows * k; i++) out[start * k + i] = z[i] as number;
      }
    },
    losses(x, batch, out) {
      const w = resident(x, theta);
      for (let start = 0; start < batch.length; start += CG) {
        const rows = Math.min(CG, batch.length - start);
        loadChunk(batch, start, rows);
        forward(w, rows, false);
        outputLayer(batch, start, rows, -1, false, out);
      }
    },
    gradSum(x, batch, out) {
      backprop(x, batch, out, null);
    },
    lossGradSum(x, batch, losses, out) {
      backprop(x, batch, out, losses);
    },
    hvpSum: hvp,
  };
}
