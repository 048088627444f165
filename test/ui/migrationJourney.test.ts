/**
 * Migrate to Another Cluster… in a real browser: two seeded connections to two sandbox clusters over
 * one S3 server; from the command palette, through the usage notes, the target's READ ONLY
 * repository, the snapshot, the restore's preview, to the verification report. Screenshots of each
 * step go to test-results/ui/.
 */
import type { SeedFile } from '../../src/connections/seedConnections';
import { sandboxSeed, seedEnv } from '../harness/sandboxSeed';
import { startSandbox, DEMO_REPOSITORY, DEMO_SNAPSHOTS, type RunningSandbox } from '../sandbox';
import { runCommand } from './pages/commandPalette';
import { clickDialogButton, modalDialog } from './pages/dialog';
import { expectVisible } from './pages/expect';
import { chooseStep } from './pages/quickInput';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';
import { openViewContainer } from './pages/sideBar';
import { treeItem } from './pages/tree';

const SOURCE = 'Source cluster';
const TARGET = 'Target cluster';
/** The restore job's end is seen through the tracker's polls. */
const JOB_END_TIMEOUT_MS = 120_000;

describe('Migration journey: migrate a snapshot to another cluster and read the verification', () => {
  let source: RunningSandbox | undefined;
  let target: RunningSandbox | undefined;
  const ui = useWorkbench({
    env: async () => {
      source = await startSandbox({ seed: 'demo', jobSpeed: 'fast' });
      target = await startSandbox({ sharedS3: source.control.s3, jobSpeed: 'fast' });
      const seed: SeedFile = {
        connections: [...sandboxSeed(source.info, SOURCE).connections, ...sandboxSeed(target.info, TARGET).connections],
      };
      return seedEnv(seed);
    },
  });

  after(async () => {
    await target?.stop();
    await source?.stop();
  });

  it('runs Migrate to Another Cluster… from the palette and ends with a verified report', async function () {
    this.timeout(300_000);
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    // The palette offers the command once the seeded connections exist (its `when` is
    // starrocksBackup.hasConnections); an open palette does not re-read context keys.
    await expectVisible(treeItem(ui.page, SOURCE), 'the source connection in the tree');
    await expectVisible(treeItem(ui.page, TARGET), 'the target connection in the tree');
    await runCommand(ui.page, 'StarRocks Backup: Migrate to Another Cluster…');
    await expectVisible(modalDialog(ui.page).getByText('Load both clusters in parallel', { exact: false }), 'the migration notes');
    await ui.screenshot('migration-01-notes');
    await clickDialogButton(ui.page, 'Continue');
    await chooseStep(ui.page, 'Cluster to migrate from', new RegExp(`^${SOURCE}`));
    await chooseStep(ui.page, 'Repository the snapshot goes through', new RegExp(`^${DEMO_REPOSITORY}`));
    await chooseStep(ui.page, 'Cluster to migrate to', new RegExp(`^${TARGET}`));
    await expectVisible(
      modalDialog(ui.page).getByText('Create it there as READ ONLY?', { exact: false }),
      'the offer to create the repository',
    );
    await ui.screenshot('migration-02-offer-read-only-repository');
    await clickDialogButton(ui.page, 'Create Read-Only Repository');
    await chooseStep(ui.page, 'How the cluster authenticates to S3', new RegExp(`^Same keys as on ${SOURCE}`));
    await expectVisible(modalDialog(ui.page).getByText('CREATE READ ONLY REPOSITORY', { exact: false }), 'the CREATE preview');
    await clickDialogButton(ui.page, 'Run');
    await chooseStep(ui.page, 'Snapshot to migrate', new RegExp(`^${DEMO_SNAPSHOTS.base}`));
    await chooseStep(ui.page, 'How to verify the restored data', /^Row counts and content checksums/);
    await chooseStep(ui.page, 'What to restore', /^Whole snapshot/);
    await chooseStep(ui.page, 'Where to restore', /^Same names/);
    await chooseStep(ui.page, 'RESTORE properties', /^Server defaults/);
    await expectVisible(
      modalDialog(ui.page).getByText(`RESTORE SNAPSHOT \`${DEMO_SNAPSHOTS.base}\``, { exact: false }),
      'the RESTORE preview',
    );
    await ui.screenshot('migration-03-restore-preview');
    await clickDialogButton(ui.page, 'Run');
    const report = ui.page.locator('.monaco-editor').filter({ hasText: 'Restore verification' });
    await expectVisible(report, 'the verification report', JOB_END_TIMEOUT_MS);
    await expectVisible(report.getByText('Verified', { exact: false }), 'the verified headline');
    await ui.screenshot('migration-04-verification-report');
  });
});
