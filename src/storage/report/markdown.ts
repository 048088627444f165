/** Small helpers for the Markdown reports the storage commands open. */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** ISO-like local-free form, so reports read the same everywhere: `2024-01-31 12:00:00 UTC`. */
export function formatInstant(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '';
}

/** Text inside a table cell: no pipes or line breaks. */
export function cell(text: string | number | undefined): string {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

export function table(header: string[], rows: (string | number | undefined)[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}
