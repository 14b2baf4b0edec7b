/**
 * Types for seedrandom's Alea generator imported on its own (`seedrandom/lib/alea.js`, which
 * @types/seedrandom does not declare): the same function as `seedrandom.alea`, without the package's
 * other generators in a bundle.
 *
 * @module
 * @internal
 */
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: typeof seedrandom.alea;
  export default alea;
}
