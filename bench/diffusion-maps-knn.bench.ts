/**
 * `npm run bench -- diffusion-maps-knn`: exact k nearest neighbours and pairwise squared distances
 * against scikit-learn's `NearestNeighbors` (algorithm 'brute' and 'kd_tree') and NumPy's Gram-matrix
 * distances, on the same data in the same run, every peer on one thread (OPENBLAS/OMP/MKL_NUM_THREADS=1,
 * n_jobs=1), with the ratios ours/peer:
 *
 * - kNN, k = 15, n = 2000, 5000 and 20000 uniform points in d = 10: ours with `method: 'tree'` (the
 *   default there) against sklearn kd_tree, and `method: 'brute'` against sklearn brute;
 * - 1000 snapshots in d = 100,000 (an MLP's parameter count; a random walk, so the points lie close
 *   together far from the origin): `pairwiseSquaredDistances` against NumPy C = X − x̄, C Cᵀ
 *   (OpenBLAS), and `nearestNeighbors` (brute, k = 15) against sklearn brute. The target: the
 *   Gram/distance step within 1.5× of NumPy's one-thread time.
 *
 * Wall time: median of 3 runs on each side (1 run for the n = 20000 brute-force and d = 100,000
 * cases), and the agreement of our neighbour indices with sklearn's (ties may order differently).
 * Set DMKNN_BENCH_QUICK=1 to skip the d = 100,000 case (0.8 GB of points on each side), or
 * DMKNN_BENCH_ONLY_HIGH_D=1 to run only that case.
 */
import { join } from 'node:path';
import { nearestNeighbors } from '../src/diffusion-maps/nearest-neighbors';
import { pairwiseSquaredDistances } from '../src/diffusion-maps/pairwise-distances';
import { createRng } from '../src/random/rng';
import { peerAvailable, ratio, runPeer, tempDir, writeF64 } from './harness';
import ndarray from 'ndarray';

interface PeerResult {
  brute?: number;
  kd_tree?: number;
  gram?: number;
  indices?: number[];
}

function medianSeconds(fn: () => unknown, repeats: number): number {
  const t: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const s = performance.now();
    fn();
    t.push((performance.now() - s) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)] as number;
}

function agreement(ours: Int32Array, theirs: number[] | undefined): string {
  if (theirs === undefined) return '';
  let same = 0;
  for (let i = 0; i < theirs.length; i++) if (ours[i] === theirs[i]) same++;
  return `, indices agree ${((100 * same) / theirs.length).toFixed(2)}%`;
}

function fmt(s: number): string {
  return s < 1 ? `${(1000 * s).toFixed(0)} ms` : `${s.toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const peer = peerAvailable(['numpy', 'sklearn'], 'apt-get install -y python3-sklearn');
  const dir = tempDir();
  const k = 15;
  const d = 10;
  for (const n of process.env.DMKNN_BENCH_ONLY_HIGH_D === '1' ? [] : [2000, 5000, 20000]) {
    const rng = createRng(`knn-${n}`);
    const x = new Float64Array(n * d);
    for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
    const points = ndarray(x, [n, d]);
    const repeatsBrute = n >= 20000 ? 1 : 3;
    let tree = nearestNeighbors(points, { k, method: 'tree' });
    const tTree = medianSeconds(() => (tree = nearestNeighbors(points, { k, method: 'tree' })), 3);
    const tBrute = medianSeconds(() => nearestNeighbors(points, { k, method: 'brute' }), repeatsBrute);
    let line = `kNN n = ${n}, d = ${d}, k = ${k}: ours tree ${fmt(tTree)}, brute ${fmt(tBrute)}`;
    if (peer) {
      const path = join(dir, `knn-${n}.f64`);
      writeF64(path, x);
      const kd = runPeer<PeerResult>('sklearn_knn.py', [path, String(n), String(d), String(k), '3', 'kd_tree']);
      const br = runPeer<PeerResult>('sklearn_knn.py', [path, String(n), String(d), String(k), String(repeatsBrute), 'brute']);
      line += `; sklearn kd_tree ${fmt(kd.kd_tree as number)} (${ratio(tTree, kd.kd_tree as number)}), brute ${fmt(br.brute as number)} (${ratio(tBrute, br.brute as number)})`;
      line += agreement(tree.indices, kd.indices);
    }
    console.log(line);
  }
  if (process.env.DMKNN_BENCH_QUICK === '1') {
    console.log('d = 100,000 case skipped (DMKNN_BENCH_QUICK=1)');
    return;
  }
  const n = 1000;
  const D = 100_000;
  const rng = createRng('snapshots');
  const x = new Float64Array(n * D);
  // a random walk from a point far from the origin: SGD snapshots in parameter space
  for (let m = 0; m < D; m++) x[m] = 1 + rng.normal();
  for (let i = 1; i < n; i++) for (let m = 0; m < D; m++) x[i * D + m] = (x[(i - 1) * D + m] as number) + 0.01 * rng.normal();
  const points = ndarray(x, [n, D]);
  const tDist = medianSeconds(() => pairwiseSquaredDistances(points), 1);
  let nn = nearestNeighbors(points, { k, method: 'brute' });
  const tKnn = medianSeconds(() => (nn = nearestNeighbors(points, { k, method: 'brute' })), 1);
  let line = `n = ${n}, d = ${D}: ours distances ${fmt(tDist)}, kNN brute ${fmt(tKnn)}`;
  if (peer) {
    const path = join(dir, 'snapshots.f64');
    writeF64(path, x);
    const g = runPeer<PeerResult>('sklearn_knn.py', [path, String(n), String(D), String(k), '1', 'gram']);
    const b = runPeer<PeerResult>('sklearn_knn.py', [path, String(n), String(D), String(k), '1', 'brute']);
    const target = tDist <= 1.5 * (g.gram as number) ? 'met' : 'MISSED';
    line += `; numpy Gram distances ${fmt(g.gram as number)} (${ratio(tDist, g.gram as number)}, target ≤ 1.5×: ${target}), sklearn brute ${fmt(b.brute as number)} (${ratio(tKnn, b.brute as number)})`;
    line += agreement(nn.indices, b.indices);
  }
  console.log(line);
}
