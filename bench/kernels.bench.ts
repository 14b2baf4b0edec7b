/**
 * `npm run bench -- kernels`: the WebAssembly SIMD kernels against the same loops in JavaScript
 * (the fallback where WebAssembly is missing; same bits) and against NumPy/SciPy on one BLAS
 * thread, in ns per multiply-add (CSR: per stored entry):
 *
 * - a dense product A x at n = 2000 (`denseOperator`),
 * - a CSR product with the 100 × 100 grid Laplacian (`csrOperator`, 5 entries a row),
 * - one classical Gram–Schmidt pass of Lanczos, h = Vᵀw then w ← w − V h, with 60 basis vectors
 *   of length 10⁴ (`dotsInto` + `addCombination`, as the Lanczos sweeps call them).
 */
import { addCombination, dotsInto } from '../src/core/basis-kernels';
import { createSimdHeap, setSimdEnabled } from '../src/core/simd-heap';
import { createRng } from '../src/random/rng';
import { csrOperator } from '../src/spectral/csr-operator';
import { denseOperator } from '../src/spectral/dense-operator';
import { gridLaplacian } from '../src/spectral/grid-laplacian';
import { peerAvailable, ratio, runPeer, timeMs } from './harness';

const N_DENSE = 2000;
const N_BASIS = 10_000;
const M_BASIS = 60;
const GRID = 100;

/** ns per unit of work of each kernel, with the SIMD kernels on or off. */
function measure(simd: boolean): { dense: number; csr: number; cgs: number } {
  const was = setSimdEnabled(simd);
  try {
    const rng = createRng('bench-kernels');
    const a = new Float64Array(N_DENSE * N_DENSE);
    for (let i = 0; i < N_DENSE; i++) for (let j = 0; j <= i; j++) a[i * N_DENSE + j] = a[j * N_DENSE + i] = rng.normal();
    const dense = denseOperator(a);
    const x = rng.fillNormal(new Float64Array(N_DENSE));
    const y = new Float64Array(N_DENSE);
    const denseNs = (timeMs(() => dense.apply(x, y)) * 1e6) / N_DENSE ** 2;

    const lap = csrOperator(gridLaplacian(GRID));
    const xl = rng.fillNormal(new Float64Array(GRID * GRID));
    const yl = new Float64Array(GRID * GRID);
    const csrNs = (timeMs(() => lap.apply(xl, yl)) * 1e6) / lap.nnz;

    // The basis as Lanczos holds it: in a heap when there is one.
    const heap = createSimdHeap((M_BASIS + 1) * N_BASIS + 2 * M_BASIS);
    const vec = (): Float64Array => rng.fillNormal(heap?.alloc(N_BASIS) ?? new Float64Array(N_BASIS));
    const V = Array.from({ length: M_BASIS }, vec);
    const w = vec();
    const h = new Float64Array(M_BASIS);
    const cgsNs =
      (timeMs(() => {
        dotsInto(heap, V, 0, M_BASIS, w, h);
        addCombination(heap, V, 0, M_BASIS, h, w, -1e-9);
      }) *
        1e6) /
      (2 * M_BASIS * N_BASIS);
    return { dense: denseNs, csr: csrNs, cgs: cgsNs };
  } finally {
    setSimdEnabled(was);
  }
}

export async function run(): Promise<void> {
  const simd = measure(true);
  const js = measure(false);
  const simdAvailable = createSimdHeap(1) !== undefined;
  console.log(`WebAssembly SIMD available: ${simdAvailable}`);
  const peer = peerAvailable(['numpy', 'scipy'], 'apt-get install -y python3-scipy')
    ? runPeer<{ dense: number; csr: number; cgs: number }>('numpy_kernels.py', [N_DENSE, N_BASIS, M_BASIS, GRID].map(String))
    : undefined;
  const rows: [string, keyof typeof simd, string][] = [
    [`dense A x, n = ${N_DENSE}`, 'dense', 'ns per multiply-add'],
    [`CSR A x, ${GRID}×${GRID} grid Laplacian`, 'csr', 'ns per stored entry'],
    [`Gram–Schmidt pass, ${M_BASIS} vectors of ${N_BASIS}`, 'cgs', 'ns per multiply-add'],
  ];
  for (const [name, key, unit] of rows) {
    const line = [`${name} (${unit}): SIMD ${simd[key].toFixed(3)}, JavaScript ${js[key].toFixed(3)} (SIMD speed-up ${ratio(js[key], simd[key])})`];
    if (peer) line.push(`NumPy/SciPy ${peer[key].toFixed(3)}, ratio ours (SIMD)/peer ${ratio(simd[key], peer[key])}`);
    console.log(`  ${line.join('; ')}`);
  }
}
