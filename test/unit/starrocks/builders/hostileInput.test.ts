/**
 * Property-based proof that no input changes what a built statement means: for random and hostile
 * names and values, either the builder refuses the input (with a DialectError) or the statement's
 * token skeleton equals that of a statement built from harmless names, and every identifier and
 * literal in it reads back as exactly the input.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { NameKind, validateName } from '../../../../src/starrocks/identifiers';
import { DialectError } from '../../../../src/starrocks/dialectError';
import { BuiltStatement } from '../../../../src/starrocks/builtStatement';
import { buildBackup, BackupSpec } from '../../../../src/starrocks/builders/backup';
import { buildCreateRepository } from '../../../../src/starrocks/builders/repository';
import { buildRestore, RestoreSpec } from '../../../../src/starrocks/builders/restore';
import { dropSnapshot } from '../../../../src/starrocks/builders/dropSnapshot';
import { dropScratchDatabase, dropScratchTable } from '../../../../src/starrocks/builders/dropScratch';
import { showPartitions, showSnapshots } from '../../../../src/starrocks/builders/show';
import { countRows } from '../../../../src/starrocks/builders/verification';
import { ALL_VERSIONS, V34, V42 } from '../helpers/servers';
import { literalValues, skeleton, structuralProblems } from '../helpers/sqlShape';

const NASTY = [
  'a; DROP DATABASE x; --',
  '`',
  '``',
  "'",
  '"',
  '\\',
  "\\'",
  '\n',
  '\r\n',
  '\0',
  "' OR '1'='1",
  '*/',
  '/*',
  '#',
  '-- ',
  ';',
  '表',
  '😀',
  '\u2028',
  '\x1a',
  'a`b\'c"d\\e',
  ' ',
  '',
];

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.constantFrom(...NASTY, 'x', 'db', 'p1'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
);
const commonName = fc.stringMatching(/^[a-zA-Z]\w{0,20}$/);
/** Mostly names of the kind's valid shape (so that most statements get built and checked), sometimes hostile text. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 });
const dbName = mostly(fc.stringMatching(/^[a-zA-Z][\w\-~!@#$%^&<>=+]{0,20}$/), hostile);
const repoName = mostly(commonName, hostile);
const partitionName = mostly(commonName, hostile);
const label = mostly(fc.stringMatching(/^[-\w]{1,40}$/), hostile);
const snapshotLabel = mostly(
  hostile.filter((s) => s !== '' && !/[\0/\\]/.test(s)),
  hostile,
);
const timestamp = mostly(fc.constantFrom('2024-05-01-10-20-30-123', '2018-05-04-17-11-01'), hostile);

function invalidNames(names: [NameKind, string][]): boolean {
  return names.some(([kind, name]) => validateName(kind, name) !== undefined);
}

/** Builds, or returns the DialectError; any other exception fails the test. */
function attempt(build: () => BuiltStatement): BuiltStatement | DialectError {
  try {
    return build();
  } catch (error) {
    if (error instanceof DialectError) return error;
    throw error;
  }
}

function assertSameShape(built: BuiltStatement, reference: BuiltStatement, expectedValues: string[]): void {
  assert.deepStrictEqual(structuralProblems(built.sql), []);
  assert.strictEqual(skeleton(built.sql), skeleton(reference.sql));
  assert.deepStrictEqual(literalValues(built.sql), expectedValues);
}

/**
 * Cases per property (per server version for BACKUP and RESTORE): 2,000 + 2,000 + 3,000 + 3,000 +
 * 2,000 = 12,000 per run of the five properties, 28,000 with the five versions.
 */
const RUNS = { backup: 2_000, restore: 2_000, repository: 3_000, show: 3_000, count: 2_000 };

const tableList = fc.array(fc.record({ name: hostile, partitions: fc.array(partitionName, { maxLength: 3 }) }), { maxLength: 3 });

