/**
 * `sgd-dynamics`: the dynamics of stochastic gradient descent. Every module is also a subpath
 * export (`sgd-dynamics/random`, `sgd-dynamics/spectral`, …); importing from a subpath loads only
 * that module and what it depends on.
 *
 * @packageDocumentation
 */
export * from './core/index';
export * from './random/index';
export * from './objectives/index';
export * from './optim/index';
export * from './spectral/index';
export * from './diffusion-maps/index';
export * from './langevin/index';
export * from './fokker-planck/index';
export * from './kramers/index';
export * from './analysis/index';
export { VERSION } from './version';
