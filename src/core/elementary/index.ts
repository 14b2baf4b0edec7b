/**
 * Engine-independent elementary functions: exp, expm1, log, log1p, log2, tanh, sin, cos, hypot,
 * cbrt, asinh, acos, each built from IEEE-754 exact operations only and faithfully rounded.
 *
 * @module
 */
export { exp } from './exp';
export { expm1 } from './expm1';
export { log } from './log';
export { log1p } from './log1p';
export { log2 } from './log2';
export { tanh } from './tanh';
export { sin, cos } from './trig';
export { hypot } from './hypot';
export { cbrt } from './cbrt';
export { asinh } from './asinh';
export { acos } from './acos';
export { pow } from './pow';
