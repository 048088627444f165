import * as assert from 'assert';
import { findProperty, parseStatement, type ParsedStatement } from '../../../src/language/parser';
import { documentStatements } from '../../../src/language/documentStatements';

function parse(sql: string): ParsedStatement {
  const statements = documentStatements(sql);
  assert.strictEqual(statements.length, 1, `one statement in ${sql}`);
  return parseStatement(statements[0]);
}

describe('language/parser', () => {
  it('reads a 2.5 BACKUP with a qualified label, tables, partitions and properties', () => {
    const sql =
      'BACKUP SNAPSHOT demo_sales.l1 TO demo_repo ON (orders PARTITION (p202401, p202402), customers) PROPERTIES ("type" = "FULL", \'timeout\' = \'3600\')';
    const p = parse(sql);
    assert.strictEqual(p.kind, 'backup');
    assert.strictEqual(p.snapshot?.qualifier?.value, 'demo_sales');
    assert.strictEqual(p.snapshot?.name?.value, 'l1');
    assert.strictEqual(p.repository?.value, 'demo_repo');
    assert.deepStrictEqual(
      p.on?.objects.map((o) => [o.name?.name?.value, o.partitions?.names.map((n) => n.value)]),
      [
        ['orders', ['p202401', 'p202402']],
        ['customers', undefined],
      ],
    );
    assert.deepStrictEqual(
      p.properties?.items.map((i) => [i.key.value, i.value?.value]),
      [
        ['type', 'FULL'],
        ['timeout', '3600'],
      ],
    );
    const timeout = findProperty(p, 'timeout')!;
    assert.strictEqual(sql.slice(timeout.value!.start, timeout.value!.end), "'3600'");
    assert.strictEqual(sql.slice(p.on!.start, p.on!.end), 'ON (orders PARTITION (p202401, p202402), customers)');
  });

  it('reads the 3.4+ BACKUP forms: DATABASE, object keywords, ALL, external catalogs', () => {
    const p = parse(
      'BACKUP DATABASE `demo sales` SNAPSHOT l2 TO r ON (TABLE orders PARTITIONS p1, p2, ALL VIEWS, MATERIALIZED VIEW mv1, FUNCTION f1)',
    );
    assert.strictEqual(p.database?.name?.value, 'demo sales');
    assert.deepStrictEqual(
      p.on?.objects.map((o) => [o.type, o.all, o.name?.name?.value, o.partitions?.names.map((n) => n.value), Boolean(o.typeKeyword)]),
      [
        ['table', false, 'orders', ['p1', 'p2'], true],
        ['view', true, undefined, undefined, true],
        ['materializedView', false, 'mv1', undefined, true],
        ['function', false, 'f1', undefined, true],
      ],
    );
    const ext = parse('BACKUP EXTERNAL CATALOGS (c1, c2) SNAPSHOT l TO r');
    assert.ok(ext.externalCatalogs);
    assert.strictEqual(ext.repository?.value, 'r');
    assert.ok(parse('BACKUP ALL EXTERNAL CATALOGS SNAPSHOT l TO r').externalCatalogs);
  });

  it('reads a bare partition list that ends at the next table', () => {
    const p = parse('BACKUP SNAPSHOT l TO r ON (orders PARTITIONS p1, p2, db.customers, events PARTITION p9)');
    assert.deepStrictEqual(
      p.on?.objects.map((o) => [o.name?.qualifier?.value, o.name?.name?.value, o.partitions?.names.map((n) => n.value)]),
      [
        [undefined, 'orders', ['p1', 'p2']],
        ['db', 'customers', undefined],
        [undefined, 'events', ['p9']],
      ],
    );
  });

  it('reads aliases and temporary partitions', () => {
    const p = parse(
      'RESTORE SNAPSHOT l FROM r ON (orders TEMPORARY PARTITION (tp1) AS orders_copy, customers AS c2) PROPERTIES ("backup_timestamp"="2024-01-01-00-00-00-000")',
    );
    assert.strictEqual(p.on?.objects[0].partitions?.temporary, true);
    assert.strictEqual(p.on?.objects[0].alias?.name?.value, 'orders_copy');
    assert.strictEqual(p.on?.objects[1].alias?.name?.value, 'c2');
    assert.strictEqual(findProperty(p, 'backup_timestamp')?.value?.value, '2024-01-01-00-00-00-000');
  });

  it('reads a 3.4+ RESTORE with DATABASE x AS y', () => {
    const p = parse('RESTORE SNAPSHOT l FROM r DATABASE demo_sales AS demo_copy PROPERTIES ("backup_timestamp" = "t")');
    assert.strictEqual(p.kind, 'restore');
    assert.strictEqual(p.database?.name?.value, 'demo_sales');
    assert.strictEqual(p.database?.alias?.value, 'demo_copy');
  });

  it('reads CREATE REPOSITORY with its location, broker and properties', () => {
    const p = parse('CREATE READ ONLY REPOSITORY r1 WITH BROKER ON LOCATION "s3://bucket/path" PROPERTIES ("aws.s3.region" = "us-east-1")');
    assert.strictEqual(p.kind, 'createRepository');
    assert.strictEqual(p.readOnly, true);
    assert.strictEqual(p.repository?.value, 'r1');
    assert.strictEqual(p.broker?.name, undefined);
    assert.strictEqual(p.location?.value, 's3://bucket/path');
    assert.strictEqual(p.properties?.items.length, 1);
    assert.strictEqual(parse('CREATE REPOSITORY r WITH BROKER hdfs_broker ON LOCATION "hdfs://x"').broker?.name?.value, 'hdfs_broker');
  });

  it('reads the SHOW, CANCEL and DROP statements', () => {
    assert.strictEqual(parse('show repositories').kind, 'showRepositories');
    const snap = parse("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'l1' AND TIMESTAMP = 't1' ORDER BY 1 LIMIT 2");
    assert.strictEqual(snap.kind, 'showSnapshot');
    assert.strictEqual(snap.repository?.value, 'r');
    assert.strictEqual(snap.where?.snapshot?.value, 'l1');
    assert.strictEqual(snap.where?.timestamp?.value, 't1');
    assert.ok(snap.orderOrLimit);
    assert.strictEqual(parse('SHOW BACKUP FROM db1').fromDatabase?.value, 'db1');
    assert.strictEqual(parse('SHOW RESTORE IN db1 WHERE true').kind, 'showRestore');
    assert.strictEqual(parse('CANCEL RESTORE FROM db1').kind, 'cancelRestore');
    assert.ok(parse('CANCEL BACKUP FOR EXTERNAL CATALOG').forExternalCatalog);
    assert.strictEqual(parse('DROP REPOSITORY `r`').repository?.value, 'r');
    const drop = parse('DROP SNAPSHOT l1 ON r FORCE');
    assert.strictEqual(drop.kind, 'dropSnapshot');
    assert.strictEqual(drop.snapshot?.name?.value, 'l1');
    assert.strictEqual(drop.repository?.value, 'r');
    assert.ok(drop.force);
  });

  it('is tolerant of half-typed statements', () => {
    assert.strictEqual(parse('BACKUP SNAPSHOT').kind, 'backup');
    const p = parse('RESTORE SNAPSHOT db. FROM');
    assert.strictEqual(p.snapshot?.qualifier?.value, 'db');
    assert.strictEqual(p.snapshot?.name, undefined);
    const props = parse('BACKUP SNAPSHOT l TO r PROPERTIES ("timeout" = ');
    assert.strictEqual(props.properties?.items[0].key.value, 'timeout');
    assert.strictEqual(props.properties?.items[0].value, undefined);
    assert.strictEqual(props.properties?.close, undefined);
    assert.strictEqual(parse('SELECT 1').kind, 'other');
  });
});
