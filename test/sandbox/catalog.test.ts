/**
 * The catalog statements an operator and the extension use: databases, tables with range
 * partitions, INSERT routed to partitions, SELECT, SHOW PARTITIONS / CREATE TABLE / DESC,
 * views, functions, external catalogs, and their error texts.
 */
import * as assert from 'node:assert/strict';
import { columns, expectError, rows } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

const PARTITION_COLUMNS = [
  'PartitionId',
  'PartitionName',
  'VisibleVersion',
  'VisibleVersionTime',
  'VisibleVersionHash',
  'State',
  'PartitionKey',
  'Range',
  'DistributionKey',
  'Buckets',
  'ReplicationNum',
  'StorageMedium',
  'CooldownTime',
  'LastConsistencyCheckTime',
  'DataSize',
  'IsInMemory',
  'RowCount',
];

describe('sandbox: catalog statements', function () {
  this.timeout(30_000);
  const suite = useSandbox({ seed: 'demo' });

  it('seeds the demo databases, tables, partitions and rows', async () => {
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW DATABASES')).map((r) => r.Database),
      ['information_schema', 'demo_ops', 'demo_sales'],
    );
    assert.deepEqual(await rows(suite.conn, 'SHOW FULL TABLES FROM demo_sales'), [
      { Tables_in_demo_sales: 'customers', Table_type: 'BASE TABLE' },
      { Tables_in_demo_sales: 'orders', Table_type: 'BASE TABLE' },
    ]);
    assert.deepEqual(await columns(suite.conn, 'SHOW PARTITIONS FROM demo_sales.orders'), PARTITION_COLUMNS);
    const orders = await rows(suite.conn, 'SHOW PARTITIONS FROM demo_sales.orders');
    assert.deepEqual(
      orders.map((p) => p.PartitionName),
      ['p202401', 'p202402', 'p202403'],
    );
    assert.equal(orders[1].Range, '[types: [DATE]; keys: [2024-02-01]; ..types: [DATE]; keys: [2024-03-01]; )');
    assert.deepEqual(
      orders.map((p) => [p.PartitionKey, p.DistributionKey, p.Buckets, p.ReplicationNum, p.State]),
      Array(3).fill(['order_date', 'order_id', '3', '3', 'NORMAL']),
    );
    assert.ok(
      orders.every((p) => Number(p.RowCount) > 0 && /^\d+\.\d{3}KB$/.test(String(p.DataSize))),
      'DataSize of partitions with rows',
    );
    const customers = await rows(suite.conn, 'SHOW PARTITIONS FROM demo_sales.customers');
    assert.deepEqual(
      customers.map((p) => [p.PartitionName, p.PartitionKey, p.Range, p.RowCount]),
      [['customers', '', '', '12']],
    );
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW PARTITIONS FROM demo_ops.events')).map((p) => [p.PartitionName, p.RowCount]),
      [
        ['p1', '5'],
        ['p2', '5'],
      ],
    );
    assert.deepEqual(await rows(suite.conn, 'DESC demo_sales.orders'), [
      { Field: 'order_id', Type: 'bigint', Null: 'NO', Key: 'true', Default: null, Extra: '' },
      { Field: 'order_date', Type: 'date', Null: 'NO', Key: 'false', Default: null, Extra: '' },
      { Field: 'customer_id', Type: 'int', Null: 'YES', Key: 'false', Default: null, Extra: '' },
      { Field: 'amount', Type: 'decimal(10,2)', Null: 'YES', Key: 'false', Default: null, Extra: '' },
    ]);
  });

  it('creates tables with range partitions and routes inserted rows to them', async () => {
    await suite.conn.query('CREATE DATABASE shop');
    await suite.conn.query('CREATE DATABASE IF NOT EXISTS shop');
    await expectError(suite.conn, 'CREATE DATABASE shop', "Can't create database 'shop'; database exists", 1007);
    await suite.conn.query('USE shop');
    await suite.conn.query(`CREATE TABLE IF NOT EXISTS sales (
        id BIGINT NOT NULL COMMENT "id",
        day DATE NOT NULL,
        qty INT DEFAULT "1",
        price DECIMAL(8, 2)
      ) DUPLICATE KEY(id)
      COMMENT "sales"
      PARTITION BY RANGE(day) (
        PARTITION p1 VALUES LESS THAN ("2024-02-01"),
        PARTITION p2 VALUES LESS THAN ("2024-03-01"),
        PARTITION pmax VALUES LESS THAN MAXVALUE
      )
      DISTRIBUTED BY HASH(id) BUCKETS 4
      PROPERTIES ("replication_num" = "1")`);
    const [result] = await suite.conn.query(
      "INSERT INTO sales (id, day, price) VALUES (1, '2024-01-05', 9.999), (2, '2024-02-10', 5), (3, '2030-01-01', -1.5)",
    );
    assert.equal((result as { affectedRows: number }).affectedRows, 3);
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW PARTITIONS FROM sales')).map((p) => [
        p.PartitionName,
        p.RowCount,
        p.VisibleVersion,
        p.Buckets,
        p.ReplicationNum,
      ]),
      [
        ['p1', '1', '2', '4', '1'],
        ['p2', '1', '2', '4', '1'],
        ['pmax', '1', '2', '4', '1'],
      ],
    );
    assert.deepEqual(await rows(suite.conn, 'SELECT * FROM sales ORDER BY id'), [
      { id: 1, day: '2024-01-05', qty: 1, price: '10.00' },
      { id: 2, day: '2024-02-10', qty: 1, price: '5.00' },
      { id: 3, day: '2030-01-01', qty: 1, price: '-1.50' },
    ]);
    assert.deepEqual(
      await rows(suite.conn, "SELECT COUNT(*) AS n, MAX(day) AS last FROM sales WHERE day >= '2024-02-01' AND id IN (2, 3)"),
      [{ n: 2, last: '2030-01-01' }],
    );
    assert.deepEqual(await rows(suite.conn, 'SELECT id FROM sales WHERE price < 6 ORDER BY price DESC LIMIT 1'), [{ id: 2 }]);
    const show = String((await rows(suite.conn, 'SHOW CREATE TABLE sales'))[0]['Create Table']);
    assert.match(show, /^CREATE TABLE `sales` \(\n {2}`id` bigint NOT NULL COMMENT "id",/);
    assert.match(show, /PARTITION BY RANGE\(`day`\)\n\(PARTITION p1 VALUES \[\("0000-01-01"\), \("2024-02-01"\)\),/);
    assert.match(show, /DISTRIBUTED BY HASH\(`id`\) BUCKETS 4/);
  });

  it('refuses rows and statements the FE would refuse', async () => {
    await suite.conn.query(
      'CREATE TABLE shop.bounded (k INT NOT NULL, v VARCHAR(3)) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("10")) DISTRIBUTED BY HASH(k) BUCKETS 1',
    );
    await expectError(
      suite.conn,
      'INSERT INTO shop.bounded VALUES (11, "x")',
      /^Insert has filtered data in strict mode\. txn_id = \d+ tracking sql = select tracking_log from information_schema\.load_tracking_logs where job_id=\d+$/,
    );
    await expectError(suite.conn, 'INSERT INTO shop.bounded VALUES (1, "toolong")', /^Insert has filtered data in strict mode/);
    await expectError(
      suite.conn,
      'INSERT INTO shop.bounded VALUES (1)',
      "Getting analyzing error. Detail message: Column count doesn't match value count.",
      1064,
      'HY000',
    );
    assert.deepEqual(await rows(suite.conn, 'SELECT COUNT(*) AS n FROM shop.bounded'), [{ n: 0 }]);
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW PARTITIONS FROM shop.bounded')).map((p) => [p.RowCount, p.DataSize]),
      [['0', '0B']],
    );
    await expectError(
      suite.conn,
      'SELECT * FROM shop.nope',
      "Getting analyzing error. Detail message: Unknown table 'shop.nope'.",
      5502,
      '42602',
    );
    await expectError(
      suite.conn,
      'SELECT nope FROM shop.bounded',
      "Getting analyzing error. Detail message: Column 'nope' cannot be resolved.",
      1064,
    );
    await expectError(
      suite.conn,
      'CREATE TABLE shop.bounded (k INT) DISTRIBUTED BY HASH(k)',
      "Table 'bounded' already exists",
      1050,
      '42S01',
    );
    await expectError(suite.conn, 'USE nowhere', "Getting analyzing error. Detail message: Unknown database 'nowhere'.", 5501, '3F000');
    await expectError(
      suite.conn,
      'SELECT no_such_fn(1)',
      'Getting analyzing error. Detail message: No matching function with signature: no_such_fn(tinyint).',
      1064,
    );
    await expectError(suite.conn, 'DROP TABLE shop.nope', "Unknown table 'nope'", 5502);
    await suite.conn.query('DROP TABLE IF EXISTS shop.nope');
  });

  it('keeps views, functions and external catalogs as metadata', async () => {
    await suite.conn.query('CREATE VIEW shop.big_sales AS SELECT id, price FROM shop.sales WHERE price > 5');
    assert.deepEqual(await rows(suite.conn, 'SHOW FULL TABLES FROM shop LIKE "big%"'), [
      { Tables_in_shop: 'big_sales', Table_type: 'VIEW' },
    ]);
    const [view] = await rows(suite.conn, 'SHOW CREATE VIEW shop.big_sales');
    assert.equal(view['Create View'], 'CREATE VIEW `big_sales` AS SELECT id, price FROM shop.sales WHERE price > 5');
    await suite.conn.query(
      'CREATE FUNCTION shop.my_add(INT, INT) RETURNS INT PROPERTIES ("symbol" = "add", "type" = "StarrocksJar", "file" = "http://x/udf.jar")',
    );
    assert.deepEqual(await rows(suite.conn, 'SHOW FUNCTIONS FROM shop'), [{ 'Function Name': 'my_add' }]);
    await suite.conn.query(
      'CREATE EXTERNAL CATALOG hive1 COMMENT "lake" PROPERTIES ("type" = "hive", "hive.metastore.uris" = "thrift://127.0.0.1:9083")',
    );
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW CATALOGS')).map((r) => [r.Catalog, r.Type]),
      [
        ['default_catalog', 'Internal'],
        ['hive1', 'hive'],
      ],
    );
    await expectError(
      suite.conn,
      'CREATE EXTERNAL CATALOG bad PROPERTIES ("a" = "b")',
      "Getting analyzing error. Detail message: Missing properties 'type'.",
    );
    // BACKUP of the whole database now includes the view and the function (3.4+).
    await suite.conn.query(
      'CREATE REPOSITORY shop_repo WITH BROKER ON LOCATION "s3a://starrocks-backups/shop" PROPERTIES ("aws.s3.use_instance_profile" = "true")',
    );
    await suite.conn.query('BACKUP DATABASE shop SNAPSHOT shop1 TO shop_repo');
    const [job] = await rows(suite.conn, 'SHOW BACKUP FROM shop');
    assert.match(String(job.BackupObjs), /\[shop\.big_sales\]/);
  });

  it('drops tables and databases', async () => {
    await suite.conn.query('DROP VIEW shop.big_sales');
    await suite.conn.query('DROP TABLE shop.bounded FORCE');
    await suite.conn.query('DROP DATABASE IF EXISTS nothing_here');
    await expectError(suite.conn, 'DROP DATABASE nothing_here', "Can't drop database 'nothing_here'; database doesn't exist");
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW TABLES FROM shop')).map((r) => r.Tables_in_shop),
      ['sales'],
    );
  });

  it('raises VisibleVersion only for the partitions an INSERT wrote to', async () => {
    const versions = async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        (await rows(suite.conn, 'SHOW PARTITIONS FROM demo_sales.orders')).map((p) => [String(p.PartitionName), String(p.VisibleVersion)]),
      );
    const before = await versions();
    await suite.conn.query("INSERT INTO demo_sales.orders VALUES (9001, '2024-02-15', 1, 1.00), (9002, '2024-02-16', 1, 1.00)");
    const after = await versions();
    assert.equal(Number(after.p202402), Number(before.p202402) + 1, 'one INSERT is one new version of the partition it wrote');
    assert.equal(after.p202401, before.p202401);
    assert.equal(after.p202403, before.p202403);
    // The same statement again: another version, however many rows.
    await suite.conn.query("INSERT INTO demo_sales.orders VALUES (9003, '2024-02-17', 1, 1.00)");
    assert.equal(Number((await versions()).p202402), Number(before.p202402) + 2);
  });

  it('reports run_mode and frontends for mode detection', async () => {
    assert.deepEqual(
      (await rows(suite.conn, "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'")).map((r) => [r.Key, r.Value]),
      [['run_mode', 'shared_nothing']],
    );
    const [fe] = await rows(suite.conn, 'SHOW FRONTENDS');
    assert.equal(fe.Role, 'LEADER');
    assert.equal(fe.Version, '3.4.1-sandbox');
    assert.deepEqual(await rows(suite.conn, 'SHOW GRANTS'), [
      { UserIdentity: "'root'@'%'", Catalog: null, Grants: "GRANT 'root' TO 'root'@'%'" },
    ]);
  });
});
