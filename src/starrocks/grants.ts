/**
 * SHOW GRANTS, read to tell before a BACKUP or RESTORE whether the user holds what the statement
 * needs (spec §7) and which GRANT is missing. A precheck only: when the output cannot be read, or a
 * role's privileges are not known, the answer is "unknown" and the server decides.
 *
 * Shapes read: before 3.0 one row with `GlobalPrivs` (`Node_priv Admin_priv  (false)`); from 3.0
 * one `GRANT … TO …` statement per row in `Grants` — role grants (`GRANT 'root', 'db_admin' TO
 * 'u'@'%'`) and privileges (`GRANT EXPORT ON ALL TABLES IN DATABASE db TO USER 'u'@'%'`).
 */
import { quoteIdentifier } from './identifiers';
import type { Rows } from './reads';
import { significantTokens, type Token } from './sqlLexer';

/** A privilege on an object, as a 3.x GRANT names it; names as written, compared case-insensitively. */
export interface PrivilegeGrant {
  /** Upper case, e.g. `EXPORT`, `CREATE TABLE`, `ALL`. */
  privileges: string[];
  /** Upper case object type: `SYSTEM`, `CATALOG`, `DATABASE`, `TABLE`, … */
  objectType: string;
  /** `ALL TABLES IN DATABASE db` → `{ all: true, database: 'db' }`; `TABLE db.t` → `{ database: 'db', name: 't' }`. */
  all: boolean;
  /** `ALL TABLES IN ALL DATABASES` / `ALL DATABASES`: any database. */
  allDatabases: boolean;
  database?: string;
  name?: string;
}

export interface GrantSet {
  /** Before 3.0: the global ADMIN privilege. From 3.0: not used (roles stand for it). */
  admin: boolean;
  /** Roles granted to the user (3.0+), as written. */
  roles: string[];
  privileges: PrivilegeGrant[];
}

/** Roles whose privileges cover every backup and restore statement. */
const ALL_POWERFUL_ROLES = ['root', 'db_admin'];

/** The grants of SHOW GRANTS (or SHOW GRANTS FOR ROLE) rows; undefined when their shape is not one this reads. */
export function parseShowGrants(rows: Rows): GrantSet | undefined {
  const set: GrantSet = { admin: false, roles: [], privileges: [] };
  if (rows.length === 0) return set;
  const columns = Object.keys(rows[0]);
  if (columns.includes('GlobalPrivs')) {
    set.admin = rows.some((row) => /\b(admin_priv|node_priv)\b/i.test(String(row.GlobalPrivs ?? '')));
    return set;
  }
  if (!columns.includes('Grants')) return undefined;
  for (const row of rows) {
    const text = row.Grants;
    if (typeof text !== 'string') continue;
    if (!readGrant(significantTokens(text), set)) return undefined;
  }
  return set;
}

function upper(token: Token | undefined): string {
  return token?.kind === 'word' ? token.text.toUpperCase() : '';
}

/** One `GRANT … TO …` statement into `set`; false when it is not one. */
function readGrant(tokens: Token[], set: GrantSet): boolean {
  if (upper(tokens[0]) !== 'GRANT') return false;
  const to = tokens.findIndex((t) => upper(t) === 'TO');
  if (to < 0) return false;
  const body = tokens.slice(1, to);
  const on = body.findIndex((t) => upper(t) === 'ON');
  if (on < 0) {
    // `GRANT 'r1', 'r2' TO …`: roles.
    for (const t of body) if (t.kind === 'string' || t.kind === 'word' || t.kind === 'quotedIdentifier') set.roles.push(t.value);
    return true;
  }
  const privileges: string[] = [];
  let words: string[] = [];
  for (const t of body.slice(0, on)) {
    if (t.kind === 'punctuation' && t.text === ',') {
      privileges.push(words.join(' '));
      words = [];
    } else words.push(t.text.toUpperCase());
  }
  if (words.length) privileges.push(words.join(' '));
  const object = body.slice(on + 1);
  set.privileges.push({ privileges, ...readObject(object) });
  return true;
}

function readObject(tokens: Token[]): Omit<PrivilegeGrant, 'privileges'> {
  const first = upper(tokens[0]);
  if (first === 'ALL') {
    // ALL TABLES IN DATABASE db | ALL TABLES IN ALL DATABASES | ALL DATABASES | ALL CATALOGS
    const objectType = singular(upper(tokens[1]));
    const inAt = tokens.findIndex((t) => upper(t) === 'IN');
    if (inAt < 0) return { objectType, all: true, allDatabases: objectType === 'DATABASE' };
    if (upper(tokens[inAt + 1]) === 'ALL') return { objectType, all: true, allDatabases: true };
    return { objectType, all: true, allDatabases: false, database: tokens[inAt + 2]?.value };
  }
  const objectType = first;
  const names = tokens.slice(1).filter((t) => t.kind !== 'punctuation');
  if (objectType === 'TABLE' || objectType === 'VIEW' || objectType === 'MATERIALIZED') {
    const parts = tokens.slice(objectType === 'MATERIALIZED' ? 2 : 1).filter((t) => !(t.kind === 'punctuation' && t.text === '.'));
    return parts.length >= 2
      ? { objectType: 'TABLE', all: false, allDatabases: false, database: parts[0].value, name: parts[1].value }
      : { objectType: 'TABLE', all: false, allDatabases: false, name: parts[0]?.value };
  }
  return { objectType, all: false, allDatabases: false, name: names[0]?.value };
}

