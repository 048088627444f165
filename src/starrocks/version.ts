/**
 * Server versions and what each can do. Everything version-dependent in the extension asks a
 * `Capabilities` object rather than comparing version numbers itself.
 */

export interface ServerVersion {
  major: number;
  minor: number;
  patch: number;
  /** The string the server reported, e.g. `3.4.1-a1b2c3d`. */
  raw: string;
}

export interface Capabilities {
  /** 3.4+: `BACKUP DATABASE x SNAPSHOT`, object keywords, `RESTORE … DATABASE x AS y`, auto-created target db. */
  newBackupGrammar: boolean;
  /** 4.2+: `DROP SNAPSHOT … ON repo [FORCE]`, BACKUP `ttl`, retention columns in SHOW SNAPSHOT. */
  dropSnapshot: boolean;
  /** 3.0+: RBAC privileges (REPOSITORY on SYSTEM, EXPORT on tables); before that ADMIN. */
  rbac: boolean;
  /** 3.4+: PROPERTIES may be omitted from CREATE REPOSITORY. */
  optionalRepositoryProperties: boolean;
  /** 4.2+: WHERE / ORDER BY / LIMIT on SHOW BACKUP / RESTORE / SNAPSHOT. */
  showPredicates: boolean;
  /** 3.2+: server-side prepared statements exist (the extension still uses the text protocol). */
  preparedStatements: boolean;
  /**
   * 3.4+: BACKUP takes views. Before, BackupHandler refuses any table that is not OLAP (3.2–3.3:
   * OLAP or materialized view), and a BACKUP without ON lists every table of the database, views
   * included, so it fails on a database that holds a view.
   */
  backupViews: boolean;
  /**
   * False when the version probe failed and these capabilities are assumed (3.4). Builders then
   * write the grammar every supported version accepts (`BACKUP SNAPSHOT db.label`) unless the
   * user's choices need 3.4+ syntax.
   */
  versionKnown: boolean;
}

/** Parses `3.4.1`, `3.4.1-a1b2c3d`, `4.2.0-rc01` or `5.1.0 3.3.2-abc` (MySQL-style prefix). */
export function parseServerVersion(raw: string): ServerVersion | undefined {
  const text = raw.trim();
  const candidates = text.split(/\s+/).reverse();
  for (const part of candidates) {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(part);
    if (m) {
      return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), raw: text };
    }
  }
  return undefined;
}

export function compareVersions(
  a: Pick<ServerVersion, 'major' | 'minor' | 'patch'>,
  b: Pick<ServerVersion, 'major' | 'minor' | 'patch'>,
): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

function atLeast(v: ServerVersion, major: number, minor: number): boolean {
  return compareVersions(v, { major, minor, patch: 0 }) >= 0;
}

export function capabilitiesOf(version: ServerVersion | undefined): Capabilities {
  // An unknown version is treated as the newest stable grammar before 4.2 (3.4): the safest
  // superset that does not offer 4.2-only statements the server may reject.
  const v = version ?? { major: 3, minor: 4, patch: 0, raw: 'unknown' };
  return {
    newBackupGrammar: atLeast(v, 3, 4),
    dropSnapshot: atLeast(v, 4, 2),
    rbac: atLeast(v, 3, 0),
    optionalRepositoryProperties: atLeast(v, 3, 4),
    showPredicates: atLeast(v, 4, 2),
    preparedStatements: atLeast(v, 3, 2),
    backupViews: atLeast(v, 3, 4),
    versionKnown: version !== undefined,
  };
}
