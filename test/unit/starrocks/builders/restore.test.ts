import * as assert from 'assert';
import { buildRestore, RestoreSpec } from '../../../../src/starrocks/builders/restore';
import { capabilitiesOf } from '../../../../src/starrocks/version';
import { ALL_VERSIONS, issueMessages, V25, V33, V34, V42 } from '../helpers/servers';
import { literalValues, structuralProblems } from '../helpers/sqlShape';

const spec: RestoreSpec = {
  database: 'example_db',
  label: 'snapshot_label1',
  repository: 'example_repo',
  timestamp: '2023-02-07-03-09-43-561',
};

describe('starrocks/builders/restore', () => {
  it('2.5 to 3.3 grammar: RESTORE SNAPSHOT db.label FROM repo', () => {
    for (const caps of [V25, V33]) {
      const built = buildRestore(spec, caps);
      assert.strictEqual(
        built.sql,
        "RESTORE SNAPSHOT `example_db`.`snapshot_label1` FROM `example_repo` PROPERTIES ('backup_timestamp' = '2023-02-07-03-09-43-561')",
      );
      assert.match(built.notes.join(' '), /does not create databases: example_db must exist/);
    }
  });

  it('3.4+ grammar: RESTORE SNAPSHOT label FROM repo DATABASE db', () => {
    assert.strictEqual(
      buildRestore(spec, V34).sql,
      "RESTORE SNAPSHOT `snapshot_label1` FROM `example_repo` DATABASE `example_db` PROPERTIES ('backup_timestamp' = '2023-02-07-03-09-43-561')",
    );
  });

  it('unknown version: the form every version accepts, unless DATABASE x AS y needs the 3.4+ one', () => {
    const unknown = capabilitiesOf(undefined);
    const portable = buildRestore({ ...spec, tables: [{ name: 't1', partitions: ['p1'], alias: 't1_new' }] }, unknown);
    assert.strictEqual(
      portable.sql,
      "RESTORE SNAPSHOT `example_db`.`snapshot_label1` FROM `example_repo` ON (`t1` PARTITION (`p1`) AS `t1_new`) PROPERTIES ('backup_timestamp' = '2023-02-07-03-09-43-561')",
    );
    assert.match(portable.notes.join(' '), /version is unknown.*example_db must exist/);
    assert.ok(
      buildRestore({ ...spec, targetDatabase: 'example_db' }, unknown).sql.startsWith('RESTORE SNAPSHOT `example_db`.`snapshot_label1`'),
    );
    const renamed = buildRestore({ ...spec, targetDatabase: 'restored_db', tables: [{ name: 't1' }] }, unknown);
    assert.strictEqual(
      renamed.sql,
      "RESTORE SNAPSHOT `snapshot_label1` FROM `example_repo` DATABASE `example_db` AS `restored_db` ON (TABLE `t1`) PROPERTIES ('backup_timestamp' = '2023-02-07-03-09-43-561')",
    );
  });

  it('is destructive and says what it overwrites', () => {
    const built = buildRestore(spec, V34);
    assert.strictEqual(built.destructive, true);
    assert.match(built.notes[0], /overwritten/);
  });

  it('3.4+: DATABASE x AS y, with a note; omitted AS when the name is the same', () => {
    const built = buildRestore({ ...spec, targetDatabase: 'restored_db' }, V34);
    assert.ok(built.sql.includes('DATABASE `example_db` AS `restored_db` PROPERTIES'));
    assert.match(built.notes.join(' '), /restored into restored_db, which is created/);
    assert.ok(!buildRestore({ ...spec, targetDatabase: 'example_db' }, V34).sql.includes(' AS '));
  });

  it('refuses DATABASE x AS y before 3.4', () => {
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, targetDatabase: 'other' }, V33)),
      ['Restoring into another database (RESTORE … DATABASE x AS y) needs StarRocks 3.4 or later'],
    );
    assert.ok(
      buildRestore({ ...spec, targetDatabase: 'example_db' }, V33).sql.startsWith('RESTORE SNAPSHOT `example_db`.`snapshot_label1`'),
    );
  });

  it('lists tables with partitions and aliases in each grammar', () => {
    const tables = { ...spec, tables: [{ name: 't1', partitions: ['p1'], alias: 't1_restored' }, { name: 't2' }] };
    assert.ok(buildRestore(tables, V33).sql.includes(' ON (`t1` PARTITION (`p1`) AS `t1_restored`, `t2`) '));
    assert.ok(buildRestore(tables, V34).sql.includes(' ON (TABLE `t1` PARTITION (`p1`) AS `t1_restored`, TABLE `t2`) '));
  });

  it('writes every restore property', () => {
    const built = buildRestore(
      { ...spec, properties: { replicationNum: 1, allowLoad: false, timeoutSeconds: 3600, metaVersion: 10, starrocksMetaVersion: 3 } },
      V42,
    );
    assert.deepStrictEqual(literalValues(built.sql).slice(-12), [
      'backup_timestamp',
      spec.timestamp,
      'replication_num',
      '1',
      'allow_load',
      'false',
      'timeout',
      '3600',
      'meta_version',
      '10',
      'starrocks_meta_version',
      '3',
    ]);
  });

  it('keeps second-precision timestamps verbatim', () => {
    assert.ok(buildRestore({ ...spec, timestamp: '2018-05-04-17-11-01' }, V34).sql.includes("'backup_timestamp' = '2018-05-04-17-11-01'"));
  });

  it('refuses bad properties and table lists with the server messages', () => {
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, properties: { timeoutSeconds: 10, replicationNum: 1.5 } }, V34)),
      ['Invalid meta version format: 1.5', 'timeout must be at least 10 min'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, timestamp: '' }, V34)),
      ["Invalid backup_timestamp: ''"],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, tables: [{ name: 't1' }, { name: 'T1' }] }, V34)),
      ['Duplicated table: T1'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, tables: [{ name: 't1', alias: 't2' }, { name: 't2' }] }, V34)),
      ['Duplicated alias name: t2'],
    );
    assert.deepStrictEqual(
      issueMessages(() =>
        buildRestore(
          {
            ...spec,
            tables: [
              { name: 't1', alias: 'x' },
              { name: 't2', alias: 'x' },
            ],
          },
          V34,
        ),
      ),
      ['Duplicated alias name: x'],
    );
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, tables: [{ name: 't1', alias: 't1' }] }, V34)),
      ['Duplicated alias name: t1'],
    );
  });

  it('accepts existing snapshot labels the label rule would not create', () => {
    assert.ok(buildRestore({ ...spec, label: 'from.doris' }, V34).sql.includes('`from.doris`'));
    assert.deepStrictEqual(
      issueMessages(() => buildRestore({ ...spec, label: 'a/b' }, V34)),
      ["Incorrect label name 'a/b'"],
    );
  });

  it('builds one well-formed statement for every version', () => {
    for (const [version, caps] of ALL_VERSIONS) {
      const built = buildRestore({ ...spec, tables: [{ name: 'a`b', alias: "c'd" }], properties: { allowLoad: true } }, caps);
      assert.deepStrictEqual(structuralProblems(built.sql), [], version);
    }
  });
});
