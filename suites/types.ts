/** The suite contract lives in core/plan/types.ts (core runs suites it is given); re-exported for suites. */
export * from '../core/plan/types.ts';
