/**
 * The verification against the real sandbox FE: the same statements the extension sends, over
 * mysql2 pools as the extension's sessions are. The target database is built with the demo seed's
 * own statements, so it starts equal; each test then changes it.
 */
import * as assert from 'assert';
import * as mysql from 'mysql2/promise';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { demoCatalogStatements } from '../../../sandbox/seed/demoSeed';
import type { QuerySession } from '../../../../src/starrocks/reads';
import { verificationMarkdown, verifyRestore, type VerificationRequest } from '../../../../src/starrocks/verification';

type Session = QuerySession & { end(): Promise<void> };

function poolSession(sandbox: RunningSandbox): Session {
  const pool = mysql.createPool({
    host: sandbox.info.host,
    port: sandbox.info.port,
    user: sandbox.info.user,
    password: sandbox.info.password,
    connectionLimit: 4,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return {
    async query(sql) {
      const [rows] = await pool.query(sql);
      return { rows: rows as Record<string, unknown>[] };
    },
    end: () => pool.end(),
  };
}

/** The demo_sales statements of the seed, aimed at another database. */
function copyStatements(database: string): string[] {
  return demoCatalogStatements()
    .filter((s) => s.includes('demo_sales'))
    .map((s) => s.replace(/demo_sales/g, database));
}

describe('starrocks/verification: verifyRestore against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let session: Session;
  let copies = 0;

  before(async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    session = poolSession(sandbox);
  });
  after(async () => {
    await session?.end();
    await sandbox?.stop();
  });

  /** A fresh copy of demo_sales, equal to it row for row. */
  async function freshCopy(): Promise<string> {
    const name = `copy_${++copies}`;
    for (const sql of copyStatements(name)) await session.query(sql);
    return name;
  }

  function request(target: string, extra: Partial<VerificationRequest> = {}): VerificationRequest {
    return {
      source: { session, label: 'source cluster', database: 'demo_sales' },
      target: { session, label: 'target cluster', database: target },
      now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
      ...extra,
    };
  }

  it('verifies an equal copy per table and per partition, with checksums', async () => {
    const target = await freshCopy();
    const report = await verifyRestore(request(target, { checksum: true }));
    assert.strictEqual(report.verified, true, verificationMarkdown(report));
    assert.deepStrictEqual(
      report.tables.map((t) => [t.sourceTable, t.verdict, t.partitions.map((p) => p.partition)]),
      [
        ['customers', 'equal', []],
        ['orders', 'equal', ['p202401', 'p202402', 'p202403']],
      ],
    );
    const orders = report.tables[1];
    assert.ok(orders.total.source.kind === 'rows' && orders.total.source.rows > 0 && orders.total.source.checksum !== undefined);
    assert.deepStrictEqual(orders.checksumColumns, ['order_id', 'order_date', 'customer_id', 'amount']);
    assert.match(verificationMarkdown(report), /\*\*Verified\*\*: all 2 table\(s\) have the same row counts and checksums/);
  });

  it('shows which partition differs with both counts, a changed value by its checksum, and a missing table', async () => {
    const target = await freshCopy();
    await session.query(`INSERT INTO ${target}.orders VALUES (99001, '2024-02-15', 101, 5.00)`);
    await session.query(`DROP TABLE ${target}.customers`);
    const before = await verifyRestore(request(target, { checksum: true }));
    assert.strictEqual(before.verified, false);
    const orders = before.tables.find((t) => t.sourceTable === 'orders');
    const p202402 = orders?.partitions.find((p) => p.partition === 'p202402');
    assert.strictEqual(p202402?.verdict, 'differs');
    assert.ok(p202402.source.kind === 'rows' && p202402.target.kind === 'rows');
    assert.strictEqual(p202402.target.rows, p202402.source.rows + 1);
    assert.deepStrictEqual(
      orders?.partitions.filter((p) => p.verdict !== 'equal').map((p) => p.partition),
      ['p202402'],
    );
    assert.strictEqual(before.tables.find((t) => t.sourceTable === 'customers')?.verdict, 'missingOnTarget');
    assert.deepStrictEqual(before.summary, { equal: 0, differs: 1, missingOnTarget: 1, missingOnSource: 0, unreadable: 0 });
    const markdown = verificationMarkdown(before);
    assert.match(markdown, /\*\*Differences found\*\*: 2 of 2 table\(s\) differ/);
    assert.match(
      markdown,
      new RegExp(`\\| orders / p202402 \\| \\*\\*differs\\*\\* \\| ${p202402.source.rows} \\| ${p202402.target.rows} \\|`),
    );

    // Same count, other content (Ada moves from DE to ZZ): only the checksum can tell.
    const other = `copy_${++copies}`;
    for (const sql of copyStatements(other)) await session.query(sql.replace("'Ada', 'DE'", "'Ada', 'ZZ'"));
    const contents = await verifyRestore(request(other, { checksum: true, tables: [{ source: 'customers', target: 'customers' }] }));
    const counted = await verifyRestore(request(other, { tables: [{ source: 'customers', target: 'customers' }] }));
    assert.strictEqual(counted.verified, true, 'the counts alone agree');
    assert.strictEqual(contents.tables[0].verdict, 'differs');
    assert.deepStrictEqual(contents.tables[0].total.differsIn, ['checksum']);
  });

  it('follows renames, limits to the restored partitions, and reports what only the target has', async () => {
    const target = await freshCopy();
    for (const sql of copyStatements(target).filter((s) => s.includes('.orders'))) {
      await session.query(sql.replace(`${target}.orders`, `${target}.orders_r`));
    }
    const renamed = await verifyRestore(
      request(target, {
        tables: [
          { source: 'orders', target: 'orders_r', partitions: ['p202401'] },
          { source: 'customers', target: 'customers' },
        ],
      }),
    );
    assert.strictEqual(renamed.verified, true, verificationMarkdown(renamed));
    assert.deepStrictEqual(
      renamed.tables[0].partitions.map((p) => p.partition),
      ['p202401'],
    );
    assert.strictEqual(renamed.tables[0].partitionsLimited, true);
    assert.match(verificationMarkdown(renamed), /\| orders → orders\\_r \/ p202401 \| equal \| 8 \| 8 \|/);

    const missingDb = await verifyRestore(request('no_such_db'));
    assert.deepStrictEqual(missingDb.summary.missingOnTarget, 2);
    assert.match(missingDb.notes.join('\n'), /The target database no_such_db does not exist on target cluster/);
  });

  it('says why a side could not be read, falls back to counts when the checksum fails, and skips views', async () => {
    const target = await freshCopy();
    await session.query(`CREATE VIEW demo_sales.big_orders AS SELECT order_id FROM demo_sales.orders WHERE amount > 100`);
    try {
      const failing: QuerySession = {
        query: (sql) => {
          if (sql.includes('murmur_hash3_32'))
            return Promise.reject(new Error('No matching function with signature: murmur_hash3_32(varchar)'));
          if (sql.includes('`customers`') && sql.startsWith('SELECT')) return Promise.reject(new Error('Access denied; you need SELECT'));
          return session.query(sql);
        },
      };
      const report = await verifyRestore({
        ...request(target, { checksum: true }),
        target: { session: failing, label: 'target cluster', database: target },
        describeError: (e) => `explained: ${(e as Error).message}`,
      });
      assert.match(report.notes.join('\n'), /big_orders is a view: it holds no rows of its own and is not compared/);
      const customers = report.tables.find((t) => t.sourceTable === 'customers');
      assert.strictEqual(customers?.verdict, 'unreadable');
      assert.deepStrictEqual(customers.total.target, { kind: 'error', reason: 'explained: Access denied; you need SELECT' });
      const orders = report.tables.find((t) => t.sourceTable === 'orders');
      assert.strictEqual(orders?.verdict, 'unreadable', 'counts agree but the asked-for checksum could not be read');
      assert.ok(orders.partitions.every((p) => p.target.kind === 'rows' && p.target.checksumError?.includes('murmur_hash3_32')));
      assert.match(verificationMarkdown(report), /target checksum: explained: No matching function/);
    } finally {
      await session.query('DROP VIEW demo_sales.big_orders');
    }
  });

  it('keeps at most `concurrency` statements in flight over both sides', async () => {
    const target = await freshCopy();
    let inFlight = 0;
    let most = 0;
    const counting: QuerySession = {
      async query(sql) {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          return await session.query(sql);
        } finally {
          inFlight--;
        }
      },
    };
    const progress: [number, number][] = [];
    const report = await verifyRestore({
      source: { session: counting, label: 's', database: 'demo_sales' },
      target: { session: counting, label: 't', database: target },
      concurrency: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.strictEqual(report.verified, true);
    assert.ok(most <= 2 && most >= 1, `at most 2 in flight, saw ${most}`);
    assert.ok(report.statements >= 10, `${report.statements} statements`);
    assert.deepStrictEqual(progress[progress.length - 1][0], progress[progress.length - 1][1]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(verifyRestore({ ...request('demo_sales'), signal: controller.signal }));
  });
});
