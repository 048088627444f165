/**
 * What differs between the StarRocks releases the sandbox can pretend to be. Everything
 * version-dependent in the sandbox asks this profile instead of comparing version strings.
 */
import type { TableKind } from '../catalog/table';

export type SandboxVersion = '2.5' | '3.3' | '3.4' | '4.0' | '4.2';

export const SANDBOX_VERSIONS: readonly SandboxVersion[] = ['2.5', '3.3', '3.4', '4.0', '4.2'];

export interface VersionProfile {
  version: SandboxVersion;
  /** What `SELECT current_version()` returns, e.g. `3.4.1-sandbox`. */
  currentVersion: string;
  /** 3.4+: `BACKUP DATABASE x SNAPSHOT`, object keywords, `RESTORE … DATABASE x AS y`. */
  newBackupGrammar: boolean;
  /** 4.2+: DROP SNAPSHOT, the `ttl` property, retention columns, WHERE/ORDER BY/LIMIT on SHOW jobs. */
  snapshotRetention: boolean;
  /** 3.0+: RBAC (REPOSITORY on SYSTEM, EXPORT on tables); before that the global ADMIN privilege. */
  rbac: boolean;
  /** 3.4+: PROPERTIES may be omitted from CREATE REPOSITORY. */
  optionalRepositoryProperties: boolean;
  /** 2.x: most failures reach the client as 1064 / HY000 (issue StarRocks#13382). */
  legacyErrorCodes: boolean;
  /** 3.3+: the renumbered ErrorCode table (Unknown database = 5501 / 3F000) instead of MySQL's 1049. */
  renumberedErrorCodes: boolean;
  /**
   * 2.x: the parser's ErrorHandler words syntax errors MySQL's way (`You have an error in your SQL
   * syntax; … near 'x' at line N`); 3.0+ says `Getting syntax error at line L, column C. …`.
   */
  mysqlStyleSyntaxErrors: boolean;
  /**
   * Which tables BackupHandler.backup accepts (every table the analyzer collected, so a
   * database-wide BACKUP fails on the first one it refuses): 2.x only OLAP tables, 3.2–3.3 OLAP
   * tables and materialized views, 3.4+ views as well.
   */
  backupTableKinds: readonly TableKind[];
}

const PATCH_LEVEL: Record<SandboxVersion, string> = {
  '2.5': '2.5.22',
  '3.3': '3.3.9',
  '3.4': '3.4.1',
  '4.0': '4.0.2',
  '4.2': '4.2.0',
};

export function isSandboxVersion(value: string): value is SandboxVersion {
  return (SANDBOX_VERSIONS as readonly string[]).includes(value);
}

export function versionProfile(version: SandboxVersion): VersionProfile {
  const [major, minor] = version.split('.').map(Number);
  const atLeast = (m: number, n: number) => major > m || (major === m && minor >= n);
  return {
    version,
    currentVersion: `${PATCH_LEVEL[version]}-sandbox`,
    newBackupGrammar: atLeast(3, 4),
    snapshotRetention: atLeast(4, 2),
    rbac: atLeast(3, 0),
    optionalRepositoryProperties: atLeast(3, 4),
    legacyErrorCodes: !atLeast(3, 0),
    // UNVERIFIED which release renumbered ErrorCode; the 5xxx DDL block sits next to 3.2-era
    // entries (location-aware colocate tables), so 3.3 is the most likely first release with it.
    renumberedErrorCodes: atLeast(3, 3),
    mysqlStyleSyntaxErrors: !atLeast(3, 0),
    backupTableKinds: atLeast(3, 4) ? ['OLAP', 'MATERIALIZED_VIEW', 'VIEW'] : atLeast(3, 2) ? ['OLAP', 'MATERIALIZED_VIEW'] : ['OLAP'],
  };
}
