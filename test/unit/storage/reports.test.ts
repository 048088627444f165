import * as assert from 'node:assert/strict';
import type { AccessReport } from '../../../src/storage/accessCheck';
import type { DeletionResult } from '../../../src/storage/deletion';
import { iamPolicyForLocation, statementFor } from '../../../src/storage/iamPolicy';
import type { StoredSnapshot } from '../../../src/storage/inspect';
import { accessReportMarkdown } from '../../../src/storage/report/accessReport';
import { deletionSucceeded, describeDeletionResult } from '../../../src/storage/report/deletionReport';
import { formatBytes } from '../../../src/text/format';
import { cell } from '../../../src/text/markdown';
import { retentionPreview } from '../../../src/storage/report/retentionReport';
import { compareWithServer } from '../../../src/storage/report/serverComparison';
import { usageReport } from '../../../src/storage/report/usageReport';
import { planRetention } from '../../../src/storage/retention';
import { totalsOf, type RepositoryUsage } from '../../../src/storage/sizing';

function stored(label: string, bytes: number, health: StoredSnapshot['health'], time: string): StoredSnapshot {
  return {
    label,
    prefix: `r/__ss_${label}/`,
    objects: Math.ceil(bytes / 100),
    bytes,
    timestamps: health === 'incomplete' ? [] : [time.replace(/[:T]/g, '-').slice(0, 19) + '-000'],
    infoFiles: [],
    invalidInfoFiles: [],
    partFiles: [],
    hasMeta: health !== 'incomplete',
    complete: health !== 'incomplete',
    health,
    healthChecked: true,
    problems: health === 'ok' ? [] : [{ kind: health === 'incomplete' ? 'noInfo' : 'partFiles', message: `${label} problem text` }],
    time: new Date(time),
    scannedAt: 0,
  };
}