function singular(word: string): string {
  return word.endsWith('S') ? word.slice(0, -1) : word;
}

/** What a statement needs (spec §7). */
export type PrivilegeNeed =
  | { on: 'SYSTEM'; privilege: 'REPOSITORY' }
  | { on: 'CATALOG'; privilege: 'CREATE DATABASE' }
  | { on: 'DATABASE'; privilege: 'CREATE TABLE'; database: string }
  | { on: 'TABLE'; privilege: 'EXPORT' | 'INSERT'; database: string; table: string }
  | { on: 'ADMIN' };

/** What a BACKUP of these tables needs: ADMIN before 3.0; REPOSITORY on SYSTEM and EXPORT on each table after. */
export function backupNeeds(rbac: boolean, database: string, tables: readonly string[]): PrivilegeNeed[] {
  if (!rbac) return [{ on: 'ADMIN' }];
  return [
    { on: 'SYSTEM', privilege: 'REPOSITORY' },
    ...tables.map((table): PrivilegeNeed => ({ on: 'TABLE', privilege: 'EXPORT', database, table })),
  ];
}

/**
 * What a RESTORE needs: ADMIN before 3.0; after, REPOSITORY on SYSTEM and either CREATE DATABASE on
 * the catalog (whole snapshot) or CREATE TABLE on the target database and INSERT on the tables it
 * overwrites (with an ON list).
 */
export function restoreNeeds(rbac: boolean, database: string, withOnList: boolean, overwritten: readonly string[]): PrivilegeNeed[] {
  if (!rbac) return [{ on: 'ADMIN' }];
  const needs: PrivilegeNeed[] = [{ on: 'SYSTEM', privilege: 'REPOSITORY' }];
  if (!withOnList) needs.push({ on: 'CATALOG', privilege: 'CREATE DATABASE' });
  else {
    needs.push({ on: 'DATABASE', privilege: 'CREATE TABLE', database });
    for (const table of overwritten) needs.push({ on: 'TABLE', privilege: 'INSERT', database, table });
  }
  return needs;
}

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

function grants(grant: PrivilegeGrant, privilege: string): boolean {
  return grant.privileges.some((p) => p === privilege || p === 'ALL' || p === 'ALL PRIVILEGES');
}

function covers(grant: PrivilegeGrant, need: Exclude<PrivilegeNeed, { on: 'ADMIN' }>): boolean {
  if (!grants(grant, need.privilege)) return false;
  switch (need.on) {
    case 'SYSTEM':
      return grant.objectType === 'SYSTEM';
    case 'CATALOG':
      return grant.objectType === 'CATALOG' && (grant.all || same(grant.name, 'default_catalog'));
    case 'DATABASE':
      return grant.objectType === 'DATABASE' && (grant.allDatabases || same(grant.name, need.database));
    case 'TABLE':
      return (
        grant.objectType === 'TABLE' &&
        (grant.allDatabases || same(grant.database, need.database)) &&
        (grant.all || same(grant.name, need.table))
      );
  }
}

export type PrivilegeCheck =
  | { status: 'ok' }
  | { status: 'missing'; missing: PrivilegeNeed[] }
  /** The grants do not tell (e.g. a role whose privileges were not read): the server decides. */
  | { status: 'unknown'; reason: 'roles'; roles: string[] };

/**
 * Whether `set` holds every need. `roleGrants` holds what SHOW GRANTS FOR ROLE returned for the
 * user's roles (those missing from it make the answer unknown rather than "missing").
 */
export function checkPrivileges(
  set: GrantSet,
  needs: readonly PrivilegeNeed[],
  roleGrants: ReadonlyMap<string, GrantSet> = new Map(),
): PrivilegeCheck {
  if (set.roles.some((r) => ALL_POWERFUL_ROLES.includes(r.toLowerCase()))) return { status: 'ok' };
  const held = [...set.privileges, ...[...roleGrants.values()].flatMap((g) => g.privileges)];
  const missing = needs.filter((need) => (need.on === 'ADMIN' ? !set.admin : !held.some((g) => covers(g, need))));
  if (missing.length === 0) return { status: 'ok' };
  const unread = set.roles.filter((r) => !roleGrants.has(r) && r.toLowerCase() !== 'public');
  if (unread.length > 0) return { status: 'unknown', reason: 'roles', roles: unread };
  return { status: 'missing', missing };
}

/** The GRANT that gives `need` to `user` (`'name'@'host'` as SHOW GRANTS writes it). */
export function grantFor(need: PrivilegeNeed, user: string): string {
  switch (need.on) {
    case 'ADMIN':
      return `GRANT ADMIN_PRIV ON *.* TO ${user}`;
    case 'SYSTEM':
      return `GRANT REPOSITORY ON SYSTEM TO USER ${user}`;
    case 'CATALOG':
      return `GRANT CREATE DATABASE ON CATALOG default_catalog TO USER ${user}`;
    case 'DATABASE':
      return `GRANT CREATE TABLE ON DATABASE ${quoteIdentifier(need.database)} TO USER ${user}`;
    case 'TABLE':
      return `GRANT ${need.privilege} ON TABLE ${quoteIdentifier(need.database)}.${quoteIdentifier(need.table)} TO USER ${user}`;
  }
}

/** The user SHOW GRANTS rows are about (`'u'@'%'`), for the GRANTs it suggests. */
export function grantee(rows: Rows): string | undefined {
  const identity = rows[0]?.UserIdentity;
  return typeof identity === 'string' ? identity : undefined;
}
