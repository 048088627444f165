/**
 * The S3 side in a real VS Code extension host against the sandbox (an emulated FE whose
 * repositories live on a real S3 API): sizes in the report and in the tree, deleting a snapshot
 * (S3 batch delete before 4.2, DROP SNAPSHOT on 4.2), retention, and the access check.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../src/storage/s3Sdk';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { buildCreateRepository } from '../../src/starrocks/builders/repository';
import { formatBytes } from '../../src/text/format';
import { startSandbox, DEMO_REPOSITORY, DEMO_SNAPSHOTS } from '../sandbox';
import { demoRepositoryStatement } from '../sandbox/seed/demoSeed';
import { plainListing, putObjects, snapshotObjects } from '../unit/storage/fixture/repositoryFixture';
import { childLabelled, childrenOf, connectionNodeOf, descriptionOf, tooltipOf, waitFor } from './support/explorer';
import { addSandboxProfile, scriptPrompter } from './support/sandboxProfile';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { useSandboxSuite } from './support/sandboxSuite';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A scripted prompter that does something (as another client would) just before answering the first input matching `when`. */
class ActingPrompter extends ScriptedPrompter {
  acted = false;
  constructor(
    private readonly when: RegExp,
    private readonly action: () => Promise<unknown>,
  ) {
    super();
  }

  override async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    if (!this.acted && this.when.test(options.prompt ?? '')) {
      this.acted = true;
      await this.action();
    }
    return super.input(options);
  }
}
/** What the storage commands resolve to, loosely typed: the bundle's classes are not the test's. */
type Outcome = { status: string; text?: string; message?: string; reason?: string; sql?: string; [key: string]: unknown };

const ROOT = `demo/__starrocks_repository_${DEMO_REPOSITORY}/`;

