/** One line of the summary: a measured figure, the baseline measured in the same run, their ratio. */
export interface TableRow {
  bench: string;
  measurement: string;
  value: string;
  baseline: string;
  ratio: number;
  /** How to read the ratio, e.g. `tree / query (lower is better)`. */
  readsAs: string;
}

/** A plain-text table with aligned columns (the terminal and CI logs show it as is). */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['bench', 'measurement', 'value', 'baseline', 'ratio', 'reads as'];
  const cells = rows.map((r) => [r.bench, r.measurement, r.value, r.baseline, formatRatio(r.ratio), r.readsAs]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'inf';
  if (ratio >= 100) return `x${ratio.toFixed(0)}`;
  if (ratio >= 0.1) return `x${ratio.toFixed(2)}`;
  return `x${ratio.toPrecision(2)}`;
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}
