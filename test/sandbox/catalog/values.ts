/**
 * Column values. Rows keep every value as its canonical text (or null), the way the MySQL text
 * protocol carries them; typed comparison and validation happen here.
 */
import type { ColumnType } from '../sql/ast';

export type CellValue = string | null;
export type Row = Record<string, CellValue>;

const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  INTEGER: [-2147483648n, 2147483647n],
  BIGINT: [-9223372036854775808n, 9223372036854775807n],
  LARGEINT: [-(2n ** 127n), 2n ** 127n - 1n],
};

export type TypeFamily = 'integer' | 'decimal' | 'float' | 'date' | 'datetime' | 'boolean' | 'string';

export function typeFamily(type: ColumnType): TypeFamily {
  const name = type.name.replace(/ UNSIGNED$/, '');
  if (name in INTEGER_RANGES) return 'integer';
  if (/^DECIMAL(V2|32|64|128)?$|^NUMERIC$/.test(name)) return 'decimal';
  if (name === 'FLOAT' || name === 'DOUBLE') return 'float';
  if (name === 'DATE') return 'date';
  if (name === 'DATETIME' || name === 'TIMESTAMP') return 'datetime';
  if (name === 'BOOLEAN' || name === 'BOOL') return 'boolean';
  return 'string';
}

export function formatType(type: ColumnType): string {
  const family = typeFamily(type);
  if (family === 'decimal') {
    // StarRocks shows DECIMAL(p,s) columns as decimal64/decimal128 in DESC; SHOW CREATE keeps DECIMAL(p,s).
    const [precision = 10, scale = 0] = type.args;
    return `${type.name}(${precision},${scale})`;
  }
  if (type.args.length > 0) return `${type.name}(${type.args.join(',')})`;
  if (type.name === 'VARCHAR') return 'VARCHAR(65533)';
  return type.name;
}

/**
 * Converts a literal to the column's canonical text, or returns an error description when the
 * value does not fit (the row is then "filtered", as a load in strict mode filters it).
 */
export function coerceValue(raw: string | number | boolean | null, type: ColumnType): { value: CellValue } | { error: string } {
  if (raw === null) return { value: null };
  const text = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw);
  switch (typeFamily(type)) {
    case 'integer':
      return coerceInteger(text, type);
    case 'decimal':
      return coerceDecimal(text, type);
    case 'float':
      return Number.isFinite(Number(text)) ? { value: String(Number(text)) } : { error: `invalid number '${text}'` };
    case 'date':
      return coerceDate(text);
    case 'datetime':
      return coerceDateTime(text);
    case 'boolean':
      if (/^(1|true)$/i.test(text)) return { value: '1' };
      if (/^(0|false)$/i.test(text)) return { value: '0' };
      return { error: `invalid boolean '${text}'` };
    case 'string': {
      const limit = type.args[0];
      if (limit !== undefined && Buffer.byteLength(text, 'utf8') > limit)
        return { error: `value too long for ${formatType(type)}: '${text}'` };
      return { value: text };
    }
  }
}

function coerceInteger(text: string, type: ColumnType): { value: CellValue } | { error: string } {
  if (!/^[-+]?\d+(\.0*)?$/.test(text.trim())) return { error: `invalid integer '${text}'` };
  const value = BigInt(text.trim().replace(/\.0*$/, ''));
  const [min, max] = INTEGER_RANGES[type.name.replace(/ UNSIGNED$/, '')];
  if (value < min || value > max) return { error: `value ${text} out of range for ${type.name}` };
  return { value: value.toString() };
}

function coerceDecimal(text: string, type: ColumnType): { value: CellValue } | { error: string } {
  const [precision = 10, scale = 0] = type.args;
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { error: `invalid decimal '${text}'` };
  const sign = m[1] === '-' ? '-' : '';
  const integerPart = m[2].replace(/^0+(?=\d)/, '') || '0';
  // Rounding half-up at the column's scale, as a DECIMAL cast does.
  const digits = BigInt(integerPart + (m[3] ?? '').padEnd(scale + 1, '0').slice(0, scale + 1));
  const rounded = (digits + 5n) / 10n;
  const asText = rounded.toString().padStart(scale + 1, '0');
  const intDigits = asText.slice(0, asText.length - scale) || '0';
  if (intDigits.replace(/^0+/, '').length > precision - scale)
    return { error: `value ${text} out of range for DECIMAL(${precision},${scale})` };
  const fraction = scale > 0 ? `.${asText.slice(asText.length - scale)}` : '';
  const result = `${intDigits}${fraction}`;
  return { value: sign && /[1-9]/.test(result) ? `-${result}` : result };
}

function coerceDate(text: string): { value: CellValue } | { error: string } {
  const m = /^(\d{4})-?(\d{1,2})-?(\d{1,2})(?:[ T]00:00:00(?:\.0+)?)?$/.exec(text.trim());
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { error: `invalid date '${text}'` };
  return { value: `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` };
}

function coerceDateTime(text: string): { value: CellValue } | { error: string } {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?)?$/.exec(text.trim());
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) return { error: `invalid datetime '${text}'` };
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  return { value: `${m[1]}-${pad(m[2])}-${pad(m[3])} ${pad(m[4])}:${pad(m[5])}:${pad(m[6])}${m[7] ?? ''}` };
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Orders two values of one column type; NULL sorts first, as in StarRocks (NULLS FIRST for ASC). */
export function compareValues(a: CellValue, b: CellValue, family: TypeFamily): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  switch (family) {
    case 'integer':
    case 'boolean': {
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'decimal':
    case 'float':
      return Number(a) - Number(b);
    default:
      return a < b ? -1 : a > b ? 1 : 0;
  }
}
