import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import mysql from 'mysql2/promise';
import * as vscode from 'vscode';
import type { StarRocksSession } from '../../src/connections/types';
import type { CancelOutcome } from '../../src/commands/jobs/cancelJob';
import type { ExtensionApi } from '../../src/extension';
import { outcomeOf } from '../../src/jobs/core/jobRecord';
import type { JobTracker } from '../../src/jobs/jobTracker';
import type { NoticeRecord } from '../../src/jobs/notifications';
import type { TrackedJob } from '../../src/jobs/types';
import { parseSnapshotList } from '../../src/starrocks/parsers/snapshots';
import { buildBackup } from '../../src/starrocks/builders/backup';
import { buildRestore } from '../../src/starrocks/builders/restore';
import { showBackup, showRestore, showSnapshots } from '../../src/starrocks/builders/show';
import { DEMO_REPOSITORY, DEMO_SNAPSHOTS, startSandbox, type RunningSandbox } from '../sandbox';
import { activateApi, sleep, waitFor } from './support/explorer';
import { filesUnder } from './support/files';
import { ScriptedPrompter } from './support/scriptedPrompter';

const BACKUP_STATES = ['PENDING', 'SNAPSHOTING', 'UPLOAD_SNAPSHOT', 'UPLOADING', 'SAVE_META', 'UPLOAD_INFO'];
const HISTORY_KEY = 'starrocksBackup.jobs.history';
const TEST_VIEW = 'jobs-test';

/** Markdown escapes removed, so tooltips can be searched for plain names. */
const plain = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

