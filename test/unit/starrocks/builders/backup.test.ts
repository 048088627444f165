import * as assert from 'assert';
import { buildBackup, BackupSpec, validateBackup } from '../../../../src/starrocks/builders/backup';
import { capabilitiesOf } from '../../../../src/starrocks/version';
import { ALL_VERSIONS, issueMessages, V25, V33, V34, V41, V42 } from '../helpers/servers';
import { structuralProblems } from '../helpers/sqlShape';

const spec: BackupSpec = { database: 'example_db', label: 'snapshot_label1', repository: 'example_repo' };

describe('starrocks/builders/backup', () => {
  it('2.5 to 3.3 grammar: BACKUP SNAPSHOT db.label TO repo', () => {
    for (const caps of [V25, V33]) {
      assert.strictEqual(buildBackup(spec, caps).sql, 'BACKUP SNAPSHOT `example_db`.`snapshot_label1` TO `example_repo`');
    }
  });

  it('3.4+ grammar: BACKUP DATABASE db SNAPSHOT label TO repo', () => {
    for (const caps of [V34, V41, V42]) {
      assert.strictEqual(buildBackup(spec, caps).sql, 'BACKUP DATABASE `example_db` SNAPSHOT `snapshot_label1` TO `example_repo`');
    }
  });

  it('writes the form every version accepts when the version probe failed', () => {
    const unknown = capabilitiesOf(undefined);
    assert.strictEqual(buildBackup(spec, unknown).sql, 'BACKUP SNAPSHOT `example_db`.`snapshot_label1` TO `example_repo`');
    const tables = { ...spec, tables: [{ name: 't1', partitions: ['p1'] }, { name: 't2' }] };
    assert.strictEqual(
      buildBackup(tables, unknown).sql,
      'BACKUP SNAPSHOT `example_db`.`snapshot_label1` TO `example_repo` ON (`t1` PARTITION (`p1`), `t2`)',
    );
  });

  it('lists tables and partitions in each grammar', () => {
    const tables = { ...spec, tables: [{ name: 't1', partitions: ['p1', 'p2'] }, { name: 't2' }, { name: 't3', partitions: [] }] };
    assert.strictEqual(
      buildBackup(tables, V33).sql,
      'BACKUP SNAPSHOT `example_db`.`snapshot_label1` TO `example_repo` ON (`t1` PARTITION (`p1`, `p2`), `t2`, `t3`)',
    );
    assert.strictEqual(
      buildBackup(tables, V34).sql,
      'BACKUP DATABASE `example_db` SNAPSHOT `snapshot_label1` TO `example_repo` ON (TABLE `t1` PARTITION (`p1`, `p2`), TABLE `t2`, TABLE `t3`)',
    );
  });

  it('writes type, timeout and (4.2) ttl properties', () => {
    const props = { ...spec, properties: { type: 'full', timeoutSeconds: 7200 } };
    assert.ok(buildBackup(props, V34).sql.endsWith(" PROPERTIES ('type' = 'full', 'timeout' = '7200')"));
    assert.ok(buildBackup({ ...spec, properties: { ttl: '7 DAY' } }, V42).sql.endsWith(" PROPERTIES ('ttl' = '7 DAY')"));
    assert.ok(buildBackup({ ...spec, properties: { ttl: '' } }, V42).sql.endsWith(" PROPERTIES ('ttl' = '')"));
  });

  it('is not destructive and has no secrets', () => {
    const built = buildBackup(spec, V34);
    assert.strictEqual(built.destructive, false);
    assert.strictEqual(built.display, built.sql);
  });

  it('refuses ttl before 4.2, like the server', () => {
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { ttl: '7 DAY' } }, V41)),
      ['Unknown backup job properties: [ttl]'],
    );
    const issue = validateBackup({ ...spec, properties: { ttl: '7 DAY' } }, V34)[0];
    assert.match(issue.fix ?? '', /4\.2/);
  });

  it('refuses bad properties with the server messages', () => {
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { timeoutSeconds: 599 } }, V34)),
      ['timeout must be at least 10 min'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { timeoutSeconds: 600.5 } }, V34)),
      ['Invalid timeout format: 600.5'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { type: 'INCREMENTAL' } }, V34)),
      ['Currently does not support incremental backup'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { type: 'DIFF' } }, V34)),
      ['Invalid backup job type: DIFF'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, properties: { ttl: '0 DAY' } }, V42)),
      ['ttl must be a positive duration, but got: 0 DAY'],
    );
  });

  it('refuses aliases, duplicated tables and bad names', () => {
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, tables: [{ name: 't1', alias: 't2' }] }, V34)),
      ['Can not set alias for table in Backup Stmt: t1 AS t2'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, tables: [{ name: 'T1' }, { name: 't1' }] }, V34)),
      ['Duplicated table: t1'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, label: 'a.b', repository: '1r', database: '' }, V34)),
      ["Incorrect database name ''", 'Label format error. regex: ^[-\\w]{1,128}$, label: a.b', "Incorrect repository name '1r'"],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildBackup({ ...spec, tables: [{ name: 't', partitions: ['p-1', 'p1', 'P1'] }] }, V34)),
      ["Incorrect partition name 'p-1'", 'Duplicated partition: P1 in table t'],
    );
  });

  it('builds one well-formed statement for every version', () => {
    for (const [version, caps] of ALL_VERSIONS) {
      const built = buildBackup(
        { ...spec, tables: [{ name: "we`ird 'name'\n", partitions: ['p1'] }], properties: { timeoutSeconds: 86400 } },
        caps,
      );
      assert.deepStrictEqual(structuralProblems(built.sql), [], version);
    }
  });
});
