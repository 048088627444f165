/** Comparing what the two sides answered: pure functions over readings, no statements. */
import type { Comparison, Reading, Verdict } from './types';

/** Worst first: what a table's verdict is when its parts disagree. */
const SEVERITY: readonly Verdict[] = ['unreadable', 'missingOnTarget', 'missingOnSource', 'differs', 'equal'];

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return SEVERITY.find((v) => verdicts.includes(v)) ?? 'equal';
}

/**
 * One comparison. A checksum that was asked for but could not be read on a side makes the
 * comparison `unreadable` even when the counts agree: "equal" then would claim more than was checked.
 */
export function compareReadings(source: Reading, target: Reading, checksum: boolean): Comparison {
  if (source.kind === 'error' || target.kind === 'error') return { verdict: 'unreadable', source, target };
  if (source.kind === 'missing') return { verdict: 'missingOnSource', source, target };
  if (target.kind === 'missing') return { verdict: 'missingOnTarget', source, target };
  const differsIn: ('rows' | 'checksum')[] = [];
  if (source.rows !== target.rows) differsIn.push('rows');
  if (checksum && source.checksum !== undefined && target.checksum !== undefined && source.checksum !== target.checksum) {
    differsIn.push('checksum');
  }
  if (differsIn.length > 0) return { verdict: 'differs', source, target, differsIn };
  if (checksum && (source.checksum === undefined || target.checksum === undefined)) return { verdict: 'unreadable', source, target };
  return { verdict: 'equal', source, target };
}

/**
 * A partitioned table's total on one side: the sum over its compared partitions. A partition that
 * could not be read makes the total unreadable; partitions the side lacks add nothing; a side with
 * none of them (or without the table) is missing.
 */
export function sumReadings(readings: readonly Reading[], checksum: boolean): Reading {
  const failed = readings.find((r): r is Extract<Reading, { kind: 'error' }> => r.kind === 'error');
  if (failed) return { kind: 'error', reason: failed.reason };
  const present = readings.filter((r): r is Extract<Reading, { kind: 'rows' }> => r.kind === 'rows');
  if (present.length === 0) return { kind: 'missing' };
  const rows = present.reduce((sum, r) => sum + r.rows, 0);
  if (!checksum) return { kind: 'rows', rows };
  const checksumError = present.find((r) => r.checksumError !== undefined)?.checksumError;
  if (checksumError !== undefined || present.some((r) => r.checksum === undefined)) return { kind: 'rows', rows, checksumError };
  // BigInt: the per-partition sums are BIGINTs, and their sum must not lose digits in a double.
  const total = present.reduce((sum, r) => sum + BigInt(r.checksum ?? '0'), 0n);
  return { kind: 'rows', rows, checksum: total.toString() };
}
