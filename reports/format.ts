/** Human formatting of measured values (pure). */

/** A duration in ns as a short human string with a unit. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Format a value in its metric's unit. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'ns') return formatNs(value);
  if (unit === 'us') return formatNs(value * 1000);
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'req/s') return `${value.toFixed(0)} req/s`;
  return String(value);
}

/**
 * A plain text table. By default numbers-style: the first column left, the
 * middle ones right-aligned; `align: 'left'` suits tables of words.
 */
export function textTable(header: string[], rows: string[][], options: { align?: 'numbers' | 'left' } = {}): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const last = header.length - 1;
  const left = options.align === 'left';
  // The last column is free text (notes): left-aligned and never padded.
  const cell = (c: string, i: number) =>
    i === last ? c : i === 0 || left ? c.padEnd(widths[i]) : c.padStart(widths[i]);
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