describe('storage/report (pure)', () => {
  const snapshots = [
    stored('small', 1_000, 'ok', '2024-03-01T00:00:00Z'),
    stored('huge', 5 * 1024 ** 3, 'ok', '2024-01-01T00:00:00Z'),
    stored('broken', 2_000, 'damaged', '2024-02-01T00:00:00Z'),
    stored('running', 500, 'incomplete', '2024-04-01T00:00:00Z'),
  ];
  const usage: RepositoryUsage = {
    repository: {
      ref: { name: 'r', location: 's3a://b-1/x' },
      key: 's3://b-1/x/r',
      bucket: 'b-1',
      root: 'x/__starrocks_repository_r/',
      legacy: false,
    },
    listing: {
      labels: snapshots.map((s) => s.label),
      otherFolders: [],
      rootFiles: [{ key: 'x/__starrocks_repository_r/__repo_info', size: 50 }],
      hasRepoInfo: true,
    },
    snapshots,
    totals: totalsOf(snapshots),
    rootBytes: 50,
    fromCache: 1,
    peakConcurrency: 1,
  };

  it('formats sizes like the tree and escapes table cells', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GiB');
    assert.equal(cell('a|b\nc'), 'a\\|b c');
  });

  it('reports totals, the largest first, the problems and the orphans', () => {
    const comparison = compareWithServer(usage.listing.labels, ['small', 'huge', 'broken', 'gone']);
    assert.deepEqual(comparison, { onlyOnStorage: ['running'], onlyOnServer: ['gone'] });
    const text = usageReport({
      usage,
      repository: 'r',
      location: 's3a://b-1/x',
      connection: 'prod',
      comparison,
      measuredAt: new Date('2024-05-01T00:00:00Z'),
    });
    assert.match(text, /\| Snapshots \| 4 \(1 incomplete, 1 damaged\) \|/);
    assert.match(text, /\| Files beside the snapshots \| __repo_info \(50 B\) \|/);
    const largest = text.slice(text.indexOf('## Largest'), text.indexOf('## Incomplete'));
    assert.ok(largest.indexOf('huge') < largest.indexOf('broken') && largest.indexOf('broken') < largest.indexOf('small'), 'largest first');
    assert.match(text, /\*\*running\*\* \(incomplete/);
    assert.match(text, /running problem text/);
    assert.match(text, /On storage but not listed by the server: running\./);
    assert.match(text, /Listed by the server but without a folder here: gone\./);
  });

  it('says when the server could not be compared', () => {
    const text = usageReport({
      usage,
      repository: 'r',
      location: 's3a://b-1/x',
      connection: 'prod',
      comparisonError: 'Access denied',
      measuredAt: new Date(),
    });
    assert.match(text, /Not compared: Access denied\./);
  });

  it('previews retention with what goes, what stays, sizes and reasons', () => {
    const candidates = snapshots.map((s) => ({ label: s.label, time: s.time, complete: s.complete, database: 'sales' }));
    const plan = planRetention(candidates, { keepLast: 1, now: new Date('2024-05-01T00:00:00Z') });
    const text = retentionPreview({
      plan,
      repository: 'r',
      location: 's3a://b-1/x',
      snapshots: new Map(snapshots.map((s) => [s.label, s])),
      method: 'the S3 batch delete',
    });
    assert.match(text, /Nothing has been deleted/);
    assert.match(text, /would delete \*\*2\*\* snapshot\(s\) \(5\.0 GiB\)/);
    const deleted = text.slice(text.indexOf('## Would be deleted'), text.indexOf('## Kept'));
    assert.ok(deleted.includes('huge') && deleted.includes('broken') && !deleted.includes('running'));
  });

  it('previews retention group by group, each with all its members, kept and deleted, and their databases', () => {
    const at = (day: number) => new Date(Date.UTC(2024, 0, day));
    const candidates = [
      { label: 'db1_20240101_010000', time: at(1), complete: true, database: 'db1' },
      { label: 'db1_20240102_010000', time: at(2), complete: true, database: 'db1' },
      { label: 'db1_20240103_010000', time: at(3), complete: true, database: 'db1' },
      { label: 'db10_20240104_010000', time: at(4), complete: true, database: 'db10' },
    ];
    const plan = planRetention(candidates, { keepLast: 2, prefixes: ['db1'], now: at(10) });
    const text = retentionPreview({ plan, repository: 'r', location: 's3a://b-1/x', method: 'DROP SNAPSHOT' });
    const section = (heading: string) => {
      const start = text.indexOf(heading);
      assert.ok(start >= 0, `${heading} in:\n${text}`);
      const end = text.indexOf('### ', start + heading.length);
      return text.slice(start, end < 0 ? undefined : end);
    };
    const db1 = section('### Group `db1`: 3 snapshot(s), 1 deleted, 2 kept');
    assert.match(db1, /\| db1_20240101_010000 \| \*\*delete\*\* \| db1 \|/);
    assert.match(db1, /\| db1_20240103_010000 \| keep \| db1 \|/);
    assert.match(db1, /\| db1_20240102_010000 \| keep \| db1 \|/);
    assert.ok(!db1.includes('db10_'), 'the db10 snapshot is not a member of group db1');
    const others = section('### Group `(no matching prefix)`: 1 snapshot(s), 0 deleted, 1 kept');
    assert.match(others, /\| db10_20240104_010000 \| keep \| db10 \|/);
  });

  it('describes a partial deletion with the failed keys and what is left', () => {
    const result: DeletionResult = {
      label: 'l',
      requested: 10,
      deleted: 4,
      failed: [{ key: 'k1', code: 'InternalError', message: 'boom' }],
      notAttempted: 5,
      error: 'InternalError (HTTP 500): boom',
      cancelled: false,
      remaining: 6,
    };
    const text = describeDeletionResult(result);
    assert.match(text, /Deleted 4 of 10/);
    assert.match(text, /- k1: InternalError boom/);
    assert.match(text, /5 object\(s\) were not attempted/);
    assert.match(text, /6 object\(s\) are still there/);
    assert.equal(deletionSucceeded(result), false);
    assert.equal(deletionSucceeded({ ...result, deleted: 10, failed: [], notAttempted: 0, error: undefined, remaining: 0 }), true);
  });

  it('renders the access check with the fix for each denial and the whole policy', () => {
    const target = { bucket: 'b-1', prefix: 'x' };
    const report: AccessReport = {
      location: 's3a://b-1/x',
      bucket: 'b-1',
      prefix: 'x',
      root: 'x/__starrocks_repository_r/',
      checks: [
        { action: 's3:ListBucket', request: 'ListObjectsV2 …', outcome: 'allowed', detail: 'Listed.' },
        {
          action: 's3:PutObject',
          request: 'PutObject …',
          outcome: 'denied',
          detail: 'Denied: AccessDenied',
          fix: statementFor('s3:PutObject', target),
        },
      ],
      policy: iamPolicyForLocation('s3a://b-1/x'),
      ok: false,
    };
    const text = accessReportMarkdown(report, 'r (prod)');
    assert.match(text, /\| s3:PutObject \| ⛔ denied \|/);
    assert.match(text, /## To allow s3:PutObject\n\n```json\n\{\n {2}"Sid": "WriteBackups"/);
    const policyBlock = text.slice(text.indexOf('## Policy for this repository'));
    assert.deepEqual(JSON.parse(policyBlock.slice(policyBlock.indexOf('```json') + 7, policyBlock.lastIndexOf('```'))), report.policy);
  });
});
