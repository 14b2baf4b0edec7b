/**
 * The networks' Hessian-vector product as the library computed it before it moved onto the GEMM
 * (Pearlmutter's R-operator in plain JavaScript loops, chunks of 64 rows): kept verbatim as a
 * reference, so that test/objectives/network-hvp.test.ts can check the GEMM R-operator against it
 * to rounding. Test-only.
 *
 * @module
 */
import type { Activation } from '../../src/objectives/activations';
import type { NetworkLayout } from '../../src/objectives/network-layout';
import type { NetworkLoss } from '../../src/objectives/network-kernels';
import { exp, log1p } from '../../src/core/elementary/index';

const CHUNK = 64;
function forwardLayer(
  W: Float64Array,
  wo: number,
  bo: number,
  A: Float64Array,
  V: Float64Array | null,
  B: Float64Array | null,
  nin: number,
  nout: number,
  rows: number,
  Z: Float64Array,
): void {
  let c = 0;
  // Two samples × four outputs at a time: 6 loads serve 8 multiply-adds.
  for (; c + 1 < rows; c += 2) {
    const a0 = c * nin;
    const a1 = a0 + nin;
    const z0 = c * nout;
    const z1 = z0 + nout;
    let o = 0;
    for (; o + 3 < nout; o += 4) {
      const w0 = wo + o * nin;
      const w1 = w0 + nin;
      const w2 = w1 + nin;
      const w3 = w2 + nin;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let i = 0; i < nin; i++) {
        const x0 = A[a0 + i] as number;
        const x1 = A[a1 + i] as number;
        const u0 = W[w0 + i] as number;
        const u1 = W[w1 + i] as number;
        const u2 = W[w2 + i] as number;
        const u3 = W[w3 + i] as number;
        s00 += u0 * x0;
        s01 += u1 * x0;
        s02 += u2 * x0;
        s03 += u3 * x0;
        s10 += u0 * x1;
        s11 += u1 * x1;
        s12 += u2 * x1;
        s13 += u3 * x1;
      }
      if (V !== null && B !== null) {
        for (let i = 0; i < nin; i++) {
          const x0 = B[a0 + i] as number;
          const x1 = B[a1 + i] as number;
          const u0 = V[w0 + i] as number;
          const u1 = V[w1 + i] as number;
          const u2 = V[w2 + i] as number;
          const u3 = V[w3 + i] as number;
          s00 += u0 * x0;
          s01 += u1 * x0;
          s02 += u2 * x0;
          s03 += u3 * x0;
          s10 += u0 * x1;
          s11 += u1 * x1;
          s12 += u2 * x1;
          s13 += u3 * x1;
        }
      }
      const b0 = bo >= 0 ? (W[bo + o] as number) : 0;
      const b1 = bo >= 0 ? (W[bo + o + 1] as number) : 0;
      const b2 = bo >= 0 ? (W[bo + o + 2] as number) : 0;
      const b3 = bo >= 0 ? (W[bo + o + 3] as number) : 0;
      Z[z0 + o] = s00 + b0;
      Z[z0 + o + 1] = s01 + b1;
      Z[z0 + o + 2] = s02 + b2;
      Z[z0 + o + 3] = s03 + b3;
      Z[z1 + o] = s10 + b0;
      Z[z1 + o + 1] = s11 + b1;
      Z[z1 + o + 2] = s12 + b2;
      Z[z1 + o + 3] = s13 + b3;
    }
    for (; o < nout; o++) {
      const w0 = wo + o * nin;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < nin; i++) {
        const u = W[w0 + i] as number;
        s0 += u * (A[a0 + i] as number);
        s1 += u * (A[a1 + i] as number);
      }
      if (V !== null && B !== null) {
        for (let i = 0; i < nin; i++) {
          const u = V[w0 + i] as number;
          s0 += u * (B[a0 + i] as number);
          s1 += u * (B[a1 + i] as number);
        }
      }
      const b = bo >= 0 ? (W[bo + o] as number) : 0;
      Z[z0 + o] = s0 + b;
      Z[z1 + o] = s1 + b;
    }
  }
  // The last sample when rows is odd: four outputs at a time.
  for (; c < rows; c++) {
    const ar = c * nin;
    const zr = c * nout;
    let o = 0;
    for (; o + 3 < nout; o += 4) {
      const w0 = wo + o * nin;
      const w1 = w0 + nin;
      const w2 = w1 + nin;
      const w3 = w2 + nin;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < nin; i++) {
        const a = A[ar + i] as number;
        s0 += (W[w0 + i] as number) * a;
        s1 += (W[w1 + i] as number) * a;
        s2 += (W[w2 + i] as number) * a;
        s3 += (W[w3 + i] as number) * a;
      }
      if (V !== null && B !== null) {
        for (let i = 0; i < nin; i++) {
          const b = B[ar + i] as number;
          s0 += (V[w0 + i] as number) * b;
          s1 += (V[w1 + i] as number) * b;
          s2 += (V[w2 + i] as number) * b;
          s3 += (V[w3 + i] as number) * b;
        }
      }
      if (bo >= 0) {
        s0 += W[bo + o] as number;
        s1 += W[bo + o + 1] as number;
        s2 += W[bo + o + 2] as number;
        s3 += W[bo + o + 3] as number;
      }
      Z[zr + o] = s0;
      Z[zr + o + 1] = s1;
      Z[zr + o + 2] = s2;
      Z[zr + o + 3] = s3;
    }
    for (; o < nout; o++) {
      const w0 = wo + o * nin;
      let s = 0;
      for (let i = 0; i < nin; i++) s += (W[w0 + i] as number) * (A[ar + i] as number);
      if (V !== null && B !== null) for (let i = 0; i < nin; i++) s += (V[w0 + i] as number) * (B[ar + i] as number);
      if (bo >= 0) s += W[bo + o] as number;
      Z[zr + o] = s;
    }
  }
}

