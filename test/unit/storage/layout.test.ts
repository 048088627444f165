import * as assert from 'node:assert/strict';
import {
  decodeChecksumName,
  decodeInfoFileName,
  decodeKey,
  joinKey,
  labelOfSnapshotPrefix,
  parseSnapshotTimestamp,
  repositoryRootKey,
  snapshotPrefix,
} from '../../../src/storage/layout';

const MD5 = '0123456789abcdef0123456789abcdef';

describe('storage/layout', () => {
  describe('decodeChecksumName (Repository.decodeFileNameWithChecksum)', () => {
    it('accepts exactly 32 characters after the last dot', () => {
      assert.deepEqual(decodeChecksumName(`__meta.${MD5}`), { name: '__meta', md5: MD5 });
      assert.deepEqual(decodeChecksumName(`10004.hdr.${MD5}`), { name: '10004.hdr', md5: MD5 });
    });
    it('rejects .part, short suffixes and names without a dot', () => {
      assert.equal(decodeChecksumName('__info_2024-01-01-00-00-00-000.part'), undefined);
      assert.equal(decodeChecksumName(`__meta.${MD5.slice(1)}`), undefined);
      assert.equal(decodeChecksumName('__repo_info'), undefined);
    });
  });

  describe('decodeInfoFileName', () => {
    it('reads the timestamp verbatim, millisecond and second precision', () => {
      assert.deepEqual(decodeInfoFileName(`__info_2023-02-07-03-09-43-561.${MD5}`), { timestamp: '2023-02-07-03-09-43-561', md5: MD5 });
      assert.deepEqual(decodeInfoFileName(`__info_2018-05-04-17-11-01.${MD5}`), { timestamp: '2018-05-04-17-11-01', md5: MD5 });
    });
    it('is undefined for a .part info file and for other files', () => {
      assert.equal(decodeInfoFileName('__info_2023-02-07-03-09-43-561.part'), undefined);
      assert.equal(decodeInfoFileName(`__meta.${MD5}`), undefined);
    });
  });

  describe('decodeKey', () => {
    it('decodes info, meta and the repo info', () => {
      assert.deepEqual(decodeKey(`__ss_snap1/__info_2024-03-01-10-00-00-123.${MD5}`), {
        label: 'snap1',
        kind: 'info',
        timestamp: '2024-03-01-10-00-00-123',
        md5: MD5,
      });
      assert.deepEqual(decodeKey(`__ss_snap1/__meta.${MD5}`), { label: 'snap1', kind: 'meta', md5: MD5 });
      assert.deepEqual(decodeKey('__repo_info'), { kind: 'other' });
    });
    it('decodes the ids of a tablet file from its path', () => {
      assert.deepEqual(decodeKey(`__ss_s/__ss_content/__db_10001/__tbl_10020/__part_10031/__idx_10032/__10023/10023.hdr.${MD5}`), {
        label: 's',
        kind: 'content',
        dbId: '10001',
        tableId: '10020',
        partitionId: '10031',
        indexId: '10032',
        tabletId: '10023',
        md5: MD5,
      });
    });
    it('marks .part uploads anywhere, keeping the ids it can read', () => {
      assert.deepEqual(decodeKey('__ss_s/__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__5/0_0.dat.part'), {
        label: 's',
        kind: 'part',
        dbId: '1',
        tableId: '2',
        partitionId: '3',
        indexId: '4',
        tabletId: '5',
      });
      assert.deepEqual(decodeKey('__ss_s/__info_2024-01-01-00-00-00-000.part'), { label: 's', kind: 'part' });
    });
    it('keeps labels that look like layout names or contain dots and dashes', () => {
      assert.equal(decodeKey(`__ss___ss_x/__meta.${MD5}`).label, '__ss_x');
      assert.equal(decodeKey(`__ss_a.b-c/__meta.${MD5}`).label, 'a.b-c');
    });
    it('calls unknown files other, and keys outside snapshots other without a label', () => {
      assert.deepEqual(decodeKey('__ss_s/notes.txt'), { label: 's', kind: 'other' });
      assert.deepEqual(decodeKey('__ss_s/__ss_content/__db_1/stray.bin'), { label: 's', kind: 'other', dbId: '1' });
      assert.deepEqual(decodeKey('__ss_s/__ss_content/__db_1/__tbl_2/__part_3/__idx_4/__5/deeper/x.bin').kind, 'other');
      assert.deepEqual(decodeKey('__ss_s'), { kind: 'other' });
      assert.deepEqual(decodeKey('__sr_vscode_access_check_1234'), { kind: 'other' });
    });
  });

  describe('prefixes', () => {
    it('builds the repository root for a prefix or the bucket root, and the legacy one', () => {
      assert.equal(repositoryRootKey('backups/prod', 'repo'), 'backups/prod/__starrocks_repository_repo/');
      assert.equal(repositoryRootKey('', 'repo'), '__starrocks_repository_repo/');
      assert.equal(repositoryRootKey('x', 'repo', true), 'x/__palo_repository_repo/');
      assert.equal(joinKey('/a/b/', 'c'), 'a/b/c');
    });
    it('ends a snapshot prefix with "/" so label a never covers label ab', () => {
      const a = snapshotPrefix('r/', 'a');
      assert.equal(a, 'r/__ss_a/');
      assert.equal('r/__ss_ab/x'.startsWith(a), false);
      assert.equal('r/__ss_a/x'.startsWith(a), true);
    });
    it('refuses labels that are empty or hold a path separator', () => {
      for (const bad of ['', 'a/b', '../x', 'a\\b']) assert.throws(() => snapshotPrefix('r/', bad), /Not a valid snapshot label/);
    });
    it('reads labels back from common prefixes and ignores anything else', () => {
      assert.equal(labelOfSnapshotPrefix('r/', 'r/__ss_nightly_1/'), 'nightly_1');
      assert.equal(labelOfSnapshotPrefix('r/', 'r/__ss_/'), undefined);
      assert.equal(labelOfSnapshotPrefix('r/', 'r/other/'), undefined);
      assert.equal(labelOfSnapshotPrefix('r/', 'q/__ss_x/'), undefined);
    });
  });

  describe('parseSnapshotTimestamp', () => {
    it('reads both precisions as UTC', () => {
      assert.equal(parseSnapshotTimestamp('2023-02-07-03-09-43-561')?.toISOString(), '2023-02-07T03:09:43.561Z');
      assert.equal(parseSnapshotTimestamp('2018-05-04-17-11-01')?.toISOString(), '2018-05-04T17:11:01.000Z');
    });
    it('rejects other shapes', () => {
      assert.equal(parseSnapshotTimestamp('2023-02-07 03:09:43'), undefined);
      assert.equal(parseSnapshotTimestamp('Invalid: __info_x.part'), undefined);
    });
  });
});
