/**
 * The 4.2 BACKUP `ttl` property, checked the way the FE's SnapshotTtl does: an empty value keeps
 * the snapshot forever; otherwise the value is pairs of `<integer> <unit>`, either all calendar
 * units (day, week, month, year) or all clock units (second, minute, hour, day), and must add up
 * to a positive amount with no negative calendar part.
 */
import { ValidationIssue } from '../dialectError';
import { parseJavaInt, parseJavaLong } from './javaNumbers';

const PERIOD_DAYS: Record<string, [years: number, months: number, days: number]> = {
  day: [0, 0, 1],
  days: [0, 0, 1],
  week: [0, 0, 7],
  weeks: [0, 0, 7],
  month: [0, 1, 0],
  months: [0, 1, 0],
  year: [1, 0, 0],
  years: [1, 0, 0],
};
const DURATION_SECONDS: Record<string, bigint> = {
  second: 1n,
  seconds: 1n,
  minute: 60n,
  minutes: 60n,
  hour: 3600n,
  hours: 3600n,
  day: 86400n,
  days: 86400n,
};

type Parsed = { positive: boolean } | undefined;

function pairs(text: string): [string, string][] | undefined {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length % 2 !== 0) {
    return undefined;
  }
  const result: [string, string][] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    result.push([tokens[i], tokens[i + 1].toLowerCase()]);
  }
  return result;
}

/** PeriodStyle.LONG, then Period's "zero or any negative part" test. */
function parsePeriod(text: string): Parsed {
  const parts = pairs(text);
  const totals = [0, 0, 0];
  for (const [amount, unit] of parts ?? []) {
    const n = parseJavaInt(amount);
    const scale = PERIOD_DAYS[unit];
    if (n === undefined || !scale) {
      return undefined;
    }
    scale.forEach((factor, i) => (totals[i] += n * factor));
  }
  return parts ? { positive: totals.some((t) => t !== 0) && totals.every((t) => t >= 0) } : undefined;
}

/** DurationStyle.LONG, then Duration's sign. */
function parseDuration(text: string): Parsed {
  const parts = pairs(text);
  let seconds = 0n;
  for (const [amount, unit] of parts ?? []) {
    const n = parseJavaLong(amount);
    const scale = DURATION_SECONDS[unit];
    if (n === undefined || scale === undefined) {
      return undefined;
    }
    seconds += n * scale;
  }
  return parts ? { positive: seconds > 0n } : undefined;
}

const TTL_FIX =
  "Write the ttl as an amount and a unit, e.g. '7 DAY', '12 HOUR' or '1 MONTH', or leave it empty to keep the snapshot forever.";

/** Issues with a `ttl` value (the server's own messages). */
export function validateSnapshotTtl(value: string): ValidationIssue[] {
  if (value.trim() === '') {
    return [];
  }
  const parsed = parsePeriod(value) ?? parseDuration(value);
  if (!parsed) {
    return [
      {
        key: 'ttl',
        message: `Invalid ttl: '${value}'. Expected a duration such as '7 DAY' or '12 HOUR', or an empty value to keep the snapshot forever`,
        fix: TTL_FIX,
      },
    ];
  }
  return parsed.positive ? [] : [{ key: 'ttl', message: `ttl must be a positive duration, but got: ${value}`, fix: TTL_FIX }];
}
