/**
 * `sgd-dynamics/analysis`: diagnostics of trajectories. So far: the gap between gradient descent
 * and gradient flow (Elkabetz & Cohen 2021).
 *
 * @packageDocumentation
 */
export { gdFlowGap, type GdFlowGapOptions, type GdFlowGapResult } from './gd-flow-gap';
