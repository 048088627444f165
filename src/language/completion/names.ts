/** How a server name is written into the statement: bare when it can be, in backticks otherwise. */
import { quoteIdentifier } from '../../starrocks/identifiers';
import type { CursorContext } from '../cursorContext';

/** Words that would be read as keywords if written bare. */
const RESERVED = new Set([
  'ALL',
  'AND',
  'AS',
  'BACKUP',
  'BY',
  'CANCEL',
  'CREATE',
  'DATABASE',
  'DROP',
  'FOR',
  'FROM',
  'IN',
  'LIMIT',
  'LOCATION',
  'ON',
  'OR',
  'ORDER',
  'PARTITION',
  'PARTITIONS',
  'PROPERTIES',
  'RESTORE',
  'SELECT',
  'SHOW',
  'SNAPSHOT',
  'TABLE',
  'TABLES',
  'TEMPORARY',
  'TO',
  'VIEW',
  'WHERE',
  'WITH',
]);

export function needsQuoting(name: string): boolean {
  return !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name.toUpperCase());
}

/** `name` as it goes at the cursor: raw inside backticks the user opened, quoted when needed. */
export function formatName(name: string, ctx: Pick<CursorContext, 'inBackticks'>): string {
  if (ctx.inBackticks) return name.replace(/`/g, '``');
  return needsQuoting(name) ? quoteIdentifier(name) : name;
}
