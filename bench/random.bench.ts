/**
 * Random streams: nanoseconds per variate for uniforms, normals and Rademacher signs, and the same
 * work in NumPy (Generator(PCG64), vectorised) where it is installed.
 */
import { createRng } from '../src/random/rng';
import { sampleWithoutReplacement, permutation } from '../src/random/batch';
import { peerAvailable, ratio, runPeer, timeMs } from './harness';

export async function run(): Promise<void> {
  const n = 1_000_000;
  const out = new Float64Array(n);
  const rng = createRng(1);
  const ours = {
    uniform: (timeMs(() => rng.fillUniform(out)) * 1e6) / n,
    normal: (timeMs(() => rng.fillNormal(out)) * 1e6) / n,
    rademacher: (timeMs(() => rng.fillRademacher(out)) * 1e6) / n,
  };
  const batch = new Uint32Array(256);
  const scratch = permutation(rng, 50_000);
  const batchNs =
    (timeMs(() => {
      for (let i = 0; i < 1000; i++) sampleWithoutReplacement(rng, 50_000, 256, batch, scratch);
    }) *
      1e6) /
    1000;
  console.log(`  sgd-dynamics (Alea + ziggurat), 10^6 variates per call:`);
  console.log(`    uniform    ${ours.uniform.toFixed(2)} ns`);
  console.log(`    normal     ${ours.normal.toFixed(2)} ns`);
  console.log(`    rademacher ${ours.rademacher.toFixed(2)} ns`);
  console.log(`    batch of 256 from 50000 without replacement: ${(batchNs / 1000).toFixed(2)} µs`);
  if (!peerAvailable(['numpy'], 'apt-get install -y python3-numpy')) return;
  const peer = runPeer<{ uniform: number; normal: number; rademacher: number; batch_us: number }>('numpy_random.py', [String(n)]);
  console.log(`  NumPy Generator(PCG64), vectorised, same sizes:`);
  console.log(`    uniform    ${peer.uniform.toFixed(2)} ns   ours/peer ${ratio(ours.uniform, peer.uniform)}`);
  console.log(`    normal     ${peer.normal.toFixed(2)} ns   ours/peer ${ratio(ours.normal, peer.normal)}`);
  console.log(`    rademacher ${peer.rademacher.toFixed(2)} ns   ours/peer ${ratio(ours.rademacher, peer.rademacher)}`);
  console.log(`    batch (rng.choice(50000, 256, replace=False)) ${peer.batch_us.toFixed(2)} µs   ours/peer ${ratio(batchNs / 1000, peer.batch_us)}`);
}
