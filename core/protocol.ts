/**
 * The guest line protocol: `@wb <key> <integer>` lines on stdout carry
 * in-guest measurements; every other line is the program's real output.
 */

export interface GuestOutput {
  /** Values per key, in the order printed. Big integers stay exact. */
  values: Map<string, bigint[]>;
  /** stdout with the protocol lines removed, to compare with the expected output. */
  text: string;
  /** Lines that start with `@wb` but do not parse. */
  malformed: string[];
}

const LINE = /^@wb ([a-z][a-z0-9_]*) (-?\d+)$/;

/**
 * A host prints its protocol lines after the guest's output, which may end
 * without a newline (`{"ok":1}@wb compile_ns 5`): the line where the guest's
 * text meets the first of a trailing block of protocol lines, split there.
 */
function gluedLine(lines: string[]): { index: number; text: string; protocol: string } | null {
  let i = lines.length - 1;
  while (i >= 0 && (lines[i] === '' || LINE.test(lines[i].trimEnd()))) i--;
  if (i < 0 || i === lines.length - 1) return null;
  const at = lines[i].lastIndexOf('@wb ');
  if (at <= 0 || !LINE.test(lines[i].slice(at).trimEnd())) return null;
  return { index: i, text: lines[i].slice(0, at), protocol: lines[i].slice(at) };
}

export function parseGuestOutput(stdout: string): GuestOutput {
  const values = new Map<string, bigint[]>();
  const kept: string[] = [];
  const malformed: string[] = [];
  const lines = stdout.split('\n');
  const glued = gluedLine(lines);
  for (let [i, line] of lines.entries()) {
    const complete = i < lines.length - 1;
    if (i === glued?.index) {
      // The guest's last text had no newline: keep it as it was printed.
      kept.push(glued.text);
      line = glued.protocol;
    }
    if (!line.startsWith('@wb')) {
      // Complete lines keep their newline; a final partial line is kept as is.
      if (complete) kept.push(line + '\n');
      else if (line !== '') kept.push(line);
      continue;
    }
    const match = LINE.exec(line.trimEnd());
    if (!match) {
      malformed.push(line);
      continue;
    }
    const list = values.get(match[1]) ?? [];
    list.push(BigInt(match[2]));
    values.set(match[1], list);
  }
  return { values, text: kept.join(''), malformed };
}

/** The first value of a key, or null. */
export function firstValue(output: GuestOutput, key: string): bigint | null {
  return output.values.get(key)?.[0] ?? null;
}

/** All values of a key as numbers (safe for durations below 2^53 ns). */
export function numbers(output: GuestOutput, key: string): number[] {
  return (output.values.get(key) ?? []).map(Number);
}
