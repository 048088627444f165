import * as assert from 'assert';
import { parseBackupJobs, parseRestoreJobs } from '../../../../src/starrocks/parsers/jobs';
import {
  validateLabelUnique,
  validateNoRunningJob,
  validateBackupTables,
  validateRestoreTables,
} from '../../../../src/starrocks/validation';

describe('starrocks/validation conflicts and table lists', () => {
  it('a label is used once per repository (case-sensitive)', () => {
    assert.deepStrictEqual(validateLabelUnique('s1', ['s0', 'S1']), []);
    const [issue] = validateLabelUnique('s1', new Set(['s1']));
    assert.strictEqual(issue.message, "Snapshot with name 's1' already exist in repository");
    assert.strictEqual(issue.key, 'label');
  });

  it('one running job per database, whatever its kind', () => {
    const jobs = [
      ...parseBackupJobs([{ JobId: '1', SnapshotName: 'old', DbName: 'db1', State: 'FINISHED', Status: '[OK]' }]),
      ...parseRestoreJobs([{ JobId: '2', Label: 'r1', DbName: 'db2', State: 'DOWNLOADING', Status: '[OK]' }]),
    ];
    assert.deepStrictEqual(validateNoRunningJob('db1', jobs), []);
    assert.deepStrictEqual(validateNoRunningJob('db3', jobs), []);
    const [issue] = validateNoRunningJob('db2', jobs);
    assert.strictEqual(issue.message, 'Can only run one backup or restore job of a database at same time');
    assert.match(issue.fix ?? '', /RESTORE r1 \(DOWNLOADING\)/);
  });

  it('backup table lists: names, aliases, duplicates', () => {
    assert.deepStrictEqual(validateBackupTables([{ name: 'a' }, { name: 'b', partitions: ['p1', 'p2'] }]), []);
    assert.deepStrictEqual(
      validateBackupTables([{ name: '' }]).map((i) => i.message),
      ["Incorrect table name ''"],
    );
  });

  it('restore table lists: an alias may not repeat a table or another alias', () => {
    assert.deepStrictEqual(
      validateRestoreTables([
        { name: 'a', alias: 'b' },
        { name: 'c', alias: 'd' },
      ]),
      [],
    );
    // Alias comparison is case-sensitive in the FE (a HashSet), table comparison is not.
    assert.deepStrictEqual(validateRestoreTables([{ name: 'a', alias: 'A' }]), []);
    assert.deepStrictEqual(
      validateRestoreTables([{ name: 'a', alias: 'a' }]).map((i) => i.fix),
      ["Leave the alias out: it is the table's own name."],
    );
  });
});
