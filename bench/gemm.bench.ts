/**
 * `npm run bench -- gemm`: GFLOP/s (2MNK / time: the minimum CPU time a call over batches of ten,
 * robust to other processes on this shared machine) of the library's matrix
 * products (src/core/gemm-kernels.ts) on the layer shapes of an MLP 100-300-200-10 at batch 256:
 * the forward products a Wᵀ (NT), the weight gradients δᵀ a (TN) and the back-propagations δ W
 * (NN); the WebAssembly SIMD kernels (operands resident in its memory): `gemm` (B packed) and
 * `gemmPackedA` (A packed too, what the networks run when N > 12), and the JavaScript fallback (same
 * bits), beside NumPy's matmul (OpenBLAS) on one thread on the same shapes, with the ratio of times
 * (NumPy's OpenBLAS uses AVX-512 FMA; the default SIMD path has no FMA, so ≥ 2× is expected).
 */
import { createGemm, gemmJs, type Gemm, type GemmLayout } from '../src/core/gemm-kernels';
import { createSimdHeap } from '../src/core/simd-heap';
import { createRng } from '../src/random/rng';
import { peerAvailable, runPeer } from './harness';

/** Minimum CPU time (user + system, ms) a call of `fn`, over 15 batches of 10 calls after 20 warm-up calls. */
function minCpuMs(fn: () => void): number {
  for (let i = 0; i < 20; i++) fn();
  let best = Infinity;
  for (let r = 0; r < 15; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < 10; i++) fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1e4);
  }
  return best;
}

const SHAPES: [GemmLayout, number, number, number][] = [
  ['NT', 256, 300, 100],
  ['NT', 256, 200, 300],
  ['NT', 256, 10, 200],
  ['TN', 300, 100, 256],
  ['TN', 200, 300, 256],
  ['TN', 10, 200, 256],
  ['NN', 256, 300, 200],
  ['NN', 256, 200, 10],
];

export async function run(): Promise<void> {
  const heap = createSimdHeap(3 * 256 * 300 + 300 * 300 + 8 * 300 + 16);
  const simd = heap === undefined ? null : createGemm(heap, 300);
  const packed = heap === undefined ? null : createGemm(heap, 300, 256 * 300);
  const rng = createRng('gemm-bench');
  const A = heap?.alloc(256 * 300) ?? new Float64Array(256 * 300);
  const B = heap?.alloc(300 * 300) ?? new Float64Array(300 * 300);
  const C = heap?.alloc(256 * 300) ?? new Float64Array(256 * 300);
  rng.fillNormal(A);
  rng.fillNormal(B);
  const gflops = (g: Gemm, [layout, M, N, K]: [GemmLayout, number, number, number]): number => {
    const ms = minCpuMs(() => g(layout, M, N, K, A, 0, B, 0, C, 0, N, false));
    return (2 * M * N * K) / (ms * 1e6);
  };
  const peer = peerAvailable(['numpy'], 'apt-get install -y python3-numpy')
    ? runPeer<{ numpy: string; ms: number[]; cpuMs: number[] }>('numpy_matmul.py', [JSON.stringify(SHAPES), '1'])
    : null;
  if (simd === null) console.log('  WebAssembly SIMD unavailable: JavaScript only');
  console.log(
    `GEMM, float64, one thread (GFLOP/s = 2MNK / minimum CPU time a call)${peer === null ? '' : `; NumPy ${peer.numpy} matmul (OpenBLAS, 1 thread)`}`,
  );
  SHAPES.forEach((shape, i) => {
    const [layout, M, N, K] = shape;
    const s = simd === null ? NaN : gflops(simd, shape);
    const p = packed === null ? NaN : gflops(packed, shape);
    const j = gflops(gemmJs, shape);
    const ms = peer?.cpuMs[i];
    const np = ms === undefined ? NaN : (2 * M * N * K) / (ms * 1e6);
    const best = Math.max(s, N > 12 ? p : s);
    console.log(
      `  ${layout} (M, N, K) = (${M}, ${N}, ${K}): SIMD gemm ${s.toFixed(2)}, gemmPackedA ${N > 12 ? p.toFixed(2) : '(N ≤ 12: gemm)'}, JS ${j.toFixed(2)}` +
        (ms === undefined ? '' : `, NumPy ${np.toFixed(2)} GFLOP/s; time ours/NumPy ${(np / best).toFixed(2)}×`),
    );
  });
  return Promise.resolve();
}