// G[wo + o·nin + i] += Σ_c D[c, o] A[c, i] (+ E[c, o] B[c, i]); G[bo + o] += Σ_c D[c, o].
function weightGradient(
  D: Float64Array,
  A: Float64Array,
  E: Float64Array | null,
  B: Float64Array | null,
  nin: number,
  nout: number,
  rows: number,
  G: Float64Array,
  wo: number,
  bo: number,
): void {
  for (let o = 0; o < nout; o++) {
    const gr = wo + o * nin;
    let c = 0;
    // Two samples at a time: each load/store of G serves two rank-one updates.
    for (; c + 1 < rows; c += 2) {
      const d0 = D[c * nout + o] as number;
      const d1 = D[(c + 1) * nout + o] as number;
      const a0 = c * nin;
      const a1 = a0 + nin;
      if (E !== null && B !== null) {
        const e0 = E[c * nout + o] as number;
        const e1 = E[(c + 1) * nout + o] as number;
        for (let i = 0; i < nin; i++) {
          G[gr + i] = (G[gr + i] as number) + d0 * (A[a0 + i] as number) + d1 * (A[a1 + i] as number) + e0 * (B[a0 + i] as number) + e1 * (B[a1 + i] as number);
        }
      } else if (c + 3 < rows) {
        // Four samples: 6 memory operations serve 4 multiply-adds.
        const d2 = D[(c + 2) * nout + o] as number;
        const d3 = D[(c + 3) * nout + o] as number;
        const a2 = a1 + nin;
        const a3 = a2 + nin;
        for (let i = 0; i < nin; i++) {
          G[gr + i] = (G[gr + i] as number) + d0 * (A[a0 + i] as number) + d1 * (A[a1 + i] as number) + d2 * (A[a2 + i] as number) + d3 * (A[a3 + i] as number);
        }
        if (bo >= 0) G[bo + o] = (G[bo + o] as number) + d2 + d3;
        c += 2;
      } else {
        for (let i = 0; i < nin; i++) G[gr + i] = (G[gr + i] as number) + d0 * (A[a0 + i] as number) + d1 * (A[a1 + i] as number);
      }
      if (bo >= 0) G[bo + o] = (G[bo + o] as number) + d0 + d1;
    }
    for (; c < rows; c++) {
      const d0 = D[c * nout + o] as number;
      const a0 = c * nin;
      if (E !== null && B !== null) {
        const e0 = E[c * nout + o] as number;
        for (let i = 0; i < nin; i++) G[gr + i] = (G[gr + i] as number) + d0 * (A[a0 + i] as number) + e0 * (B[a0 + i] as number);
      } else {
        for (let i = 0; i < nin; i++) G[gr + i] = (G[gr + i] as number) + d0 * (A[a0 + i] as number);
      }
      if (bo >= 0) G[bo + o] = (G[bo + o] as number) + d0;
    }
  }
}