describe('Job tracker', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let jobs: JobTracker;
  let sandbox: RunningSandbox;
  let profileId: string;
  let session: StarRocksSession;
  let outside: mysql.Connection | undefined;
  const originalPrompter = (): ExtensionApi['prompter'] => api.prompter;
  let savedPrompter: ExtensionApi['prompter'];
  const settings = () => vscode.workspace.getConfiguration('starrocksBackup.jobs');

  const unique = (prefix: string): string => `${prefix}_${randomBytes(4).toString('hex')}`;

  function script(): ScriptedPrompter {
    const scripted = new ScriptedPrompter();
    api.prompter = scripted;
    return scripted;
  }

  /** One job per database at a time: a job of the previous test may still be finishing. */
  async function databaseIdle(database: string): Promise<void> {
    await waitFor(
      `${database} to run no job`,
      async () => {
        for (const sql of [showBackup(database).sql, showRestore(database).sql]) {
          const [row] = await outsideRows(sql);
          if (row && row.State !== 'FINISHED' && row.State !== 'CANCELLED') return false;
        }
        return true;
      },
      30_000,
    );
  }

  /** Holds the next job of `database` in `state`, once the job of an earlier test is gone. */
  async function stick(database: string, state: string): Promise<void> {
    await databaseIdle(database);
    await sandbox.control.stickJob(database, state);
  }

  async function submitBackup(database: string, label = unique('jt')): Promise<TrackedJob> {
    await databaseIdle(database);
    const statement = buildBackup({ database, label, repository: DEMO_REPOSITORY }, session.server.capabilities);
    await session.query(statement.sql);
    return jobs.track({ profileId, database, label, kind: 'BACKUP', repository: DEMO_REPOSITORY, sql: statement.display });
  }

  async function snapshotTimestamp(label: string): Promise<string> {
    const { rows } = await session.query(showSnapshots(DEMO_REPOSITORY, { snapshot: label }).sql);
    const [snapshot] = parseSnapshotList(rows);
    assert.equal(snapshot?.status, 'OK', `snapshot ${label} is not complete`);
    return snapshot.timestamps[0];
  }

  function restoreStatement(database: string, label: string, timestamp: string): string {
    return buildRestore({ database, label, repository: DEMO_REPOSITORY, timestamp }, session.server.capabilities).sql;
  }

  async function submitRestore(database: string, label: string): Promise<TrackedJob> {
    await databaseIdle(database);
    const sql = restoreStatement(database, label, await snapshotTimestamp(label));
    await session.query(sql);
    return jobs.track({ profileId, database, label, kind: 'RESTORE', repository: DEMO_REPOSITORY, sql });
  }

  const job = (key: string): TrackedJob => {
    const found = jobs.get(key);
    assert.ok(found, `job ${key} is not tracked`);
    return found;
  };
  const waitForState = (key: string, state: string) =>
    waitFor(`${key} in ${state} (now ${jobs.get(key)?.state})`, () => (jobs.get(key)?.state === state ? job(key) : undefined), 30_000);
  const waitForEnd = (key: string) =>
    waitFor(`${key} to end (now ${jobs.get(key)?.state})`, () => (jobs.get(key)?.phase !== 'running' ? job(key) : undefined), 60_000);
  const noticeFor = (key: string) =>
    waitFor<NoticeRecord>(`a notification about ${key}`, () => jobs.notifications.find((n) => n.jobKeys.includes(key)), 30_000);

  /** A plain mysql2 connection: another client. Reopened after the sandbox dropped it. */
  async function outsideConnection(): Promise<mysql.Connection> {
    if (!outside)
      outside = await mysql.createConnection({
        host: sandbox.info.host,
        port: sandbox.info.port,
        user: sandbox.info.user,
        password: sandbox.info.password,
      });
    return outside;
  }

  async function outsideRows(sql: string): Promise<Record<string, unknown>[]> {
    const [rows] = await (await outsideConnection()).query(sql);
    return rows as Record<string, unknown>[];
  }

  before(async () => {
    api = await activateApi();
    jobs = api.jobs;
    savedPrompter = originalPrompter();
    sandbox = await startSandbox({ seed: 'demo', jobSpeed: 'fast' });
    await settings().update('pollIntervalSeconds', { min: 1, max: 2 }, vscode.ConfigurationTarget.Global);
    const profile = await api.connections.addProfile(
      {
        name: unique('jobs'),
        host: sandbox.info.host,
        port: sandbox.info.port,
        user: sandbox.info.user,
        tls: 'off',
        passwordMode: 'stored',
        environment: 'jobs-test',
      },
      sandbox.info.password,
    );
    profileId = profile.id;
    session = await api.connections.getSession(profileId);
  });

  afterEach(async () => {
    api.prompter = savedPrompter;
    await sandbox.control.releaseJobs();
    jobs.setJobsViewVisible(false, TEST_VIEW);
    // Notifications show one at a time; close them so the next test's do not wait behind them.
    await waitFor(
      'the job notifications to be closed',
      async () => {
        await vscode.commands.executeCommand('notifications.clearAll');
        return jobs.notificationsIdle;
      },
      30_000,
      300,
    );
  });

  after(async () => {
    await settings().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('stuckAfterMinutes', undefined, vscode.ConfigurationTarget.Global);
    await outside?.end();
    if (profileId) await api.connections.removeProfile(profileId);
    await sandbox?.stop();
  });

  it('shows a submitted backup in the status bar through every state, with progress, and notifies when it finishes', async () => {
    await stick('demo_ops', 'PENDING');
    const submitted = await submitBackup('demo_ops');
    const name = `demo_ops.${submitted.label}`;
    const percents: number[] = [];
    for (const state of BACKUP_STATES) {
      await sandbox.control.stickJob('demo_ops', state);
      await waitForState(submitted.key, state);
      await jobs.refresh(); // the status bar is drawn from the poll that saw the state
      const model = jobs.statusBarModel;
      assert.equal(model.visible, true);
      const match = /^\$\(sync~spin\) 1 job · (\d+)%$/.exec(model.text);
      assert.ok(match, `status bar text "${model.text}" in ${state}`);
      percents.push(Number(match[1]));
      const tooltip = plain(model.tooltip);
      assert.ok(tooltip.includes(name) && tooltip.includes(state), `tooltip in ${state}: ${tooltip}`);
      assert.ok(tooltip.includes('(jobs-test)'), 'the tooltip names the connection environment');
      assert.match(tooltip, /elapsed · \d+s in state/);
      if (state === 'UPLOADING') {
        const progress = job(submitted.key).progress;
        assert.ok(progress && progress.total > 0, `Progress column read in UPLOADING: ${JSON.stringify(progress)}`);
        assert.match(tooltip, new RegExp(`${progress.finished}/${progress.total} \\(\\d+%\\)`));
      }
    }
    assert.deepEqual(
      [...percents].sort((a, b) => a - b),
      percents,
      `progress never goes back: ${percents}`,
    );
    assert.ok(percents[0] < percents[percents.length - 1]);

    await sandbox.control.releaseJobs();
    const ended = await waitForEnd(submitted.key);
    assert.equal(ended.phase, 'finished');
    assert.deepEqual(Object.keys(ended.stateTimes), [...BACKUP_STATES, 'FINISHED'], 'every state was seen, in order');
    const notice = await noticeFor(submitted.key);
    assert.equal(notice.reason, 'finished');
    assert.match(notice.message, new RegExp(`Backup ${name} finished`));
    await waitFor('the status bar to go quiet', () => !jobs.statusBarModel.visible);
  });

  it('discovers a backup started by another client while a jobs view is visible', async () => {
    await stick('demo_ops', 'UPLOADING');
    const label = unique('outside');
    await databaseIdle('demo_ops');
    await outsideRows(buildBackup({ database: 'demo_ops', label, repository: DEMO_REPOSITORY }, session.server.capabilities).sql);
    jobs.setJobsViewVisible(true, TEST_VIEW);
    const found = await waitFor('the outside job to be discovered', () => jobs.list(profileId).find((j) => j.label === label));
    assert.equal(found.discovered, true);
    assert.equal(found.phase, 'running');
    assert.equal(found.sql, undefined, 'nobody told the tracker its statement');
    await waitFor('the status bar to show it', () => jobs.statusBarModel.text.includes('1 job'));
    await sandbox.control.releaseJobs();
    assert.equal((await waitForEnd(found.key)).phase, 'finished');
    assert.equal((await noticeFor(found.key)).reason, 'finished');
  });

  it('cancels a running backup after a modal confirmation and records it in the history', async () => {
    await stick('demo_ops', 'UPLOADING');
    const submitted = await submitBackup('demo_ops');
    await waitForState(submitted.key, 'UPLOADING');
    const scripted = script().accept(/Cancel Backup/, 'Cancel Job');
    const outcome = await vscode.commands.executeCommand<CancelOutcome>('starrocksBackup.cancelJob', submitted.key);
    scripted.assertFinished();
    assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
    const confirm = scripted.transcript.find((r) => r.kind === 'confirm');
    assert.match(confirm?.detail ?? '', /CANCEL BACKUP FROM `?demo_ops`?/);
    const ended = await waitForEnd(submitted.key);
    assert.deepEqual([ended.phase, outcomeOf(ended)], ['cancelled', 'cancelled']);
    assert.ok(ended.cancelRequestedAt, 'the cancel is recorded');
    const stored = (api.diagnostics.globalState()[HISTORY_KEY] as { jobs: TrackedJob[] }).jobs.find((j) => j.key === submitted.key);
    assert.equal(stored?.phase, 'cancelled');
    assert.ok(stored?.cancelRequestedAt);
    assert.equal((await noticeFor(submitted.key)).reason, 'cancelled');
    assert.equal(jobs.statusBarModel.warning, false, 'a cancel the user asked for is no failure');
  });

  it('reports a cancel that failed through the command wrapper: logged and shown with secrets masked, not thrown raw', async () => {
    await stick('demo_ops', 'UPLOADING');
    const submitted = await submitBackup('demo_ops');
    await waitForState(submitted.key, 'UPLOADING');
    // A failure whose text quotes a statement with a secret, as a driver or server error can.
    const secret = `SeCrEt${randomBytes(6).toString('hex')}`;
    const marker = unique('cancelfail');
    jobs.cancel = () =>
      Promise.reject(
        new Error(
          `${marker} near CREATE REPOSITORY r WITH BROKER ON LOCATION "s3://b/p" PROPERTIES ("aws.s3.access_key" = "AK", "aws.s3.secret_key" = "${secret}")`,
        ),
      );
    try {
      script().accept(/Cancel Backup/, 'Cancel Job');
      const result = await vscode.commands.executeCommand<boolean | undefined>('starrocksBackup.cancelJob', submitted.key);
      assert.equal(result, undefined, 'a failed cancel ends as a failed command');
    } finally {
      delete (jobs as Partial<Pick<JobTracker, 'cancel'>>).cancel; // back to the prototype's method
    }
    const log = await waitFor(
      `"${marker}" in the log files`,
      async () => {
        const texts = await Promise.all((await filesUnder(api.diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')));
        return texts.find((text) => text.includes(marker));
      },
      20_000,
      250,
    );
    const line = log.split('\n').find((l) => l.includes(marker)) ?? '';
    assert.match(line, /\[error\].*Could not cancel .*"aws\.s3\.secret_key" = "\*\*\*"/, `logged as an error, masked: ${line}`);
    assert.ok(!log.includes(secret), 'the secret reached the log');
    assert.equal(job(submitted.key).phase, 'running', 'nothing was cancelled');
  });

  it('warns that cancelling a restore after COMMIT can leave tables unusable, and keeps it running when declined', async () => {
    await stick('demo_sales', 'COMMIT');
    const restore = await submitRestore('demo_sales', DEMO_SNAPSHOTS.orders);
    await waitForState(restore.key, 'COMMIT');
    const scripted = script()
      .choose(/StarRocks jobs/, (item) => item.label.includes(`Restore demo_sales.${DEMO_SNAPSHOTS.orders}`))
      .choose(undefined, 'Cancel Job…')
      .accept(/Cancel Restore/, undefined);
    await vscode.commands.executeCommand('starrocksBackup.showJobs');
    scripted.assertFinished();
    const confirm = scripted.transcript.find((r) => r.kind === 'confirm');
    assert.match(confirm?.detail ?? '', /COMMIT.*unusable/s);
    await sleep(1_500);
    assert.equal(job(restore.key).phase, 'running', 'declining the confirmation cancels nothing');
    await sandbox.control.releaseJobs();
    assert.equal((await waitForEnd(restore.key)).phase, 'finished');
  });

  describe('cancelling decides on a fresh SHOW BACKUP/RESTORE FROM db, not on the last poll', () => {
    // Polls 60 s apart: the tracker's view goes stale as it does at its 30 s back-off, so what
    // the server does while the dialog is open is seen only by the fresh read before CANCEL.
    beforeEach(() => settings().update('pollIntervalSeconds', { min: 60, max: 60 }, vscode.ConfigurationTarget.Global));
    afterEach(() => settings().update('pollIntervalSeconds', { min: 1, max: 2 }, vscode.ConfigurationTarget.Global));

    /** Polls now until the tracker has seen the job in `state`. */
    const seen = (key: string, state: string) =>
      waitFor(
        `the tracker to see ${key} in ${state}`,
        async () => {
          await jobs.refresh();
          return jobs.get(key)?.state === state ? job(key) : undefined;
        },
        30_000,
      );
    const serverState = async (sql: string): Promise<unknown> => (await outsideRows(sql))[0]?.State;
    const sentKinds = async (): Promise<string[]> => (await sandbox.control.statementLog()).map((e) => e.kind);

    it('sends no CANCEL when the job ended and another started in its database while the confirmation was open, and says what runs now', async () => {
      await stick('demo_ops', 'UPLOADING');
      const chosen = await submitBackup('demo_ops');
      await seen(chosen.key, 'UPLOADING');
      const other = unique('other');
      const scripted = script().accept(/Cancel Backup/, 'Cancel Job', async () => {
        await sandbox.control.releaseJobs();
        await waitFor('the chosen backup to finish', async () => (await serverState(showBackup('demo_ops').sql)) === 'FINISHED');
        await sandbox.control.stickJob('demo_ops', 'UPLOADING');
        await outsideRows(
          buildBackup({ database: 'demo_ops', label: other, repository: DEMO_REPOSITORY }, session.server.capabilities).sql,
        );
        await waitFor('the other backup to upload', async () => (await serverState(showBackup('demo_ops').sql)) === 'UPLOADING');
        assert.equal(jobs.get(chosen.key)?.phase, 'running', 'the tracker has not polled since: it still shows the chosen job running');
        await sandbox.control.resetStats();
      });
      const outcome = await vscode.commands.executeCommand<CancelOutcome>('starrocksBackup.cancelJob', chosen.key);
      const kinds = await sentKinds();
      assert.ok(!kinds.includes('CANCEL'), `no CANCEL was sent: ${kinds.join(', ')}`);
      scripted.assertFinished();
      assert.equal(outcome.status, 'otherJob', JSON.stringify(outcome));
      assert.ok(outcome.message?.includes(`BACKUP ${other} (UPLOADING)`), outcome.message);
      assert.ok(
        (await sandbox.control.statementLog()).some((e) => e.kind === 'SHOW BACKUP' && /FROM `?demo_ops`?/i.test(e.sql)),
        'the job of demo_ops was read afresh',
      );
      assert.equal(await serverState(showBackup('demo_ops').sql), 'UPLOADING', 'the other backup still runs');
      await sandbox.control.releaseJobs();
      await waitFor('the other backup to finish', async () => (await serverState(showBackup('demo_ops').sql)) === 'FINISHED');
      assert.equal((await outsideRows(showBackup('demo_ops').sql))[0]?.SnapshotName, other);
    });

    it('warns from the fresh row when a restore passed COMMIT while the confirmation was open, and sends nothing when declined', async () => {
      await stick('demo_sales', 'DOWNLOADING');
      const restore = await submitRestore('demo_sales', DEMO_SNAPSHOTS.orders);
      await seen(restore.key, 'DOWNLOADING');
      const scripted = script()
        .accept(/Cancel Restore/, 'Cancel Job', async () => {
          await sandbox.control.stickJob('demo_sales', 'COMMIT');
          await waitFor('the restore to reach COMMIT', async () => (await serverState(showRestore('demo_sales').sql)) === 'COMMIT');
          assert.equal(jobs.get(restore.key)?.state, 'DOWNLOADING', 'the tracker has not polled since');
          await sandbox.control.resetStats();
        })
        .accept(/has reached COMMIT since it was shown/, undefined);
      const outcome = await vscode.commands.executeCommand<CancelOutcome>('starrocksBackup.cancelJob', restore.key);
      const kinds = await sentKinds();
      assert.ok(!kinds.includes('CANCEL'), `no CANCEL was sent: ${kinds.join(', ')}`);
      scripted.assertFinished();
      assert.equal(outcome.status, 'declined', JSON.stringify(outcome));
      const [first, second] = scripted.transcript.filter((r) => r.kind === 'confirm');
      assert.match(first.detail ?? '', /stops before it has replaced any existing data/, 'the first dialog spoke from the stale poll');
      assert.match(second.detail ?? '', /reached COMMIT: it is already replacing data.*unusable/s);
      assert.deepEqual(second.actions, ['Keep It Running', 'Cancel Restore Anyway'], 'the first (default) choice keeps it running');
      assert.ok(kinds.includes('SHOW RESTORE'), 'the restore was read afresh');
      assert.equal(await serverState(showRestore('demo_sales').sql), 'COMMIT', 'the restore goes on');
      await sandbox.control.releaseJobs();
      await waitFor('the restore to finish', async () => (await serverState(showRestore('demo_sales').sql)) === 'FINISHED');
    });

    it('sends no CANCEL when the fresh read fails, and says why', async () => {
      await stick('demo_ops', 'UPLOADING');
      const chosen = await submitBackup('demo_ops');
      await seen(chosen.key, 'UPLOADING');
      const denied = 'Access denied; you need (at least one of) the REPOSITORY privilege(s) on SYSTEM for this operation.';
      const scripted = script().accept(/Cancel Backup/, 'Cancel Job', async () => {
        await sandbox.control.failStatements(/^SHOW BACKUP\s+FROM/i, { kind: 'accessDenied', message: denied });
        await sandbox.control.resetStats();
      });
      try {
        const outcome = await vscode.commands.executeCommand<CancelOutcome>('starrocksBackup.cancelJob', chosen.key);
        const kinds = await sentKinds();
        assert.ok(!kinds.includes('CANCEL'), `no CANCEL was sent: ${kinds.join(', ')}`);
        scripted.assertFinished();
        assert.equal(outcome.status, 'unchecked', JSON.stringify(outcome));
        assert.match(
          outcome.message ?? '',
          /^Nothing was cancelled: could not check which job runs in database demo_ops now \(SHOW BACKUP FROM demo_ops\).* The user lacks the REPOSITORY privilege on SYSTEM/s,
        );
      } finally {
        await sandbox.control.failStatements(/^SHOW BACKUP\s+FROM/i, undefined);
      }
      assert.equal(await serverState(showBackup('demo_ops').sql), 'UPLOADING', 'the backup still runs');
      await sandbox.control.releaseJobs();
      await waitFor('the backup to finish', async () => (await serverState(showBackup('demo_ops').sql)) === 'FINISHED');
    });
  });

  it('keeps both a backup and the restore that replaced it in SHOW BACKUP', async () => {
    const backup = await submitBackup('demo_sales');
    assert.equal((await waitForEnd(backup.key)).phase, 'finished');
    const restore = await submitRestore('demo_sales', backup.label);
    assert.equal((await waitForEnd(restore.key)).phase, 'finished');
    assert.deepEqual(await outsideRows(showBackup('demo_sales').sql), [], 'the server forgot the backup');
    const listed = jobs.list(profileId).map((j) => j.key);
    assert.ok(listed.includes(backup.key) && listed.includes(restore.key), `history: ${listed.join(', ')}`);
    const stored = (api.diagnostics.globalState()[HISTORY_KEY] as { jobs: TrackedJob[] }).jobs.map((j) => j.key);
    assert.ok(stored.includes(backup.key) && stored.includes(restore.key));
  });

  it('does not lose a job when the FE drops every connection mid-job', async () => {
    await stick('demo_ops', 'UPLOADING');
    const submitted = await submitBackup('demo_ops');
    await waitForState(submitted.key, 'UPLOADING');
    for (let i = 0; i < 3; i++) {
      await sandbox.control.resetStats();
      assert.ok((await sandbox.control.dropConnections()) > 0, 'the extension had a connection open');
      // The tracker polls again on a new connection: the drop cost it nothing but a retry.
      await waitFor('a poll after the drop', async () => ((await sandbox.control.stats()).byKind['SHOW BACKUP'] ?? 0) > 0);
    }
    outside = undefined; // dropped as well
    assert.equal(job(submitted.key).phase, 'running');
    assert.equal(job(submitted.key).unreachable, undefined);
    await sandbox.control.releaseJobs();
    const ended = await waitForEnd(submitted.key);
    assert.equal(ended.phase, 'finished');
    assert.equal((await noticeFor(submitted.key)).reason, 'finished');
  });

  it('picks a running job up again after a reload, and resolves a backup that a restore replaced meanwhile', async () => {
    // Reloading the window would end the test run, so the tracker is dropped and rebuilt from
    // globalState instead; while it is gone the jobs go on on the server.
    await stick('demo_ops', 'SNAPSHOTING');
    await stick('demo_sales', 'UPLOADING');
    const survivor = await submitBackup('demo_ops');
    const replaced = await submitBackup('demo_sales');
    await waitForState(survivor.key, 'SNAPSHOTING');
    await waitForState(replaced.key, 'UPLOADING');
    let restoreLabel = '';
    await jobs.restart(async () => {
      await sandbox.control.stickJob('demo_ops', 'UPLOADING');
      await sandbox.control.stickJob('demo_sales', 'DOWNLOADING');
      await waitFor(
        'the backup of demo_sales to finish',
        async () => (await outsideRows(showBackup('demo_sales').sql))[0]?.State === 'FINISHED',
      );
      restoreLabel = replaced.label;
      await outsideRows(restoreStatement('demo_sales', replaced.label, await snapshotTimestamp(replaced.label)));
      await waitFor(
        'the restore to reach DOWNLOADING',
        async () => (await outsideRows(showRestore('demo_sales').sql))[0]?.State === 'DOWNLOADING',
      );
      await waitFor(
        'the demo_ops backup to reach UPLOADING',
        async () => (await outsideRows(showBackup('demo_ops').sql))[0]?.State === 'UPLOADING',
      );
    });
    assert.equal(job(survivor.key).phase, 'running', 'the running job is in the history after the reload');
    await waitForState(survivor.key, 'UPLOADING');
    const resolved = await waitForEnd(replaced.key);
    assert.deepEqual(
      [resolved.phase, resolved.resolution],
      ['finished', 'snapshotFound'],
      'SHOW SNAPSHOT says the backup reached the repository',
    );
    const restore = await waitFor('the restore to be discovered', () =>
      jobs.list(profileId).find((j) => j.kind === 'RESTORE' && j.label === restoreLabel && j.phase === 'running'),
    );
    assert.equal(restore.discovered, true);
    await sandbox.control.releaseJobs();
    assert.equal((await waitForEnd(survivor.key)).phase, 'finished');
    assert.equal((await waitForEnd(restore.key)).phase, 'finished');
    const keys = jobs.list(profileId).map((j) => j.key);
    assert.ok(keys.includes(replaced.key) && keys.includes(restore.key), 'both the backup and the restore are in the history');
  });

  it('reports a failure with the server Status and warns in the status bar until the job list is opened', async () => {
    await sandbox.control.failNextJob('demo_ops', 'Table events is in restore process');
    const submitted = await submitBackup('demo_ops');
    const ended = await waitForEnd(submitted.key);
    assert.equal(outcomeOf(ended), 'failed');
    const notice = await noticeFor(submitted.key);
    assert.deepEqual([notice.reason, notice.severity], ['failed', 'error']);
    assert.match(notice.message, /failed on .*Table events is in restore process/);
    await waitFor('the warning background', () => jobs.statusBarModel.warning);
    assert.match(jobs.statusBarModel.text, /failed/);
    const scripted = script().dismiss(/StarRocks jobs/);
    await vscode.commands.executeCommand('starrocksBackup.showJobs');
    scripted.assertFinished();
    assert.equal(jobs.statusBarModel.warning, false, 'seen: no more warning');
  });

  it('opens the details document and the submitted SQL of a job', async () => {
    const submitted = await submitBackup('demo_ops');
    await waitForEnd(submitted.key);
    const details = await vscode.commands.executeCommand<vscode.TextDocument>('starrocksBackup.showJobDetails', submitted.key);
    const text = details.getText();
    assert.equal(details.uri.scheme, 'starrocks-job');
    for (const column of [
      'JobId',
      'SnapshotName',
      'DbName',
      'State',
      'BackupObjs',
      'CreateTime',
      'FinishedTime',
      'Progress',
      'Status',
      'Timeout',
    ]) {
      assert.ok(text.includes(`| ${column} |`), `column ${column} in the details`);
    }
    assert.match(text, /## State history/);
    assert.match(text, /\| FINISHED \|/);
    const scripted = script()
      .choose(/StarRocks jobs/, (item) => item.label.includes(submitted.label))
      .choose(undefined, 'Open SQL');
    await vscode.commands.executeCommand('starrocksBackup.showJobs');
    scripted.assertFinished();
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'sql');
    assert.equal(editor?.document.getText().trim(), submitted.sql);
  });

  it('reveals a job in the explorer tree from the job list', async () => {
    const submitted = await submitBackup('demo_ops');
    await waitForEnd(submitted.key);
    await vscode.commands.executeCommand('workbench.view.explorer');
    const scripted = script()
      .choose(/StarRocks jobs/, (item) => item.label.includes(submitted.label))
      .choose(undefined, 'Reveal in Tree');
    await vscode.commands.executeCommand('starrocksBackup.showJobs');
    scripted.assertFinished();
    let seen = '';
    await waitFor('the explorer to show the job', () => {
      seen = `visible ${api.explorerView.visible}, selection ${api.explorerView.selection.map((n) => n.id).join(', ')}`;
      return api.explorerView.visible && api.explorerView.selection[0]?.id?.endsWith(submitted.key);
    }).catch((error: Error) => assert.fail(`${error.message}; last seen: ${seen}; prompts: ${scripted.describeTranscript()}`));
  });

  it('finds a job started elsewhere on Refresh Jobs, with no jobs view visible', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the explorer to be hidden', () => !api.explorerView.visible);
    await stick('demo_ops', 'SNAPSHOTING');
    const label = unique('refresh');
    await databaseIdle('demo_ops');
    await outsideRows(buildBackup({ database: 'demo_ops', label, repository: DEMO_REPOSITORY }, session.server.capabilities).sql);
    assert.equal(
      jobs.list(profileId).find((j) => j.label === label),
      undefined,
      'not known before the refresh',
    );
    await vscode.commands.executeCommand('starrocksBackup.refreshJobs');
    const found = jobs.list(profileId).find((j) => j.label === label);
    assert.deepEqual([found?.discovered, found?.phase], [true, 'running']);
    await sandbox.control.releaseJobs();
    await waitForEnd(found!.key);
  });

  it('clears the history of ended jobs after a confirmation, keeping running ones', async () => {
    await stick('demo_ops', 'SNAPSHOTING');
    const running = await submitBackup('demo_ops');
    await waitForState(running.key, 'SNAPSHOTING');
    const endedBefore = jobs.list().filter((j) => j.phase !== 'running').length;
    assert.ok(endedBefore > 0, 'earlier tests left ended jobs');
    const scripted = script().accept(/Clear the history of \d+ ended jobs/, 'Clear History');
    assert.equal(await vscode.commands.executeCommand<boolean>('starrocksBackup.clearJobHistory'), true);
    scripted.assertFinished();
    assert.deepEqual(
      jobs.list(profileId).map((j) => j.key),
      [running.key],
    );
    assert.ok(
      jobs.list().every((j) => j.phase === 'running'),
      'only running jobs are left',
    );
    const stored = (api.diagnostics.globalState()[HISTORY_KEY] as { jobs: TrackedJob[] }).jobs;
    assert.ok(stored.some((j) => j.key === running.key) && stored.every((j) => j.phase === 'running'), 'cleared in globalState too');
    await sandbox.control.releaseJobs();
    await waitForEnd(running.key);
  });

  it('notifies once when a job stays in one state longer than the stuck setting', async () => {
    await settings().update('stuckAfterMinutes', 0.05, vscode.ConfigurationTarget.Global); // 3 s
    try {
      await stick('demo_ops', 'UPLOAD_SNAPSHOT');
      const submitted = await submitBackup('demo_ops');
      const notice = await noticeFor(submitted.key);
      assert.deepEqual([notice.reason, notice.severity], ['stuck', 'warning']);
      assert.match(notice.message, /in state UPLOAD_SNAPSHOT for \d+s without progress/);
      assert.ok(notice.buttons.includes("Don't Show Again"));
      await sleep(3_000);
      assert.equal(jobs.notifications.filter((n) => n.jobKeys.includes(submitted.key)).length, 1, 'one notice per stuck state');
      await sandbox.control.releaseJobs();
      await waitForEnd(submitted.key);
    } finally {
      await settings().update('stuckAfterMinutes', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends no statement while nothing runs and no jobs view is visible, and polls once one is', async () => {
    await waitFor('every job to end', () => jobs.list().every((j) => j.phase !== 'running'), 60_000);
    // Show another view container: the StarRocks explorer (which shows jobs) is then hidden.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the explorer to be hidden', () => !api.explorerView.visible);
    await waitFor('the tracker to stop polling', () => !jobs.isPolling());
    await sandbox.control.resetStats();
    await sleep(6_000); // three times the longest poll interval set for this suite
    const quiet = await sandbox.control.stats();
    assert.equal(quiet.statements, 0, `statements while idle: ${JSON.stringify(await sandbox.control.statementLog())}`);
    assert.equal(jobs.isPolling(), false);

    // The same counter does see the tracker's statements once a jobs view is visible.
    jobs.setJobsViewVisible(true, TEST_VIEW);
    const busy = await waitFor('the tracker to poll', async () => {
      const stats = await sandbox.control.stats();
      return (stats.byKind['SHOW BACKUP'] ?? 0) > 0 && (stats.byKind['SHOW RESTORE'] ?? 0) > 0 ? stats : undefined;
    });
    assert.ok(busy.statements >= 2);
  });
});
