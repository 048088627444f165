import * as assert from 'node:assert/strict';
import { SnapshotScanner } from '../../../src/storage/snapshotScan';
import { assessSnapshot } from '../../../src/storage/snapshotHealth';
import { md5Hex, parseInfoFile } from '../../../src/storage/infoFile';
import { batchesOf, orderForDeletion } from '../../../src/storage/deletion';

const MD5 = 'ffffffffffffffffffffffffffffffff';
const P = 'r/__ss_s/';

function scan(keys: string[]) {
  const scanner = new SnapshotScanner('s', P);
  scanner.add(keys.map((key, i) => ({ key, size: 10 + i })));
  return scanner.finish();
}

describe('storage/snapshot scan and health (pure)', () => {
  it('counts, sums and sorts info files newest first; never counts a neighbour', () => {
    const s = scan([
      `${P}__info_2024-01-01-00-00-00-000.${MD5}`,
      `${P}__info_2024-02-01-00-00-00-000.${MD5}`,
      `${P}__meta.${MD5}`,
      `r/__ss_sx/__meta.${MD5}`,
    ]);
    assert.equal(s.objects, 3);
    assert.equal(s.bytes, 10 + 11 + 12);
    assert.deepEqual(
      s.infoFiles.map((f) => f.timestamp),
      ['2024-02-01-00-00-00-000', '2024-01-01-00-00-00-000'],
    );
    assert.equal(s.hasMeta, true);
  });

  it('is ok with info, meta and a file for every tablet the info lists', () => {
    const s = scan([
      `${P}__info_2024-01-01-00-00-00-000.${MD5}`,
      `${P}__meta.${MD5}`,
      `${P}__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__77/77.hdr.${MD5}`,
    ]);
    const info = parseInfoFile(
      JSON.stringify({
        name: 's',
        database: 'd',
        id: 1,
        backup_time: 1,
        backup_objects: { t: { id: 2, partitions: { p: { id: 3, indexes: { t: { id: 4, tablets: { '77': [] } } } } } } },
        backup_result: 'succeed',
      }),
    );
    assert.deepEqual(assessSnapshot(s, { key: 'k', info, checksumOk: true }), { health: 'ok', problems: [] });
  });

  it('is incomplete without a valid info file, and damaged with leftovers even when complete', () => {
    assert.equal(assessSnapshot(scan([`${P}__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__5/x.${MD5}`]), undefined).health, 'incomplete');
    const damaged = assessSnapshot(
      scan([
        `${P}__info_2024-01-01-00-00-00-000.${MD5}`,
        `${P}__meta.${MD5}`,
        `${P}__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__5/0_1.dat.part`,
      ]),
      undefined,
    );
    assert.equal(damaged.health, 'damaged');
    assert.deepEqual(
      damaged.problems.map((p) => p.kind),
      ['partFiles'],
    );
  });

  it('reports a missing meta file and an unreadable info file', () => {
    const s = scan([`${P}__info_2024-01-01-00-00-00-000.${MD5}`]);
    const result = assessSnapshot(s, { key: 'k', error: 'AccessDenied (HTTP 403)' });
    assert.deepEqual(
      result.problems.map((p) => p.kind),
      ['noMeta', 'unreadableInfo'],
    );
  });

  it('parses the info JSON leniently, like BackupJobInfo: sub-partitions, missing optional fields, 4.2 fields', () => {
    const info = parseInfoFile(
      JSON.stringify({
        name: 'l',
        database: 'db',
        id: 10001,
        backup_time: 1675739383561,
        backup_objects: {
          t1: {
            id: 1,
            partitions: {
              p1: {
                id: 2,
                indexes: { t1: { id: 3, tablets: { '10': [], '11': [] } } },
                subPartitions: { '9': { id: 9, indexes: { t1: { id: 3, tablets: { '12': [] } } } } },
              },
            },
          },
          v1: { id: 5, partitions: {} },
        },
        backup_result: 'failed',
        cluster_id: 'c-1',
      }),
    );
    assert.equal(info.database, 'db');
    assert.equal(info.databaseId, '10001');
    assert.equal(info.backupTime?.toISOString(), '2023-02-07T03:09:43.561Z');
    assert.deepEqual(info.tables, [
      { name: 't1', partitions: ['p1'] },
      { name: 'v1', partitions: [] },
    ]);
    assert.deepEqual(info.tabletIds.sort(), ['10', '11', '12']);
    assert.equal(info.succeeded, false);
    assert.equal(info.clusterId, 'c-1');
    assert.throws(() => parseInfoFile('{not json'), /not valid JSON/);
    assert.equal(md5Hex(Buffer.from('abc')), '900150983cd24fb0d6963f7d28e17f72');
  });

  it('orders deletion info first, then meta, then content, and batches by at most 1000', () => {
    const keys = [`${P}__ss_content/a`, `${P}__meta.${MD5}`, `${P}__info_x.${MD5}`, `${P}__ss_content/__info_fake`];
    assert.deepEqual(orderForDeletion(P, keys), [
      `${P}__info_x.${MD5}`,
      `${P}__meta.${MD5}`,
      `${P}__ss_content/__info_fake`,
      `${P}__ss_content/a`,
    ]);
    const many = Array.from({ length: 2500 }, (_, i) => i);
    assert.deepEqual(
      batchesOf(many).map((b) => b.length),
      [1000, 1000, 500],
    );
    assert.deepEqual(
      batchesOf(many, 5000).map((b) => b.length),
      [1000, 1000, 500],
      'never more than S3 allows',
    );
    assert.deepEqual(
      batchesOf(many.slice(0, 5), 2).map((b) => b.length),
      [2, 2, 1],
    );
  });
});