// The HVP's two back-propagations in one pass over W and V:
// G[c, i] = Σ_o D[c, o] W[o, i],  RG[c, i] = Σ_o E[c, o] W[o, i] + D[c, o] V[o, i].
function backwardPair(
  W: Float64Array,
  V: Float64Array,
  wo: number,
  D: Float64Array,
  E: Float64Array,
  nin: number,
  nout: number,
  rows: number,
  G: Float64Array,
  RG: Float64Array,
): void {
  for (let c = 0; c < rows; c++) {
    const r = c * nin;
    G.fill(0, r, r + nin);
    RG.fill(0, r, r + nin);
    const dr = c * nout;
    let o = 0;
    for (; o + 1 < nout; o += 2) {
      const d0 = D[dr + o] as number;
      const d1 = D[dr + o + 1] as number;
      const e0 = E[dr + o] as number;
      const e1 = E[dr + o + 1] as number;
      const w0 = wo + o * nin;
      const w1 = w0 + nin;
      for (let i = 0; i < nin; i++) {
        const a0 = W[w0 + i] as number;
        const a1 = W[w1 + i] as number;
        G[r + i] = (G[r + i] as number) + d0 * a0 + d1 * a1;
        RG[r + i] = (RG[r + i] as number) + e0 * a0 + e1 * a1 + d0 * (V[w0 + i] as number) + d1 * (V[w1 + i] as number);
      }
    }
    for (; o < nout; o++) {
      const d0 = D[dr + o] as number;
      const e0 = E[dr + o] as number;
      const w0 = wo + o * nin;
      for (let i = 0; i < nin; i++) {
        const a0 = W[w0 + i] as number;
        G[r + i] = (G[r + i] as number) + d0 * a0;
        RG[r + i] = (RG[r + i] as number) + e0 * a0 + d0 * (V[w0 + i] as number);
      }
    }
  }
}

