/**
 * Snapshots on storage: the StarRocks layout checked object by object with the S3 SDK (keys,
 * `.<md5>` suffixes against content, info JSON, tablet files holding the rows), and SHOW SNAPSHOT
 * in its list and detail forms derived from that storage, with its error texts.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../src/storage/s3Sdk';
import { columns, expectError, rows, snapshotTimestamp } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

const ROOT = 'demo/__starrocks_repository_demo_repo/';
const analyzing = (message: string) => `Getting analyzing error. Detail message: ${message}.`;
const WHERE_SHAPE = analyzing("Where clause should looks like: SNAPSHOT = 'your_snapshot_name' [AND TIMESTAMP = '2018-04-18-19-19-10']");

describe('sandbox: snapshots on S3 and SHOW SNAPSHOT', function () {
  this.timeout(60_000);
  let s3: S3Client;
  const suite = useSandbox({}, () => s3?.destroy());

  const listAll = async (prefix: string) => {
    const keys: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: suite.sandbox.info.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) keys.push({ key: o.Key ?? '', size: o.Size ?? 0 });
      token = page.NextContinuationToken;
    } while (token);
    return keys;
  };
  const read = async (key: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: suite.sandbox.info.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  };
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: suite.sandbox.info.bucket, Key: key, Body: body }));

  before(async () => {
    const { info } = suite.sandbox;
    s3 = withoutNodeVersionWarning(
      () =>
        new S3Client({
          endpoint: info.s3Endpoint,
          region: info.region,
          forcePathStyle: true,
          credentials: { accessKeyId: info.accessKey, secretAccessKey: info.secretKey },
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
    );
  });

  it('writes the repository and snapshots in StarRocks layout, every checksum matching its content', async () => {
    const repoInfo = JSON.parse((await read(`${ROOT}__repo_info`)).toString('utf8'));
    assert.equal(repoInfo.name, 'demo_repo');
    assert.match(repoInfo.create_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const objects = await listAll(`${ROOT}__ss_demo_sales_base/`);
    const names = objects.map((o) => o.key.slice(`${ROOT}__ss_demo_sales_base/`.length));
    const timestamp = await snapshotTimestamp(suite.conn, 'demo_repo', 'demo_sales_base');
    assert.equal(names.filter((n) => /^__meta\.[0-9a-f]{32}$/.test(n)).length, 1);
    assert.equal(names.filter((n) => n.startsWith(`__info_${timestamp}.`) && /\.[0-9a-f]{32}$/.test(n)).length, 1);
    assert.ok(!names.some((n) => n.endsWith('.part')), 'no temporary files are left');
    const tabletFiles = names.filter((n) => n.startsWith('__ss_content/'));
    assert.ok(tabletFiles.length > 0);
    for (const name of tabletFiles)
      assert.match(name, /^__ss_content\/__db_\d+\/__tbl_\d+\/__part_\d+\/__idx_\d+\/__\d+\/[^/]+\.[0-9a-f]{32}$/);
    for (const object of objects.filter((o) => /\.[0-9a-f]{32}$/.test(o.key))) {
      const content = await read(object.key);
      assert.equal(createHash('md5').update(content).digest('hex'), object.key.slice(-32), object.key);
    }
    const dataFiles = objects.filter((o) => o.key.includes('/__ss_content/') && /\.dat\.[0-9a-f]{32}$/.test(o.key));
    assert.ok(
      dataFiles.every((o) => o.size >= 8 * 1024),
      'tablet data files have realistic sizes',
    );

    const info = JSON.parse((await read(objects.find((o) => o.key.includes('/__info_'))!.key)).toString('utf8'));
    assert.equal(info.name, 'demo_sales_base');
    assert.equal(info.database, 'demo_sales');
    assert.equal(info.backup_result, 'succeed');
    assert.deepEqual(Object.keys(info.backup_objects).sort(), ['customers', 'orders']);
    assert.deepEqual(Object.keys(info.backup_objects.orders.partitions), ['p202401', 'p202402', 'p202403']);
    // Every file the info file lists exists under its tablet directory, and the data files hold the rows.
    let rowsInFiles = 0;
    const orders = info.backup_objects.orders;
    for (const partition of Object.values(orders.partitions) as {
      id: number;
      indexes: Record<string, { id: number; tablets: Record<string, string[]> }>;
    }[]) {
      const index = partition.indexes.orders;
      for (const [tabletId, files] of Object.entries(index.tablets)) {
        for (const file of files) {
          const key = `${ROOT}__ss_demo_sales_base/__ss_content/__db_${info.id}/__tbl_${orders.id}/__part_${partition.id}/__idx_${index.id}/__${tabletId}/${file}`;
          assert.ok(names.includes(key.slice(`${ROOT}__ss_demo_sales_base/`.length)), key);
          if (file.includes('.dat.'))
            rowsInFiles += (await read(key))
              .toString('utf8')
              .split('\n')
              .filter((l) => l.startsWith('{')).length;
        }
      }
    }
    assert.equal(rowsInFiles, 30);
    const snapshotSize = objects.reduce((sum, o) => sum + o.size, 0);
    assert.ok(snapshotSize > 100 * 1024, `snapshot size ${snapshotSize}`);
  });

  it('lists snapshots from storage, with the FE columns and filters', async () => {
    assert.deepEqual(await columns(suite.conn, 'SHOW SNAPSHOT ON demo_repo'), ['Snapshot', 'Timestamp', 'Status']);
    const all = await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo');
    assert.deepEqual(
      all.map((r) => r.Snapshot),
      ['demo_sales_base', 'demo_sales_orders'],
    );
    for (const row of all) {
      assert.match(String(row.Timestamp), /^\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-\d{3}$/);
      assert.equal(row.Status, 'OK');
    }
    assert.deepEqual(await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'nope'"), [
      { Snapshot: 'nope', Timestamp: '', Status: 'ERROR: no snapshot' },
    ]);
    assert.deepEqual(
      (await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT IN ('demo_sales_orders', 'nope')")).map((r) => r.Snapshot),
      ['demo_sales_orders'],
    );
  });

  it('shows the detail form with the brief info JSON', async () => {
    const ts = await snapshotTimestamp(suite.conn, 'demo_repo', 'demo_sales_orders');
    const sql = `SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_orders' AND TIMESTAMP = '${ts}'`;
    assert.deepEqual(await columns(suite.conn, sql), ['Snapshot', 'Timestamp', 'Database', 'Details', 'Status']);
    const [row] = await rows(suite.conn, sql);
    assert.equal(row.Snapshot, 'demo_sales_orders');
    assert.equal(row.Timestamp, ts);
    assert.equal(row.Database, 'demo_sales');
    assert.equal(row.Status, 'OK');
    assert.match(String(row.Details), /^\{\n "name": "demo_sales_orders",\n "database": "demo_sales",/);
    const details = JSON.parse(String(row.Details));
    assert.deepEqual(details.backup_objects, { orders: { partitions: { p202401: {}, p202402: {}, p202403: {} } } });
    assert.equal(details.backup_result, 'succeed');
    assert.equal(typeof details.backup_time, 'number');
    const [reversed] = await rows(suite.conn, `SHOW SNAPSHOT ON demo_repo WHERE TIMESTAMP = '${ts}' AND SNAPSHOT = 'demo_sales_orders'`);
    assert.equal(reversed.Status, 'OK');
    const [wrong] = await rows(
      suite.conn,
      "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_orders' AND TIMESTAMP = '2020-01-01-00-00-00-000'",
    );
    assert.equal(wrong.Database, null);
    assert.equal(wrong.Details, null);
    assert.equal(
      wrong.Status,
      'Failed to get info: Expected one file with path: s3a://starrocks-backups/demo/__starrocks_repository_demo_repo/__ss_demo_sales_orders/__info_2020-01-01-00-00-00-000. get: 0',
    );
  });

  it('rejects WHERE clauses the analyzer does not accept', async () => {
    await expectError(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE TIMESTAMP = '2024-01-01-00-00-00'", WHERE_SHAPE, 1064, 'HY000');
    await expectError(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'a' OR SNAPSHOT = 'b'", WHERE_SHAPE);
    await expectError(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE label = 'a'", WHERE_SHAPE);
    await expectError(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE label IN ('a')", analyzing('Left expr of should be snapshot'));
    await expectError(
      suite.conn,
      "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT IN ('a', 1)",
      analyzing('Child of in predicate should be string value'),
    );
    await expectError(suite.conn, 'SHOW SNAPSHOT ON nope', analyzing('Repository [nope] does not exist'), 5064, '42000');
  });

  it('reports .part info files as Invalid and directories without info as incomplete', async () => {
    await put(`${ROOT}__ss_half_written/__info_2024-05-01-10-00-00-000.part`, '{}');
    await put(`${ROOT}__ss_half_written/__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__5/5.hdr.part`, '{}');
    await put(`${ROOT}__ss_no_info/__meta.part`, 'x');
    const list = await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT IN ('half_written', 'no_info')");
    assert.deepEqual(list, [
      { Snapshot: 'half_written', Timestamp: 'Invalid: __info_2024-05-01-10-00-00-000.part', Status: 'OK' },
      { Snapshot: 'no_info', Timestamp: '', Status: 'ERROR: no snapshot' },
    ]);
  });

  it('detects a checksum that does not match the content', async () => {
    const ts = '2024-06-01-00-00-00-000';
    await put(`${ROOT}__ss_tampered/__info_${ts}.${'0'.repeat(32)}`, '{"name":"tampered"}');
    const [row] = await rows(suite.conn, `SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'tampered' AND TIMESTAMP = '${ts}'`);
    const actual = createHash('md5').update('{"name":"tampered"}').digest('hex');
    assert.equal(row.Status, `Failed to get info: md5sum does not equal. local: ${actual}, remote: ${'0'.repeat(32)}`);
  });

  it('fails to list when S3 is unreachable, and records the failed ping in SHOW REPOSITORIES', async () => {
    await suite.sandbox.control.setS3Unreachable(true);
    try {
      await expectError(
        suite.conn,
        'SHOW SNAPSHOT ON demo_repo',
        /^Failed to list snapshot in repo: demo_repo, err: software\.amazon\.awssdk\.core\.exception\.SdkClientException: Unable to execute HTTP request: /,
        5064,
      );
      const [repo] = await rows(suite.conn, 'SHOW REPOSITORIES');
      assert.match(String(repo.ErrMsg), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: software\.amazon\.awssdk\.core\.exception\.SdkClientException: /);
    } finally {
      await suite.sandbox.control.setS3Unreachable(false);
    }
    assert.equal((await rows(suite.conn, 'SHOW REPOSITORIES'))[0].ErrMsg, null);
    assert.equal((await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = "demo_sales_base"'))[0].Status, 'OK');
  });
});
