/** `wasmbench schema results`: print the JSON Schema of results.json (docs/results.schema.json). */
import { EXIT, type ExitCode, unknownName } from '../../core/errors.ts';
import { resultsJsonSchemaText } from '../../core/results/json-schema.ts';

const SCHEMAS: Record<string, () => string> = { results: resultsJsonSchemaText };

export async function schemaCommand(name: string): Promise<ExitCode> {
  const print = SCHEMAS[name];
  if (!print) throw unknownName('schema', name, Object.keys(SCHEMAS));
  process.stdout.write(print());
  return EXIT.ok;
}