describe('starrocks/builders hostile input', () => {
  for (const [version, caps] of ALL_VERSIONS) {
    it(`BACKUP (${version}) means what its spec says, or is refused`, () => {
      let built = 0;
      fc.assert(
        fc.property(dbName, label, repoName, tableList, (database, snapshot, repository, tables) => {
          const spec: BackupSpec = { database, label: snapshot, repository, tables, properties: { timeoutSeconds: 3600 } };
          const result = attempt(() => buildBackup(spec, caps));
          const names: [NameKind, string][] = [
            ['database', database],
            ['label', snapshot],
            ['repository', repository],
            ...tables.flatMap((t): [NameKind, string][] => [
              ['table', t.name],
              ...t.partitions.map((p): [NameKind, string] => ['partition', p]),
            ]),
          ];
          if (invalidNames(names)) {
            assert.ok(result instanceof DialectError, 'an invalid name must be refused');
            return;
          }
          if (result instanceof DialectError) return; // duplicates: refused, checked elsewhere
          const safe: BackupSpec = {
            database: 'db',
            label: 'l',
            repository: 'r',
            tables: tables.map((t, i) => ({ name: `t${i}`, partitions: t.partitions.map((_, j) => `p${j}`) })),
            properties: { timeoutSeconds: 3600 },
          };
          const tableValues = tables.flatMap((t) => [t.name, ...t.partitions]);
          // Both grammars name the database, then the label, then the repository.
          assertSameShape(result, buildBackup(safe, caps), [database, snapshot, repository, ...tableValues, 'timeout', '3600']);
          built++;
        }),
        { numRuns: RUNS.backup },
      );
      assert.ok(built >= RUNS.backup / 3, `only ${built} of ${RUNS.backup} hostile backups were buildable: the property proves too little`);
    });

    it(`RESTORE (${version}) means what its spec says, or is refused`, () => {
      let built = 0;
      const restoreTables = fc.array(
        fc.record({ name: hostile, partitions: fc.array(partitionName, { maxLength: 2 }), alias: fc.option(hostile, { nil: undefined }) }),
        { maxLength: 3 },
      );
      const targetChoice = fc.oneof(
        { arbitrary: fc.constant({ kind: 'none' as const }), weight: 2 },
        { arbitrary: fc.constant({ kind: 'same' as const }), weight: 1 },
        { arbitrary: dbName.map((name) => ({ kind: 'other' as const, name })), weight: 2 },
      );
      fc.assert(
        fc.property(
          dbName,
          snapshotLabel,
          repoName,
          timestamp,
          restoreTables,
          targetChoice,
          (database, snapshot, repository, ts, tables, choice) => {
            const target = choice.kind === 'none' ? undefined : choice.kind === 'same' ? database : choice.name;
            const spec: RestoreSpec = { database, label: snapshot, repository, timestamp: ts, tables, targetDatabase: target };
            const result = attempt(() => buildRestore(spec, caps));
            const names: [NameKind, string][] = [
              ['database', database],
              ['snapshot', snapshot],
              ['repository', repository],
              ...tables.flatMap((t): [NameKind, string][] => [
                ['table', t.name],
                ...t.partitions.map((p): [NameKind, string] => ['partition', p]),
                ...(t.alias === undefined ? [] : [['table', t.alias] as [NameKind, string]]),
              ]),
            ];
            if (invalidNames(names) || (target !== undefined && validateName('database', target) !== undefined)) {
              assert.ok(result instanceof DialectError, 'an invalid name must be refused');
              return;
            }
            const renamed = target !== undefined && target !== database;
            if (renamed && !caps.newBackupGrammar) {
              assert.ok(result instanceof DialectError, 'DATABASE x AS y must be refused before 3.4');
              return;
            }
            if (result instanceof DialectError) return;
            const safe: RestoreSpec = {
              database: 'db',
              label: 'l',
              repository: 'r',
              timestamp: '2024-05-01-10-20-30-123',
              targetDatabase: renamed ? 'db2' : undefined,
              tables: tables.map((t, i) => ({
                name: `t${i}`,
                partitions: t.partitions.map((_, j) => `p${j}`),
                alias: t.alias === undefined ? undefined : `a${i}`,
              })),
            };
            const head = caps.newBackupGrammar
              ? [snapshot, repository, database, ...(renamed ? [target as string] : [])]
              : [database, snapshot, repository];
            const tableValues = tables.flatMap((t) => [t.name, ...t.partitions, ...(t.alias === undefined ? [] : [t.alias])]);
            assertSameShape(result, buildRestore(safe, caps), [...head, ...tableValues, 'backup_timestamp', ts]);
            built++;
          },
        ),
        { numRuns: RUNS.restore },
      );
      assert.ok(
        built >= RUNS.restore / 5,
        `only ${built} of ${RUNS.restore} hostile restores were buildable: the property proves too little`,
      );
    });
  }

  it('CREATE REPOSITORY keeps any secret inside its literal and out of the display text', () => {
    let built = 0;
    fc.assert(
      fc.property(commonName, hostile, hostile, mostly(fc.constant('us-east-1'), hostile), (name, accessKey, secretKey, region) => {
        const spec = { name, location: 's3a://my-bucket/p', credentials: { method: 'accessKeys' as const, accessKey, secretKey, region } };
        const result = attempt(() => buildCreateRepository(spec, V34));
        if (result instanceof DialectError) {
          assert.ok(accessKey.trim() === '' || secretKey.trim() === '' || region !== 'us-east-1');
          return;
        }
        const reference = buildCreateRepository(
          { ...spec, credentials: { method: 'accessKeys', accessKey: 'k', secretKey: 's', region: 'us-east-1' } },
          V34,
        );
        assertSameShape(result, reference, [
          name,
          's3a://my-bucket/p',
          'aws.s3.use_instance_profile',
          'false',
          'aws.s3.access_key',
          accessKey,
          'aws.s3.secret_key',
          secretKey,
          'aws.s3.region',
          region,
        ]);
        assert.deepStrictEqual(literalValues(result.display)[7], '***');
        assert.strictEqual(skeleton(result.display), skeleton(result.sql));
        built++;
      }),
      { numRuns: RUNS.repository },
    );
    assert.ok(built >= RUNS.repository / 3, `only ${built} of ${RUNS.repository} repositories were buildable`);
  });

  it('SHOW SNAPSHOT, DROP SNAPSHOT and SHOW PARTITIONS keep names inside their quotes', () => {
    fc.assert(
      fc.property(snapshotLabel, hostile, dbName, (snapshot, table, database) => {
        const show = attempt(() => showSnapshots('repo', { snapshot }));
        const drop = attempt(() => dropSnapshot(snapshot, 'repo', true, V42));
        if (validateName('snapshot', snapshot) !== undefined) {
          assert.ok(show instanceof DialectError && drop instanceof DialectError);
        } else {
          assertSameShape(show as BuiltStatement, showSnapshots('repo', { snapshot: 's' }), ['repo', snapshot]);
          assertSameShape(drop as BuiltStatement, dropSnapshot('s', 'repo', true, V42), [snapshot, 'repo']);
        }
        const partitions = attempt(() => showPartitions(database, table));
        if (validateName('database', database) !== undefined || validateName('table', table) !== undefined) {
          assert.ok(partitions instanceof DialectError);
        } else {
          assertSameShape(partitions as BuiltStatement, showPartitions('d', 't'), [database, table]);
        }
      }),
      { numRuns: RUNS.show },
    );
  });

  it('the verification count keeps database, table, partition and checksum column names inside their quotes', () => {
    fc.assert(
      fc.property(dbName, hostile, partitionName, fc.array(hostile, { maxLength: 3 }), (database, table, partition, columns) => {
        const built = attempt(() => countRows({ database, table, partition, checksumColumns: columns }));
        if (
          invalidNames([
            ['database', database],
            ['table', table],
            ['partition', partition],
          ]) ||
          columns.some((c) => c.includes('\0'))
        ) {
          assert.ok(built instanceof DialectError);
          return;
        }
        const reference = countRows({ database: 'd', table: 't', partition: 'p', checksumColumns: columns.map((_, i) => `c${i}`) });
        const checksum = columns.length ? [...columns.flatMap((c) => ['v', c, 'n']), 'row_checksum'] : [];
        assertSameShape(built as BuiltStatement, reference, ['row_count', ...checksum, database, table, partition]);
      }),
      { numRuns: RUNS.count },
    );
  });

  it("a restore drill's DROP DATABASE / DROP TABLE keep names inside their quotes and refuse unmarked names", () => {
    const marked = (name: string): string => `${name}_drill_20261204_180509`;
    fc.assert(
      fc.property(dbName, hostile, fc.boolean(), (database, table, mark) => {
        const db = mark ? marked(database) : database;
        const tbl = mark ? marked(table) : table;
        const dropDb = attempt(() => dropScratchDatabase(db));
        if (!mark || validateName('database', db) !== undefined) assert.ok(dropDb instanceof DialectError);
        else assertSameShape(dropDb as BuiltStatement, dropScratchDatabase(marked('d')), [db]);
        const dropTable = attempt(() => dropScratchTable(database, tbl));
        if (!mark || validateName('database', database) !== undefined || validateName('table', tbl) !== undefined)
          assert.ok(dropTable instanceof DialectError);
        else assertSameShape(dropTable as BuiltStatement, dropScratchTable('d', marked('t')), [database, tbl]);
      }),
      { numRuns: RUNS.show },
    );
  });
});
