/**
 * The results file's types: wasmbench's public data contract. They are
 * inferred from the one zod schema in schema.ts (read that file for every
 * field); this module keeps the names the rest of the code imports.
 */
export {
  CASE_STATUSES,
  METRIC_UNITS,
  RUN_STATES,
  SCHEMA_VERSION,
  SUITE_IDS,
  type Analysis,
  type CaseResult,
  type CaseStatus,
  type Environment,
  type MetricResult,
  type MetricUnit,
  type ResultsFile,
  type CrossoverAnalysis,
  type NativeRatioAnalysis,
  type RuntimeRecord,
  type SampleError,
  type SuiteId,
} from './schema.ts';