describe('Storage (S3 side)', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let sandbox: Sandbox;
  let profile: ConnectionProfile;
  let s3: S3Client;
  const suffix = randomBytes(3).toString('hex');

  const script = (): ScriptedPrompter => scriptPrompter(api);

  async function run(command: string, argument: Record<string, unknown>): Promise<Outcome> {
    return (await vscode.commands.executeCommand(command, argument)) as Outcome;
  }

  async function query(sql: string, p = profile): Promise<Record<string, unknown>[]> {
    return (await (await api.connections.getSession(p.id)).query(sql)).rows;
  }

  async function giveCredentials(
    p: ConnectionProfile,
    sb: Sandbox,
    repository: string,
    secret = sb.info.secretKey,
    accessKey = sb.info.accessKey,
  ): Promise<void> {
    await api.connections.setS3Credentials(p.id, repository, { kind: 'keys', accessKeyId: accessKey, secretAccessKey: secret });
    await api.connections.setS3Endpoint(p.id, repository, { endpoint: sb.info.s3Endpoint, region: sb.info.region, forcePathStyle: true });
  }

  /** BACKUP DATABASE demo_ops (3.4 grammar) and wait until the job ends. */
  async function backup(label: string, repository = DEMO_REPOSITORY, p = profile): Promise<void> {
    await query(`BACKUP DATABASE demo_ops SNAPSHOT ${label} TO ${repository}`, p);
    await waitFor(
      `backup ${label}`,
      async () => {
        const row = (await query('SHOW BACKUP FROM demo_ops', p)).find((r) => r.SnapshotName === label);
        if (row?.State === 'CANCELLED') assert.fail(`backup ${label} was cancelled: ${String(row.Status)}`);
        return row?.State === 'FINISHED' ? true : undefined;
      },
      60_000,
    );
  }

  async function serverLabels(repository = DEMO_REPOSITORY, p = profile): Promise<string[]> {
    return (await query(`SHOW SNAPSHOT ON ${repository}`, p)).map((r) => String(r.Snapshot)).sort();
  }

  const suite = useSandboxSuite({
    main: { options: { seed: 'demo', version: '3.4', jobSpeed: 'fast' }, profile: `storage ${suffix}`, s3: true },
  });
  before(async () => {
    ({ api, originalPrompter } = suite);
    [sandbox, profile, s3] = [suite.sandbox('main'), suite.profile('main'), suite.s3('main')];
    await giveCredentials(profile, sandbox, DEMO_REPOSITORY);
  });

  afterEach(() => {
    const scripted = api.prompter;
    api.prompter = originalPrompter;
    if (scripted instanceof ScriptedPrompter) scripted.assertFinished();
  });

  it('measures every snapshot exactly as a plain listing counts it, and opens the usage report', async () => {
    const outcome = await run('starrocksBackup.showRepositoryUsage', { profileId: profile.id, repository: DEMO_REPOSITORY });
    assert.equal(outcome.status, 'done', outcome.message);
    const usage = outcome.usage as {
      snapshots: { label: string; objects: number; bytes: number; health: string; info?: { database?: string } }[];
      totals: { objects: number; bytes: number };
    };
    const labels = usage.snapshots.map((s) => s.label).sort();
    assert.deepEqual(labels, [DEMO_SNAPSHOTS.base, DEMO_SNAPSHOTS.orders].sort());
    for (const snapshot of usage.snapshots) {
      const reference = await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${snapshot.label}/`);
      assert.equal(snapshot.objects, reference.count, `${snapshot.label} objects`);
      assert.equal(snapshot.bytes, reference.bytes, `${snapshot.label} bytes`);
      assert.equal(snapshot.health, 'ok', `${snapshot.label} is whole`);
      assert.equal(snapshot.info?.database, 'demo_sales');
    }
    assert.deepEqual(outcome.comparison, { onlyOnStorage: [], onlyOnServer: [] });
    assert.equal(vscode.window.activeTextEditor?.document.getText(), outcome.text, 'the report is the open document');
    assert.match(outcome.text!, new RegExp(`## Largest snapshots[\\s\\S]*${DEMO_SNAPSHOTS.base}`));
  });

  it('shows snapshot sizes in the tree, measured in the background', async () => {
    api.storage.sizes.cache.clear();
    const connection = await connectionNodeOf(api, profile.id);
    const repo = await childLabelled(api, connection, DEMO_REPOSITORY);
    api.tree.refresh(repo.node);
    const reference = await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${DEMO_SNAPSHOTS.base}/`);
    const item = await waitFor('a size on the snapshot node', async () => {
      const found = (await childrenOf(api, repo.node)).find((c) => c.item.label === DEMO_SNAPSHOTS.base);
      return found && descriptionOf(found.item).includes(formatBytes(reference.bytes)) ? found.item : undefined;
    });
    assert.match(tooltipOf(item), new RegExp(`Objects on storage[^\\n]*${reference.count}`));
  });

  it('checks S3 access: allowed with the repository keys, reported (not thrown) with wrong ones', async () => {
    const good = await run('starrocksBackup.checkS3Access', { profileId: profile.id, repository: DEMO_REPOSITORY });
    const report = good.report as { ok: boolean; checks: { action: string; outcome: string }[]; leftoverProbe?: string; policy: unknown };
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.deepEqual(
      report.checks.map((c) => c.action),
      ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    );
    assert.equal(report.leftoverProbe, undefined);
    const probes = (await plainListing(s3, sandbox.info.bucket, ROOT)).keys.filter((k) => k.includes('__sr_vscode_access_check_'));
    assert.deepEqual(probes, [], 'the probe object was removed');
    assert.match(good.text!, /## Policy for this repository/);

    // s3rver does not check SigV4 signatures, so the wrong credentials are an unknown key.
    await giveCredentials(profile, sandbox, DEMO_REPOSITORY, 'not-the-secret', 'NOT-A-KEY');
    try {
      const bad = await run('starrocksBackup.checkS3Access', { profileId: profile.id, repository: DEMO_REPOSITORY });
      assert.equal(bad.status, 'done');
      const badReport = bad.report as { ok: boolean; checks: { outcome: string; detail: string }[] };
      assert.equal(badReport.ok, false);
      assert.equal(badReport.checks[0].outcome, 'error');
      assert.match(badReport.checks[0].detail, /credentials were rejected/);
      assert.ok(!bad.text!.includes('not-the-secret'), 'the secret is not in the report');
    } finally {
      await giveCredentials(profile, sandbox, DEMO_REPOSITORY);
    }
  });

  it('deletes one snapshot on a 3.4 server from S3 after a typed confirmation; the label can be backed up again', async () => {
    const label = `del_${suffix}`;
    await backup(label);
    const others = (await plainListing(s3, sandbox.info.bucket, 'demo/')).keys.filter((k) => !k.startsWith(`${ROOT}__ss_${label}/`));
    const files = await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${label}/`);
    assert.ok(files.count > 2);

    const scripted = script()
      .accept(/Delete snapshot/, 'Delete…')
      .answerInvalid(/Type the snapshot label/, `${label}x`, /exactly/)
      .answer(/Type the snapshot label/, label);
    const outcome = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label });
    assert.equal(outcome.status, 'done', outcome.message ?? outcome.reason);
    const deletion = outcome.deletion as { method: string; objects: number; bytes: number; result: { deleted: number; remaining: number } };
    assert.equal(deletion.method, 's3');
    assert.equal(deletion.objects, files.count);
    assert.equal(deletion.bytes, files.bytes);
    assert.equal(deletion.result.deleted, files.count);
    assert.equal(deletion.result.remaining, 0);
    const confirm = scripted.transcript.find((p) => p.kind === 'confirm')!;
    assert.match(confirm.detail ?? '', new RegExp(`${files.count} object\\(s\\)`), 'the confirmation said what would go');

    assert.deepEqual((await plainListing(s3, sandbox.info.bucket, 'demo/')).keys, others, 'nothing else was touched');
    assert.ok(!(await serverLabels()).includes(label), 'SHOW SNAPSHOT no longer lists it');
    await backup(label);
    assert.ok((await serverLabels()).includes(label), 'the label was reusable by BACKUP');
  });

  it('refuses to delete a snapshot that a running BACKUP writes', async () => {
    const label = `busy_${suffix}`;
    const state = async () => (await query('SHOW BACKUP FROM demo_ops')).find((r) => r.SnapshotName === label)?.State;
    await sandbox.control.stickJob('demo_ops', 'UPLOADING');
    try {
      await query(`BACKUP DATABASE demo_ops SNAPSHOT ${label} TO ${DEMO_REPOSITORY}`);
      await waitFor('the backup to reach UPLOADING', async () => ((await state()) === 'UPLOADING' ? true : undefined));
      const before = await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${label}/`);
      const outcome = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label });
      assert.equal(outcome.status, 'refused');
      assert.match(outcome.reason!, new RegExp(`BACKUP ${label} is UPLOADING in database demo_ops`));
      assert.deepEqual(await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${label}/`), before, 'its files are untouched');
    } finally {
      await sandbox.control.releaseJobs();
      await waitFor('the backup to finish', async () => ((await state()) === 'FINISHED' ? true : undefined), 60_000);
    }
  });

  it('reports a delete that fails half-way, and deleting again finishes it', async () => {
    const label = `half_${suffix}`;
    await backup(label);
    const total = (await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${label}/`)).count;
    await sandbox.control.s3.failNextDelete(2, 3); // every attempt of the SDK fails after 2 keys
    script()
      .accept(/Delete snapshot/, 'Delete…')
      .answer(/Type the snapshot label/, label);
    const failed = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label });
    assert.equal(failed.status, 'failed');
    assert.match(failed.message!, /InternalError/);
    const partial = (failed.deletion as { result: { remaining: number } }).result;
    assert.equal(partial.remaining, total - 2);
    const afterFailure = (await query(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY}`)).find((r) => r.Snapshot === label);
    assert.match(String(afterFailure?.Status), /ERROR/, 'the info file went first: the FE sees an incomplete snapshot');

    script()
      .accept(/Delete snapshot/, 'Delete…')
      .answer(/Type the snapshot label/, label);
    const retried = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label });
    assert.equal(retried.status, 'done', retried.message);
    assert.equal((await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${label}/`)).count, 0);
  });

  it('applies retention: a dry-run preview first, then deletes only what the policy names', async () => {
    const repository = `ret_${suffix}`;
    const session = await api.connections.getSession(profile.id);
    const create = buildCreateRepository(
      {
        name: repository,
        location: `s3a://${sandbox.info.bucket}/ret-${suffix}`,
        credentials: {
          method: 's3Compatible',
          endpoint: sandbox.info.s3Endpoint,
          accessKey: sandbox.info.accessKey,
          secretKey: sandbox.info.secretKey,
          region: sandbox.info.region,
          pathStyle: true,
        },
      },
      session.server.capabilities,
    );
    await session.query(create.sql);
    await giveCredentials(profile, sandbox, repository);
    for (const n of [1, 2, 3]) await backup(`r${n}_${suffix}`, repository);

    // First only look: the preview opens, the confirmation is declined, nothing goes.
    script()
      .choose(/Which snapshots to keep/, 'Keep the newest N snapshots')
      .answer(/How many/, '1')
      .choose(/Apply the rule to/, 'Across the whole repository')
      .choose(/Incomplete snapshots/, 'Keep incomplete snapshots')
      .accept(/Delete 2 snapshot/, undefined);
    const looked = await run('starrocksBackup.applyRetention', { profileId: profile.id, repository });
    assert.equal(looked.status, 'cancelled');
    const preview = (looked.retention as { preview: string }).preview;
    assert.equal(vscode.window.activeTextEditor?.document.getText(), preview);
    assert.match(preview, /Nothing has been deleted/);
    assert.match(preview, new RegExp(`## Would be deleted \\(2\\)[\\s\\S]*r1_${suffix}[\\s\\S]*## Kept \\(1\\)[\\s\\S]*r3_${suffix}`));
    assert.equal((await serverLabels(repository)).length, 3);

    script()
      .choose(/Which snapshots to keep/, 'Keep the newest N snapshots')
      .answer(/How many/, '1')
      .choose(/Apply the rule to/, 'Across the whole repository')
      .choose(/Incomplete snapshots/, 'Keep incomplete snapshots')
      .accept(/Delete 2 snapshot/, 'Delete…')
      .answer(/Type the repository name/, repository);
    const applied = await run('starrocksBackup.applyRetention', { profileId: profile.id, repository });
    assert.equal(applied.status, 'done', applied.message);
    assert.deepEqual((applied.retention as { deleted: string[] }).deleted.sort(), [`r1_${suffix}`, `r2_${suffix}`]);
    assert.deepEqual(await serverLabels(repository), [`r3_${suffix}`]);
  });

  it('deletes nothing when the repository changed between the preview and the typed confirmation, and says what changed', async () => {
    const [older, newer, intruder] = [1, 2, 3].map((n) => `rc_${suffix}_${n}`);
    for (const label of [older, newer]) await backup(label);
    // While the user types the repository name, another client writes a newer snapshot into the same group.
    const prompts = new ActingPrompter(/Type the repository name/, () =>
      putObjects(s3, sandbox.info.bucket, snapshotObjects(ROOT, { label: intruder, database: 'demo_ops', backupTime: new Date() })),
    );
    api.prompter = prompts;
    prompts
      .choose(/Which snapshots to keep/, 'Keep the newest N snapshots')
      .answer(/How many/, '1')
      .choose(/Apply the rule to/, 'Only labels starting with…')
      .answer(/Label prefixes/, `rc_${suffix}`)
      .choose(/Incomplete snapshots/, 'Keep incomplete snapshots')
      .accept(/Delete 1 snapshot/, 'Delete…')
      .answer(/Type the repository name/, DEMO_REPOSITORY);
    const before = await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${older}/`);
    const outcome = await run('starrocksBackup.applyRetention', { profileId: profile.id, repository: DEMO_REPOSITORY });
    assert.ok(prompts.acted, 'the intruding snapshot was written before the confirmation was answered');
    assert.equal(outcome.status, 'refused', JSON.stringify(outcome.message ?? outcome));
    assert.match(
      outcome.reason!,
      new RegExp(`^Nothing was deleted: repository ${DEMO_REPOSITORY} changed since the preview\\..*${newer} would now be deleted too`),
    );
    assert.deepEqual(await plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${older}/`), before, 'the previewed snapshot is untouched');
    assert.deepEqual(
      (await serverLabels()).filter((l) => l.startsWith(`rc_${suffix}`)),
      [older, newer, intruder],
    );
  });

  it('on 4.2 uses DROP SNAPSHOT, and offers FORCE only after the server asked for it', async () => {
    const v42 = await startSandbox({ seed: 'demo', version: '4.2', jobSpeed: 'fast' });
    const p42 = await addSandboxProfile(api, v42, `storage 4.2 ${suffix}`);
    const s3v42 = withoutNodeVersionWarning(
      () =>
        new S3Client({
          endpoint: v42.info.s3Endpoint,
          region: v42.info.region,
          forcePathStyle: true,
          credentials: { accessKeyId: v42.info.accessKey, secretAccessKey: v42.info.secretKey },
        }),
    );
    try {
      await giveCredentials(p42, v42, DEMO_REPOSITORY);
      // A snapshot this cluster wrote: dropped without FORCE.
      const own = DEMO_SNAPSHOTS.orders;
      const files = await plainListing(s3v42, v42.info.bucket, `${ROOT}__ss_${own}/`);
      const first = script()
        .accept(/Delete snapshot/, 'Delete…')
        .answer(/Type the snapshot label/, own);
      const dropped = await run('starrocksBackup.deleteSnapshot', { profileId: p42.id, repository: DEMO_REPOSITORY, label: own });
      assert.equal(dropped.status, 'submitted', dropped.message ?? dropped.reason);
      assert.match(dropped.sql!, new RegExp(`^DROP SNAPSHOT \`?${own}\`? ON \`?${DEMO_REPOSITORY}\`?$`));
      assert.equal((dropped.deletion as { objects: number }).objects, files.count, 'the preview counted the files on S3');
      assert.ok(!first.transcript.some((p) => /FORCE/.test(p.message ?? '')), 'FORCE was not offered');

      // A snapshot written before 4.2 records no cluster: the server asks for FORCE, and the user sees why.
      const old = `old_${suffix}`;
      await putObjects(s3v42, v42.info.bucket, snapshotObjects(ROOT, { label: old }));
      const second = script()
        .accept(/Delete snapshot/, 'Delete…')
        .answer(/Type the snapshot label/, old)
        .accept(/without FORCE/, 'Drop with FORCE');
      const forced = await run('starrocksBackup.deleteSnapshot', { profileId: p42.id, repository: DEMO_REPOSITORY, label: old });
      assert.equal(forced.status, 'submitted', forced.message ?? forced.reason);
      assert.match(forced.sql!, / FORCE$/);
      const forcePrompt = second.transcript.find((p) => p.kind === 'confirm' && /FORCE/.test(p.message ?? ''))!;
      assert.match(forcePrompt.detail ?? '', /does not record which cluster created it/);
      assert.deepEqual(await serverLabels(DEMO_REPOSITORY, p42), [DEMO_SNAPSHOTS.base]);
    } finally {
      s3v42.destroy();
      await api.connections.removeProfile(p42.id);
      await v42.stop();
    }
  });
  /**
   * Migration: cluster B reads A's demo_repo through a READ ONLY repository of the same name and
   * location on the same S3 server. Deleting on A must ask B, fresh, whether it uses the snapshot.
   */
  describe('snapshots another cluster may be using', () => {
    let target: Sandbox | undefined;
    let targetProfile: ConnectionProfile | undefined;
    const busy = `xc_${suffix}_1`;
    const newest = `xc_${suffix}_2`;
    const restoreState = async () => (await query('SHOW RESTORE FROM demo_ops', targetProfile!)).find((r) => r.Label === busy)?.State;
    const files = () => plainListing(s3, sandbox.info.bucket, `${ROOT}__ss_${busy}/`);
    const retentionScript = () =>
      script()
        .choose(/Which snapshots to keep/, 'Keep the newest N snapshots')
        .answer(/How many/, '1')
        .choose(/Apply the rule to/, 'Only labels starting with…')
        .answer(/Label prefixes/, `xc_${suffix}`)
        .choose(/Incomplete snapshots/, 'Keep incomplete snapshots');

    before(async () => {
      for (const label of [busy, newest]) await backup(label);
      target = await startSandbox({ sharedS3: sandbox.control.s3 });
      targetProfile = await addSandboxProfile(api, target, `storage target ${suffix}`);
      await query(demoRepositoryStatement(target.info).replace(/^CREATE REPOSITORY/, 'CREATE READ ONLY REPOSITORY'), targetProfile!);
      await giveCredentials(targetProfile, target, DEMO_REPOSITORY);
    });

    after(async () => {
      await target?.control.releaseJobs().catch(() => undefined);
      if (targetProfile && api.connections.getProfile(targetProfile.id)) await api.connections.removeProfile(targetProfile.id);
      await target?.stop();
    });

    it('refuses to delete a snapshot that a RESTORE on another cluster over the same location reads, and retention skips it', async () => {
      const b = target!;
      const {
        rows: [{ Timestamp: timestamp }],
      } = await (
        await api.connections.getSession(targetProfile!.id)
      ).query<Record<string, unknown>>(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY} WHERE SNAPSHOT = '${busy}'`);
      await b.control.stickJob('demo_ops', 'DOWNLOADING');
      await query(
        `RESTORE SNAPSHOT ${busy} FROM ${DEMO_REPOSITORY} DATABASE demo_ops PROPERTIES ("backup_timestamp" = "${String(timestamp)}")`,
        targetProfile!,
      );
      await waitFor('the restore on B to reach DOWNLOADING', async () => ((await restoreState()) === 'DOWNLOADING' ? true : undefined));
      const before = await files();
      assert.ok(before.count > 2, 'the snapshot is on S3');

      const refused = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label: busy });
      assert.equal(refused.status, 'refused', refused.message);
      assert.match(refused.reason!, new RegExp(`RESTORE ${busy} is DOWNLOADING in database demo_ops on storage target ${suffix}`));
      assert.deepEqual(await files(), before, 'its files are untouched');

      // Retention plans it (the older of the two), and skips it at deletion time, naming B's job.
      retentionScript()
        .accept(/Delete 1 snapshot/, 'Delete…')
        .answer(/Type the repository name/, DEMO_REPOSITORY);
      const applied = await run('starrocksBackup.applyRetention', { profileId: profile.id, repository: DEMO_REPOSITORY });
      const retention = applied.retention as {
        plan: { delete: { label: string }[] };
        deleted: string[];
        failed: { label: string; message: string }[];
      };
      assert.deepEqual(
        retention.plan.delete.map((d) => d.label),
        [busy],
      );
      assert.deepEqual(retention.deleted, []);
      assert.equal(retention.failed.length, 1);
      assert.match(
        retention.failed[0].message,
        new RegExp(`RESTORE ${busy} is DOWNLOADING in database demo_ops on storage target ${suffix}`),
      );
      assert.deepEqual(await files(), before, 'its files are still untouched');

      await b.control.releaseJobs();
      await waitFor('the restore on B to finish', async () => ((await restoreState()) === 'FINISHED' ? true : undefined), 60_000);
    });

    it('asks before deleting when a connection over the same location cannot be reached, and Cancel deletes nothing', async () => {
      const before = await files();
      assert.ok(before.count > 2, 'the snapshot is on S3');
      await target!.stop();
      target = undefined;
      const unreachable = new RegExp(`^Could not check storage target ${suffix} for jobs that use`);

      const deleting = script()
        .accept(/Delete snapshot/, 'Delete…')
        .answer(/Type the snapshot label/, busy)
        .accept(unreachable, undefined);
      const cancelled = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label: busy });
      assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
      const modal = deleting.transcript.find((p) => p.kind === 'confirm' && unreachable.test(p.message ?? ''))!;
      assert.match(modal.message!, new RegExp(`snapshot ${busy}`));
      assert.match(
        modal.detail ?? '',
        new RegExp(`^storage target ${suffix}: `),
        'the modal says why that connection could not be checked',
      );
      assert.deepEqual(modal.actions, ['Delete Anyway'], 'Cancel is the only other way out, and the default');
      assert.deepEqual(await files(), before, 'nothing was deleted');

      retentionScript()
        .accept(/Delete 1 snapshot/, 'Delete…')
        .answer(/Type the repository name/, DEMO_REPOSITORY)
        .accept(unreachable, undefined);
      const retention = await run('starrocksBackup.applyRetention', { profileId: profile.id, repository: DEMO_REPOSITORY });
      assert.equal(retention.status, 'cancelled', JSON.stringify(retention.message ?? retention.reason));
      assert.deepEqual((retention.retention as { deleted: string[] }).deleted, []);
      assert.deepEqual(await files(), before, 'nothing was deleted by retention either');
      assert.ok((await serverLabels()).includes(busy));

      // The explicit choice goes on: the same delete, answered "Delete Anyway", deletes it.
      script()
        .accept(/Delete snapshot/, 'Delete…')
        .answer(/Type the snapshot label/, busy)
        .accept(unreachable, 'Delete Anyway');
      const deleted = await run('starrocksBackup.deleteSnapshot', { profileId: profile.id, repository: DEMO_REPOSITORY, label: busy });
      assert.equal(deleted.status, 'done', deleted.message ?? deleted.reason);
      assert.equal((await files()).count, 0);
    });
  });
});
