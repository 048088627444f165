import * as assert from 'assert';
import { cancelJob } from '../../../../src/starrocks/builders/cancelJob';
import {
  currentVersion,
  showBackup,
  showDatabases,
  showPartitions,
  showRepositories,
  showRestore,
  showRunMode,
  showSnapshots,
  showTables,
} from '../../../../src/starrocks/builders/show';
import { dropSnapshot } from '../../../../src/starrocks/builders/dropSnapshot';
import { DialectError } from '../../../../src/starrocks/dialectError';
import { issueMessages, V34, V41, V42 } from '../helpers/servers';
import { literalValues, structuralProblems } from '../helpers/sqlShape';

describe('starrocks/builders/show', () => {
  it('SHOW REPOSITORIES, DATABASES, current_version() and run mode', () => {
    assert.strictEqual(showRepositories().sql, 'SHOW REPOSITORIES');
    assert.strictEqual(showDatabases().sql, 'SHOW DATABASES');
    assert.strictEqual(currentVersion().sql, 'SELECT current_version()');
    assert.strictEqual(showRunMode().sql, "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'");
  });

  it('SHOW SNAPSHOT in its list, single and detail forms', () => {
    assert.strictEqual(showSnapshots('repo').sql, 'SHOW SNAPSHOT ON `repo`');
    assert.strictEqual(showSnapshots('repo', { snapshot: "it's" }).sql, "SHOW SNAPSHOT ON `repo` WHERE SNAPSHOT = 'it\\'s'");
    assert.strictEqual(
      showSnapshots('repo', { snapshot: 's1', timestamp: '2024-01-01-00-00-00-001' }).sql,
      "SHOW SNAPSHOT ON `repo` WHERE SNAPSHOT = 's1' AND TIMESTAMP = '2024-01-01-00-00-00-001'",
    );
    assert.strictEqual(showSnapshots('repo', { snapshots: ['a', 'b'] }).sql, "SHOW SNAPSHOT ON `repo` WHERE SNAPSHOT IN ('a', 'b')");
  });

  it('refuses empty IN lists, bad timestamps and bad names', () => {
    assert.throws(() => showSnapshots('repo', { snapshots: [] }), DialectError);
    assert.deepStrictEqual(
      issueMessages(() => showSnapshots('repo', { snapshot: 's', timestamp: "x' OR '1'='1" })),
      ["Invalid snapshot timestamp: 'x' OR '1'='1'"],
    );
    assert.deepStrictEqual(
      issueMessages(() => showSnapshots('re po')),
      ["Incorrect repository name 're po'"],
    );
  });

  it('SHOW BACKUP / SHOW RESTORE with and without a database', () => {
    assert.strictEqual(showBackup().sql, 'SHOW BACKUP');
    assert.strictEqual(showBackup('db-1').sql, 'SHOW BACKUP FROM `db-1`');
    assert.strictEqual(showRestore().sql, 'SHOW RESTORE');
    assert.strictEqual(showRestore('db').sql, 'SHOW RESTORE FROM `db`');
    assert.deepStrictEqual(
      issueMessages(() => showBackup('a`b')),
      ["Incorrect database name 'a`b'"],
    );
  });

  it('CANCEL is destructive and warns about restores', () => {
    const backup = cancelJob('BACKUP', 'db');
    assert.strictEqual(backup.sql, 'CANCEL BACKUP FROM `db`');
    assert.strictEqual(backup.destructive, true);
    const restore = cancelJob('RESTORE', 'db');
    assert.strictEqual(restore.sql, 'CANCEL RESTORE FROM `db`');
    assert.match(restore.notes[0], /COMMIT/);
  });

  it('DROP SNAPSHOT on 4.2+, with FORCE; refused before', () => {
    assert.strictEqual(dropSnapshot('s1', 'repo', false, V42).sql, 'DROP SNAPSHOT `s1` ON `repo`');
    const forced = dropSnapshot('s1', 'repo', true, V42);
    assert.strictEqual(forced.sql, 'DROP SNAPSHOT `s1` ON `repo` FORCE');
    assert.strictEqual(forced.destructive, true);
    for (const caps of [V34, V41]) {
      assert.deepStrictEqual(
        issueMessages(() => dropSnapshot('s1', 'repo', false, caps)),
        ['DROP SNAPSHOT needs StarRocks 4.2 or later'],
      );
    }
  });

  it('SHOW TABLES and SHOW PARTITIONS quote their names', () => {
    assert.strictEqual(showTables('db').sql, 'SHOW TABLES FROM `db`');
    const partitions = showPartitions('db', 'we`ird; DROP TABLE x');
    assert.strictEqual(partitions.sql, 'SHOW PARTITIONS FROM `db`.`we``ird; DROP TABLE x`');
    assert.deepStrictEqual(structuralProblems(partitions.sql), []);
    assert.deepStrictEqual(literalValues(partitions.sql), ['db', 'we`ird; DROP TABLE x']);
  });
});