/**
 * Kernels for a network with the given layout on N samples (features X, N×n₀; targets T, N×n_L,
 * for cross-entropy rows of a probability distribution). Gradient ≈ 3 and HVP ≈ 8 layer
 * products per chunk (forward 1; gradient: back-propagation 2; HVP: R-forward 2, δ chain 1,
 * R-backward 4): an HVP costs 8/3 ≈ 2.7 gradients in arithmetic, 2.1–2.5 in measured time.
 * @internal
/** out += Σ_{n∈batch} ∇²ℓₙ(θ)·v by the old R-operator (the mean and l2 are the caller's). */
export function referenceHvpSum(
  layout: NetworkLayout,
  act: Activation,
  loss: NetworkLoss,
  X: Float64Array,
  T: Float64Array,
  N: number,
): (x: Float64Array, batch: Uint32Array, v: Float64Array, out: Float64Array) => void {
  const { widths, depth: L, weightOffset, biasOffset } = layout;
  const n0 = widths[0] as number;
  const k = widths[L] as number;
  const C = Math.min(CHUNK, N);
  const buf = (l: number): Float64Array => new Float64Array(C * (widths[l] as number));
  // Per layer l = 0..L (index l): activations, pre-activations, σ', σ'', δ, gradient wrt a_l, and
  // their R-versions. Layer 0 uses only A (the chunk's inputs); layer L only Z, D and their R's.
  const A: Float64Array[] = [];
  const Z: Float64Array[] = [];
  const S1: Float64Array[] = [];
  const S2: Float64Array[] = [];
  const D: Float64Array[] = [];
  const G: Float64Array[] = [];
  const RZ: Float64Array[] = [];
  const RA: Float64Array[] = [];
  const RD: Float64Array[] = [];
  const RG: Float64Array[] = [];
  const empty = new Float64Array(0);
  for (let l = 0; l <= L; l++) {
    const hidden = l > 0 && l < L;
    A.push(l < L ? buf(l) : empty);
    Z.push(l > 0 ? buf(l) : empty);
    S1.push(hidden ? buf(l) : empty);
    S2.push(hidden ? buf(l) : empty);
    D.push(l > 0 ? buf(l) : empty);
    G.push(hidden ? buf(l) : empty);
    RZ.push(l > 0 ? buf(l) : empty);
    RA.push(hidden ? buf(l) : empty);
    RD.push(l > 0 ? buf(l) : empty);
    RG.push(hidden ? buf(l) : empty);
  }
  const rowIndex = new Uint32Array(C);
  const probs = new Float64Array(k);

  // Loads the chunk batch[start .. start+rows) into A[0].
  const load = (batch: Uint32Array, start: number, rows: number): void => {
    const A0 = A[0] as Float64Array;
    for (let c = 0; c < rows; c++) {
      const n = batch[start + c] as number;
      rowIndex[c] = n;
      const src = n * n0;
      const dst = c * n0;
      for (let i = 0; i < n0; i++) A0[dst + i] = X[src + i] as number;
    }
  };
  const forward = (x: Float64Array, rows: number, second: boolean): void => {
    for (let l = 1; l <= L; l++) {
      const nin = widths[l - 1] as number;
      const nout = widths[l] as number;
      forwardLayer(x, weightOffset[l - 1] as number, biasOffset[l - 1] as number, A[l - 1] as Float64Array, null, null, nin, nout, rows, Z[l] as Float64Array);
      if (l < L) act.evaluate(Z[l] as Float64Array, rows * nout, A[l] as Float64Array, S1[l] as Float64Array, second ? (S2[l] as Float64Array) : null);
    }
  };
  // R-forward: RZ_l = V_l a_{l−1} + W_l R(a_{l−1}) + c_l, R(a_l) = σ'(z_l) R(z_l).
  const rForward = (x: Float64Array, v: Float64Array, rows: number): void => {
    for (let l = 1; l <= L; l++) {
      const nin = widths[l - 1] as number;
      const nout = widths[l] as number;
      const wo = weightOffset[l - 1] as number;
      const bo = biasOffset[l - 1] as number;
      // V a_{l−1} + c_l (+ W R(a_{l−1}) from the second layer on): forwardLayer with W := v, V := x.
      if (l === 1) forwardLayer(v, wo, bo, A[0] as Float64Array, null, null, nin, nout, rows, RZ[1] as Float64Array);
      else forwardLayer(v, wo, bo, A[l - 1] as Float64Array, x, RA[l - 1] as Float64Array, nin, nout, rows, RZ[l] as Float64Array);
      if (l < L) {
        const rz = RZ[l] as Float64Array;
        const ra = RA[l] as Float64Array;
        const s1 = S1[l] as Float64Array;
        for (let i = 0; i < rows * nout; i++) ra[i] = (s1[i] as number) * (rz[i] as number);
      }
    }
  };
  // Writes ℓ for each row into out[outStart + c] (when out is given) and δ_L (and Rδ_L) for the chunk.
  const outputLayer = (
    rows: number,
    withDelta: boolean,
    withR: boolean,
    out: Float64Array | null,
    outStart: number,
    z: Float64Array = Z[L] as Float64Array,
    dl: Float64Array = D[L] as Float64Array,
  ): void => {
    const rz = RZ[L] as Float64Array;
    const rd = RD[L] as Float64Array;
    for (let c = 0; c < rows; c++) {
      const tr = (rowIndex[c] as number) * k;
      const zr = c * k;
      if (loss === 'mse') {
        let s = 0;
        for (let j = 0; j < k; j++) {
          const e = (z[zr + j] as number) - (T[tr + j] as number);
          s += e * e;
          if (withDelta) dl[zr + j] = e;
          if (withR) rd[zr + j] = rz[zr + j] as number;
        }
        if (out !== null) out[outStart + c] = 0.5 * s;
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
        const rzm = withR ? (rz[zr + jm] as number) : 0;
        let pr = 0;
        for (let j = 0; j < k; j++) {
          const t = T[tr + j] as number;
          const pj = (probs[j] as number) / s;
          probs[j] = pj;
          value += t * (m - (z[zr + j] as number) + l1p);
          tsum += t;
          if (j !== jm) {
            tOther += t;
            if (withR) pr += pj * ((rz[zr + j] as number) - rzm);
          }
        }
        if (out !== null) out[outStart + c] = value;
        // ∂ℓ/∂z_j = (Σt) p_j − t_j, at j* written (Σ_{i≠j*} tᵢ) − (Σt)(1 − p_{j*}) with 1 − p_{j*} = r/(1 + r);
        // R(∂ℓ/∂z) = (Σt) p ⊙ (Rz − p·Rz).
        if (withDelta) {
          for (let j = 0; j < k; j++) dl[zr + j] = j === jm ? tOther - tsum * (r / s) : tsum * (probs[j] as number) - (T[tr + j] as number);
        }
        if (withR) for (let j = 0; j < k; j++) rd[zr + j] = tsum * (probs[j] as number) * ((rz[zr + j] as number) - rzm - pr);
      }
    }
  };

  return (x, batch, v, out) => {
    const curved = !act.piecewiseLinear;
    for (let start = 0; start < batch.length; start += C) {
      const rows = Math.min(C, batch.length - start);
      load(batch, start, rows);
      forward(x, rows, curved);
      rForward(x, v, rows);
      outputLayer(rows, true, true, null, 0);
      for (let l = L; l >= 1; l--) {
        const nin = widths[l - 1] as number;
        const nout = widths[l] as number;
        const wo = weightOffset[l - 1] as number;
        const bo = biasOffset[l - 1] as number;
        // R(∂W_l) = Rδ_l a_{l−1}ᵀ + δ_l R(a_{l−1})ᵀ, R(∂b_l) = Rδ_l (R(a₀) = 0).
        if (l === 1) weightGradient(RD[1] as Float64Array, A[0] as Float64Array, null, null, nin, nout, rows, out, wo, bo);
        else weightGradient(RD[l] as Float64Array, A[l - 1] as Float64Array, D[l] as Float64Array, RA[l - 1] as Float64Array, nin, nout, rows, out, wo, bo);
        if (l > 1) {
          // g = W_lᵀ δ_l, R(g) = W_lᵀ Rδ_l + V_lᵀ δ_l,
          // δ_{l−1} = σ' ⊙ g, Rδ_{l−1} = σ' ⊙ R(g) + σ'' ⊙ R(z_{l−1}) ⊙ g.
          const g = G[l - 1] as Float64Array;
          const rg = RG[l - 1] as Float64Array;
          backwardPair(x, v, wo, D[l] as Float64Array, RD[l] as Float64Array, nin, nout, rows, g, rg);
          const s1 = S1[l - 1] as Float64Array;
          const s2 = S2[l - 1] as Float64Array;
          const rz = RZ[l - 1] as Float64Array;
          const dp = D[l - 1] as Float64Array;
          const rdp = RD[l - 1] as Float64Array;
          for (let i = 0; i < rows * nin; i++) {
            const gi = g[i] as number;
            const si = s1[i] as number;
            dp[i] = si * gi;
            rdp[i] = curved ? si * (rg[i] as number) + (s2[i] as number) * (rz[i] as number) * gi : si * (rg[i] as number);
          }
        }
      }
    }
  };
}
