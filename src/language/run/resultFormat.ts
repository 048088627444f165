/**
 * SHOW results as text a person can read: a boxed table like the mysql client prints, or — when
 * that would be too wide (SHOW BACKUP has 14 columns) — one block per row, `\G` style. Cells that
 * hold several lines (SHOW SNAPSHOT's timestamps, the Details JSON) keep their lines. Pure.
 */

export interface ResultHeader {
  /** The statement as shown to the user (secrets masked). */
  sql: string;
  connection: string;
  ranAt: Date;
  elapsedMs: number;
}

const MAX_TABLE_WIDTH = 160;

export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatTime(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

function headerLines(h: ResultHeader, summary: string): string[] {
  return [
    ...h.sql.split(/\r?\n/).map((line) => `-- ${line}`),
    `-- ${h.connection} · ${formatTime(h.ranAt)} · ${summary} · ${h.elapsedMs} ms`,
    '',
  ];
}

/** A result set with its header. `rowsLabel` is the localized "{n} rows" text. */
export function formatRows(
  h: ResultHeader,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  rowsLabel: string,
): string {
  const cells = rows.map((row) => columns.map((c) => cellToText(row[c]).split(/\r?\n/)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => Math.max(...r[i].map((line) => line.length)))));
  const tableWidth = widths.reduce((a, w) => a + w + 3, 1);
  const body = rows.length === 0 || tableWidth <= MAX_TABLE_WIDTH ? table(columns, cells, widths) : vertical(columns, cells);
  return [...headerLines(h, rowsLabel), ...body, ''].join('\n');
}

function table(columns: readonly string[], cells: string[][][], widths: number[]): string[] {
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (values: string[]): string => '| ' + values.map((v, i) => v.padEnd(widths[i])).join(' | ') + ' |';
  const out = [rule, line([...columns]), rule];
  for (const row of cells) {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((lines) => lines[k] ?? '')));
  }
  if (cells.length > 0) out.push(rule);
  return out;
}

function vertical(columns: readonly string[], cells: string[][][]): string[] {
  const nameWidth = Math.max(...columns.map((c) => c.length));
  const out: string[] = [];
  cells.forEach((row, i) => {
    out.push(`${'*'.repeat(27)} ${i + 1}. row ${'*'.repeat(27)}`);
    columns.forEach((c, j) => {
      const [first, ...rest] = row[j];
      out.push(`${c.padStart(nameWidth)}: ${first}`);
      for (const more of rest) out.push(`${' '.repeat(nameWidth + 2)}${more}`);
    });
  });
  return out;
}

/** A statement that returned no rows (OK) or failed, with its header. */
export function formatMessage(h: ResultHeader, summary: string, lines: readonly string[]): string {
  return [...headerLines(h, summary), ...lines, ''].join('\n');
}
