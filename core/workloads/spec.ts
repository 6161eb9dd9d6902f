/**
 * `workloads: [...]` in bench.config.ts (and `--wasm` on the command line):
 * the user's own modules. The zod schema here is the one config validation
 * uses (core/config/schema.ts); the TSDoc says each field's default.
 */
import { z } from 'zod';
import { OUTPUT_CHECKS, type OutputCheck } from './types.ts';

/** A host directory to preopen: a path, or `{ host, guest?, writable? }`. */
export type DirSpec =
  | string
  | {
      /** Host path (relative to the config file's directory). */
      host: string;
      /** Path the guest sees. @default the host path as written */
      guest?: string;
      /** Let the guest write. @default false (read-only) */
      writable?: boolean;
    };

export interface WorkloadSpec {
  /** Unique name; cases and compare/gate match by it. @default the file name without `.wasm` (a Sightglass `benchmark.wasm`: its directory's name) */
  name?: string;
  /** A .wasm file, or a directory of them (a corpus, Sightglass layout supported). Relative to the config file's directory. */
  wasm: string;
  /** Guest arguments after the program name. @default [] */
  args?: string[];
  /** A file fed to the guest's stdin. @default none (/dev/null) */
  stdin?: string;
  /** Host directories preopened for the guest, read-only unless `writable`. @default [] */
  dirs?: DirSpec[];
  /** Guest environment variables (only their names are recorded in results). @default {} */
  env?: Record<string, string>;
  /** Working directory of the runtime process; its `.` is preopened as the guest's `.`. @default a private scratch dir (a corpus: the module's directory) */
  cwd?: string;
  /** Expected stdout without `@wb` lines: a string, or `{ file }`. @default none (a corpus: `<name>.stdout.expected` beside the module) */
  expectedStdout?: string | { file: string };
  /** How stdout is checked: `exact`, `regex` (expectedStdout is a pattern), or `ignore`. @default 'exact' when there is an expected output, else 'ignore' */
  check?: OutputCheck;
  /** Per-sample timeout in ms; the run's `timeoutMs` caps it. @default the run's timeoutMs */
  timeoutMs?: number;
  /** The same program built natively, run as the `native` runtime's case. @default none: native skips the workload */
  native?: { command: string[] };
  /**
   * The module is a CGI handler (the throughput suite's `cgi` contract: request
   * body on stdin, CGI response, i.e. headers, blank line, body, on stdout), so
   * the `cgi` variant runs it, with `args` or `cgi.args`. `expectedStdout` is
   * then its whole output for the suite's request; the body part is checked
   * against every response. @default false: the throughput suite skips the workload
   */
  cgi?: boolean | { args?: string[] };
}

const dirSpec = z.union([
  z.string().min(1),
  z.object({ host: z.string().min(1), guest: z.string().min(1).optional(), writable: z.boolean().optional() }).strict(),
]);

export const workloadSpecSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, {
        error: 'must be letters, digits, and . _ + - (it is used in case ids and file names)',
      })
      .optional(),
    wasm: z.string().min(1),
    args: z.array(z.string()).optional(),
    stdin: z.string().min(1).optional(),
    dirs: z.array(dirSpec).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().min(1).optional(),
    expectedStdout: z.union([z.string(), z.object({ file: z.string().min(1) }).strict()]).optional(),
    check: z.enum(OUTPUT_CHECKS).optional(),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600 * 1000)
      .optional(),
    native: z
      .object({ command: z.array(z.string().min(1)).min(1, { error: 'must name the program' }) })
      .strict()
      .optional(),
    cgi: z.union([z.boolean(), z.object({ args: z.array(z.string()).optional() }).strict()]).optional(),
  })
  .strict();
