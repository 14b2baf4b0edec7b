/**
 * `sgd-dynamics/random`: seeded, splittable, serialisable random streams and minibatch sampling.
 *
 * @packageDocumentation
 */
export { createRng, rngFor, rngFromState, streamRng, type Rng } from './rng';
export { permutation, sampleWithReplacement, sampleWithoutReplacement, shuffle } from './batch';
export type { RngState } from '../core/types';
export { blockRngFromState, blockStream, type BlockRng, type BlockRngState } from './xoshiro';
