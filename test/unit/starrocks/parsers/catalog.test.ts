import * as assert from 'assert';
import { bracketedEntries, splitTopLevel, stripOuterBrackets } from '../../../../src/starrocks/parsers/bracketLists';
import { isSystemDatabase, parseDatabases, parseTables } from '../../../../src/starrocks/parsers/catalog';
import { parseSessionTime } from '../../../../src/starrocks/parsers/cells';
import { parseDataSize, parsePartitions } from '../../../../src/starrocks/parsers/partitions';
import { parseRepositories } from '../../../../src/starrocks/parsers/repositories';
import { parseCurrentVersion, parseRunMode } from '../../../../src/starrocks/parsers/serverInfo';

describe('starrocks/parsers catalog, repositories and server info', () => {
  it('parses SHOW REPOSITORIES, treating "" and NULL brokers alike', () => {
    const repos = parseRepositories([
      {
        RepoId: '2',
        RepoName: 'zeta',
        CreateTime: '2024-03-01 10:00:00',
        IsReadOnly: 'true',
        Location: 's3a://b/z/',
        Broker: '',
        ErrMsg: null,
      },
      {
        RepoId: '1',
        RepoName: 'alpha',
        CreateTime: null,
        IsReadOnly: 'false',
        Location: 's3a://b/a',
        Broker: null,
        ErrMsg: '2024-03-02 10:00:00: failed to list remote path',
      },
      { RepoId: '3', RepoName: null },
    ]);
    assert.deepStrictEqual(repos, [
      {
        id: '1',
        name: 'alpha',
        createTime: undefined,
        readOnly: false,
        location: 's3a://b/a',
        broker: undefined,
        errorMessage: '2024-03-02 10:00:00: failed to list remote path',
      },
      {
        id: '2',
        name: 'zeta',
        createTime: new Date(2024, 2, 1, 10, 0, 0),
        readOnly: true,
        location: 's3a://b/z',
        broker: undefined,
        errorMessage: undefined,
      },
    ]);
  });

  it('parses SHOW PARTITIONS with version-dependent columns', () => {
    const [p] = parsePartitions([
      {
        PartitionId: '10031',
        PartitionName: 'p20240101',
        VisibleVersion: '5',
        VisibleVersionTime: '2024-01-02 00:00:00',
        State: 'NORMAL',
        PartitionKey: 'dt',
        Range: '[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-01-02]; )',
        DistributionKey: 'id',
        Buckets: '8',
        ReplicationNum: '3',
        StorageMedium: 'HDD',
        DataSize: '1.500 KB',
        RowCount: '42',
      },
    ]);
    assert.strictEqual(p.id, '10031');
    assert.strictEqual(p.name, 'p20240101');
    assert.strictEqual(p.visibleVersion, 5);
    assert.strictEqual(p.buckets, 8);
    assert.strictEqual(p.dataSizeBytes, 1536);
    assert.strictEqual(p.rowCount, 42);
    const [bare] = parsePartitions([{ PartitionId: 1, PartitionName: 'p', DataSize: null }]);
    assert.strictEqual(bare.state, undefined);
    assert.strictEqual(bare.dataSizeBytes, undefined);
    assert.deepStrictEqual(parsePartitions([{ PartitionName: '' }]), []);
  });

  it('reads data sizes in binary units', () => {
    assert.strictEqual(parseDataSize('0B'), 0);
    assert.strictEqual(parseDataSize('2.000 GB'), 2 * 1024 ** 3);
    assert.strictEqual(parseDataSize('12 mb'), 12 * 1024 ** 2);
    assert.strictEqual(parseDataSize('lots'), undefined);
  });

  it('parses SHOW DATABASES and SHOW [FULL] TABLES', () => {
    assert.deepStrictEqual(parseDatabases([{ Database: 'a' }, { Database: '_statistics_' }, { Database: null }]), ['a', '_statistics_']);
    assert.deepStrictEqual(parseTables([{ Tables_in_db: 't1' }, { Tables_in_db: 'v1', Table_type: 'VIEW' }]), [
      { name: 't1', type: undefined },
      { name: 'v1', type: 'VIEW' },
    ]);
    assert.deepStrictEqual(parseTables([{ other: 'x' }]), [{ name: 'x', type: undefined }]);
    assert.ok(isSystemDatabase('information_schema') && isSystemDatabase('_statistics_') && !isSystemDatabase('sales'));
  });

  it('reads current_version() and the run mode', () => {
    assert.strictEqual(parseCurrentVersion([{ 'current_version()': '3.3.5-6d81f75' }]), '3.3.5-6d81f75');
    assert.strictEqual(parseCurrentVersion([]), undefined);
    assert.strictEqual(
      parseRunMode([{ Key: 'run_mode', AliasNames: '[]', Value: 'shared_data', Type: 'String', IsMutable: 'false' }]),
      'shared_data',
    );
    assert.strictEqual(parseRunMode([{ Key: 'run_mode', Value: 'shared_nothing' }]), 'shared_nothing');
    assert.strictEqual(parseRunMode([]), 'shared_nothing');
  });

  it('splits bracketed lists without breaking entries that hold commas', () => {
    assert.deepStrictEqual(splitTopLevel('a, b (c, d), [e, f], {g, h}'), ['a', 'b (c, d)', '[e, f]', '{g, h}']);
    assert.deepStrictEqual(splitTopLevel(undefined), []);
    assert.deepStrictEqual(splitTopLevel(' , '), []);
    assert.deepStrictEqual(bracketedEntries('[a, b], [c [d, e]]'), ['a, b', 'c [d, e]']);
    assert.strictEqual(stripOuterBrackets('[a][b]'), '[a][b]');
    assert.strictEqual(stripOuterBrackets('[[a]]'), '[a]');
  });

  it('reads session times and refuses malformed ones', () => {
    assert.deepStrictEqual(parseSessionTime('2024-02-29 23:59:59'), new Date(2024, 1, 29, 23, 59, 59));
    assert.strictEqual(parseSessionTime('2024-02-29 23:59:59', { utcOffsetMinutes: -300 })?.toISOString(), '2024-03-01T04:59:59.000Z');
    assert.strictEqual(parseSessionTime('yesterday'), undefined);
    assert.strictEqual(parseSessionTime('2024-13-45 99:99:99'), undefined);
    assert.strictEqual(parseSessionTime('2024-01-01 24:00:00'), undefined);
    assert.strictEqual(parseSessionTime(undefined), undefined);
  });
});
