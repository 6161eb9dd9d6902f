/** Versions as runtime CLIs print them: `wasmer 6.0.1`, `Wasm3 v0.9.0 on x86_64`, `v1.6.0`. */

export interface CliVersion {
  major: number;
  minor: number;
  patch: number;
  /** The matched version with any pre-release / git suffix, e.g. `0.14.1-330-gd516c5d66`. */
  text: string;
}

/** The first `X.Y.Z` (optionally `vX.Y.Z`, with a `-suffix`) in `line`, or null. */
export function parseSemver(line: string): CliVersion | null {
  const match = /(?:^|[^\w.])v?(\d+)\.(\d+)\.(\d+)((?:-[0-9A-Za-z.]+)*)/.exec(line);
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    text: `${match[1]}.${match[2]}.${match[3]}${match[4] ?? ''}`,
  };
}

/** `a` is at least `major.minor`. */
export function atLeast(v: CliVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}
