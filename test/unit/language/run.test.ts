import * as assert from 'assert';
import { parseStatement } from '../../../src/language/parser';
import { formatMessage, formatRows } from '../../../src/language/run/resultFormat';
import { planRun } from '../../../src/language/run/runPlan';
import { documentStatements } from '../../../src/language/documentStatements';

function plan(sql: string, defaultDatabase?: string): ReturnType<typeof planRun> {
  const [statement] = documentStatements(sql);
  return planRun(parseStatement(statement), statement.text, defaultDatabase);
}

const HEADER = { sql: 'SHOW SNAPSHOT ON demo_repo', connection: 'sandbox', ranAt: new Date(2024, 0, 2, 3, 4, 5), elapsedMs: 12 };

describe('language/run', () => {
  describe('planRun', () => {
    it('tracks BACKUP in the database of the DATABASE clause, the label or the connection', () => {
      assert.deepStrictEqual(plan('BACKUP DATABASE demo_sales SNAPSHOT l1 TO demo_repo')?.track, {
        kind: 'BACKUP',
        database: 'demo_sales',
        label: 'l1',
        repository: 'demo_repo',
      });
      assert.strictEqual(plan('BACKUP SNAPSHOT demo_ops.l2 TO r')?.track?.database, 'demo_ops');
      assert.strictEqual(plan('BACKUP SNAPSHOT l3 TO r', 'dflt')?.track?.database, 'dflt');
    });
    it('tracks RESTORE in its target database with its timestamp, and knows the tables it writes', () => {
      const p = plan(
        'RESTORE SNAPSHOT l FROM r DATABASE demo_sales AS copy ON (orders AS o2, customers) PROPERTIES ("backup_timestamp" = "t1")',
      );
      assert.deepStrictEqual(p?.track, { kind: 'RESTORE', database: 'copy', label: 'l', repository: 'r', timestamp: 't1' });
      assert.deepStrictEqual(p?.restoreTarget, {
        database: 'copy',
        tables: [
          { source: 'orders', target: 'o2' },
          { source: 'customers', target: 'customers' },
        ],
        snapshot: { repository: 'r', label: 'l', timestamp: 't1' },
      });
      assert.deepStrictEqual(plan('RESTORE SNAPSHOT demo_sales.l FROM r')?.restoreTarget, {
        database: 'demo_sales',
        tables: undefined,
        snapshot: { repository: 'r', label: 'l', timestamp: undefined },
      });
    });
    it('reads the tables and partitions a RESTORE writes from the parsed statement, quoted names and comments included', () => {
      const p = plan(
        'RESTORE SNAPSHOT `l` FROM r DATABASE d ON (TABLE `Orders` PARTITION (p1, `p 2`) AS `o``x`, /* ON (TABLE fake) */ TABLE customers) PROPERTIES ("backup_timestamp" = "t")',
      );
      assert.deepStrictEqual(p?.restoreTarget?.tables, [
        { source: 'Orders', target: 'o`x', partitions: ['p1', 'p 2'] },
        { source: 'customers', target: 'customers' },
      ]);
      // ALL TABLES, or a view among the objects: every table of the snapshot may be written.
      assert.strictEqual(plan('RESTORE SNAPSHOT l FROM r DATABASE d ON (ALL TABLES)')?.restoreTarget?.tables, undefined);
      assert.strictEqual(plan('RESTORE SNAPSHOT l FROM r DATABASE d ON (TABLE t, VIEW v)')?.restoreTarget?.tables, undefined);
      assert.strictEqual(
        plan("RESTORE SNAPSHOT l FROM r DATABASE d PROPERTIES ('backup_timestamp' = 'x') -- ON (TABLE t)")?.restoreTarget?.tables,
        undefined,
      );
    });
    it('asks before DROP and CANCEL; runs reads; refuses other writes', () => {
      assert.strictEqual(plan('DROP REPOSITORY r')?.confirm, 'dropRepository');
      assert.strictEqual(plan('DROP SNAPSHOT l ON r')?.confirm, 'dropSnapshot');
      assert.strictEqual(plan('CANCEL RESTORE FROM d')?.confirm, 'cancel');
      assert.strictEqual(plan('SHOW REPOSITORIES')?.confirm, undefined);
      assert.deepStrictEqual(plan('SELECT 1'), { changesServer: false });
      assert.strictEqual(plan('DROP TABLE demo_sales.orders'), undefined);
      assert.strictEqual(plan('INSERT INTO t VALUES (1)'), undefined);
    });
    it('does not run an export hidden behind a comment as a read', () => {
      assert.strictEqual(plan("SELECT * FROM t INTO/**/OUTFILE 's3://b/x'"), undefined);
      assert.strictEqual(plan("SELECT * FROM t INTO -- c\nOUTFILE 's3://b/x'"), undefined);
      assert.deepStrictEqual(plan("SELECT 'INTO OUTFILE' AS x"), { changesServer: false });
    });
  });

  describe('resultFormat', () => {
    it('prints a boxed table with multi-line cells and NULLs', () => {
      const text = formatRows(
        HEADER,
        ['Snapshot', 'Timestamp', 'Status'],
        [{ Snapshot: 'demo_sales_base', Timestamp: '2024-01-01-00-00-00-000\n2024-01-02-00-00-00-000', Status: null }],
        '1 row(s)',
      );
      assert.strictEqual(
        text,
        [
          '-- SHOW SNAPSHOT ON demo_repo',
          '-- sandbox · 2024-01-02 03:04:05 · 1 row(s) · 12 ms',
          '',
          '+-----------------+-------------------------+--------+',
          '| Snapshot        | Timestamp               | Status |',
          '+-----------------+-------------------------+--------+',
          '| demo_sales_base | 2024-01-01-00-00-00-000 | NULL   |',
          '|                 | 2024-01-02-00-00-00-000 |        |',
          '+-----------------+-------------------------+--------+',
          '',
        ].join('\n'),
      );
    });
    it('switches to one block per row when the table would be too wide', () => {
      const columns = Array.from({ length: 14 }, (_, i) => `Column${i}`);
      const row = Object.fromEntries(columns.map((c) => [c, 'a value that is fairly long']));
      const text = formatRows(HEADER, columns, [row], '1 row(s)');
      assert.match(text, /\*+ 1\. row \*+\n Column0: a value that is fairly long\n/);
    });
    it('prints messages with the same header', () => {
      assert.strictEqual(
        formatMessage(HEADER, 'failed', ['Repository x does not exist']),
        '-- SHOW SNAPSHOT ON demo_repo\n-- sandbox · 2024-01-02 03:04:05 · failed · 12 ms\n\nRepository x does not exist\n',
      );
    });
  });
});
