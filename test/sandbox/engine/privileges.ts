/**
 * Accounts and the privilege model of the chosen version (spec §7): the global ADMIN privilege
 * before 3.0, RBAC (REPOSITORY on SYSTEM, EXPORT on tables, …) after. Grants are kept as
 * normalised text such as `REPOSITORY ON SYSTEM` or `EXPORT ON TABLE DEMO_SALES.ORDERS`.
 */
import type { ErrorReporter } from '../errors/errorReporter';
import type { SqlError } from '../errors/sqlError';
import type { VersionProfile } from '../version/versionProfile';
import type { AuthPlugin, FeAccount } from '../wire/feServer';

export interface AccountSpec {
  user: string;
  password: string;
  /** Grants in the text form of a GRANT statement, e.g. `REPOSITORY ON SYSTEM`, `EXPORT ON ALL TABLES IN ALL DATABASES`, `ADMIN`. */
  privileges?: string[];
  /** `mysql_clear_password` for an LDAP-style user. */
  authPlugin?: AuthPlugin;
}

export type Requirement =
  | { on: 'SYSTEM'; privilege: string }
  | { on: 'CATALOG'; privilege: string }
  | { on: 'DATABASE'; privilege: string; db: string }
  | { on: 'TABLE'; privilege: string; db: string; table: string };

interface Account extends FeAccount {
  superuser: boolean;
  grants: Set<string>;
  /** Each normalised grant as it was written, for SHOW GRANTS (the server keeps names' case). */
  written: Map<string, string>;
}

export class AccountStore {
  private readonly accounts = new Map<string, Account>();

  constructor(
    private readonly profile: VersionProfile,
    private readonly errors: ErrorReporter,
  ) {}

  add(spec: AccountSpec, superuser = false): void {
    this.accounts.set(spec.user, {
      name: spec.user,
      password: spec.password,
      authPlugin: spec.authPlugin ?? 'mysql_native_password',
      superuser,
      grants: new Set((spec.privileges ?? []).map(normaliseGrant)),
      written: new Map((spec.privileges ?? []).map((text) => [normaliseGrant(text), writtenGrant(text)])),
    });
  }

  find(user: string): FeAccount | undefined {
    return this.accounts.get(user);
  }

  grant(user: string, privileges: string[], object: string, revoke: boolean): boolean {
    const account = this.accounts.get(user);
    if (!account) return false;
    for (const privilege of privileges) {
      const text = `${privilege} ON ${object}`;
      const grant = normaliseGrant(text);
      if (revoke) {
        account.grants.delete(grant);
        account.written.delete(grant);
      } else {
        account.grants.add(grant);
        account.written.set(grant, writtenGrant(text));
      }
    }
    return true;
  }

  grantsOf(user: string): string[] {
    const account = this.accounts.get(user);
    if (!account) return [];
    return account.superuser ? ['ALL ON *.*'] : [...account.grants];
  }

  /**
   * What SHOW GRANTS shows of an account (spec §7): before 3.0 the global privileges column of the
   * old privilege tables; from 3.0 the root role of a superuser, else each grant as a GRANT
   * statement, in the case it was written.
   */
  shownGrants(user: string): { superuser: boolean; grants: string[] } | undefined {
    const account = this.accounts.get(user);
    if (!account) return undefined;
    return { superuser: account.superuser, grants: [...account.grants].map((g) => account.written.get(g) ?? g) };
  }

  /**
   * Throws the version's access-denied error unless `user` satisfies `requirement`. Before 3.0
   * the global ADMIN privilege stands in for every requirement.
   */
  require(user: string, requirement: Requirement): void {
    if (!this.allows(user, requirement)) throw this.denied(requirement);
  }

  allows(user: string, requirement: Requirement): boolean {
    const account = this.accounts.get(user);
    if (!account) return false;
    if (account.superuser) return true;
    if (!this.profile.rbac) return account.grants.has('ADMIN') || account.grants.has('ADMIN_PRIV ON *.*');
    return candidateGrants(requirement).some((g) => account.grants.has(g));
  }

  private denied(requirement: Requirement): SqlError {
    if (!this.profile.rbac) {
      return this.errors.handler('Access denied; you need (at least one of) the ADMIN privilege(s) for this operation', 'accessDenied');
    }
    const object =
      requirement.on === 'SYSTEM'
        ? 'SYSTEM'
        : requirement.on === 'CATALOG'
          ? 'CATALOG default_catalog'
          : requirement.on === 'DATABASE'
            ? `DATABASE ${requirement.db}`
            : `TABLE ${requirement.table}`;
    return this.errors.handler(
      `Access denied; you need (at least one of) the ${requirement.privilege} privilege(s) on ${object} for this operation. ` +
        'Please ask the admin to grant permission(s) or try activating existing roles using <set [default] role>. ' +
        'Current role(s): NONE. Inactivated role(s): NONE.',
      'accessDenied',
    );
  }
}

/** The grant with its whitespace tidied, keeping its case. */
function writtenGrant(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function normaliseGrant(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim().toUpperCase();
}

/** Every grant text that satisfies a requirement (the object itself, or a wider one). */
function candidateGrants(requirement: Requirement): string[] {
  const p = requirement.privilege.toUpperCase();
  const privileges = [p, 'ALL', 'ALL PRIVILEGES'];
  const objects: string[] = [];
  switch (requirement.on) {
    case 'SYSTEM':
      objects.push('SYSTEM');
      break;
    case 'CATALOG':
      objects.push('CATALOG DEFAULT_CATALOG', 'ALL CATALOGS');
      break;
    case 'DATABASE':
      objects.push(`DATABASE ${requirement.db.toUpperCase()}`, 'ALL DATABASES');
      break;
    case 'TABLE': {
      const db = requirement.db.toUpperCase();
      objects.push(`TABLE ${db}.${requirement.table.toUpperCase()}`, `ALL TABLES IN DATABASE ${db}`, 'ALL TABLES IN ALL DATABASES');
      break;
    }
  }
  return privileges.flatMap((priv) => objects.map((object) => `${priv} ON ${object}`));
}
