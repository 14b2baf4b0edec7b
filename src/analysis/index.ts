/**
 * `sgd-dynamics/analysis`: not implemented yet. The subpath exists so that the package layout of
 * DESIGN.md is stable; its functions arrive with their own issues and are listed in CHANGELOG.md.
 *
 * @packageDocumentation
 */
export {};
