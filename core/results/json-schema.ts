/**
 * The results file's JSON Schema, generated from the zod schema so the two
 * cannot drift: printed by `wasmbench schema results` and committed as
 * docs/results.schema.json (a test keeps the copy in step) for users'
 * own scripts (ajv, jsonschema, ...).
 */
import { z } from 'zod';
import { resultsFileSchema, SCHEMA_VERSION, SCHEMA_VERSION_1 } from './schema.ts';

export function resultsJsonSchema(): Record<string, unknown> {
  // io "input": objects stay open (additionalProperties is not false), as the
  // reader accepts fields added by newer writers of the same schemaVersion.
  // Every version the reader takes: version 1 files have the same fields (read.ts READERS).
  const readable = resultsFileSchema.extend({ schemaVersion: z.literal([SCHEMA_VERSION, SCHEMA_VERSION_1]) });
  const schema = z.toJSONSchema(readable, { io: 'input' });
  return { title: `wasmbench results file, schemaVersion ${SCHEMA_VERSION_1} or ${SCHEMA_VERSION}`, ...schema };
}

/** The text of docs/results.schema.json. */
export function resultsJsonSchemaText(): string {
  return JSON.stringify(resultsJsonSchema(), null, 2) + '\n';
}
