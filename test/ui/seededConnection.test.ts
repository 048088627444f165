/**
 * What `npm run demo` relies on: a connection handed to the extension through
 * STARROCKS_BACKUP_SEED_CONNECTIONS appears in the explorer and connects with the password the
 * extension put into its secret storage, with no question asked.
 */
import { startSandbox, DEMO_REPOSITORY, DEMO_SNAPSHOTS, type RunningSandbox } from '../sandbox';
import { sandboxConnectionName, sandboxSeed, seedEnv } from '../harness/sandboxSeed';
import { expectHidden, expectVisible } from './pages/expect';
import { quickInput } from './pages/quickInput';
import { openViewContainer } from './pages/sideBar';
import { expandTreeItem, treeItem } from './pages/tree';
import { moveMouseAway } from './pages/workbench';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

describe('A seeded connection (the demo route)', () => {
  let sandbox: RunningSandbox | undefined;
  const ui = useWorkbench({
    env: async () => {
      sandbox = await startSandbox({ seed: 'demo' });
      return seedEnv(sandboxSeed(sandbox.info));
    },
  });

  after(async () => {
    await sandbox?.stop();
  });

  it(`shows the sandbox connection and, without asking for a password, the snapshots of ${DEMO_REPOSITORY}`, async () => {
    const name = sandboxConnectionName({ version: sandbox?.info.version ?? '3.4' });
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    await expandTreeItem(ui.page, name);
    await expandTreeItem(ui.page, DEMO_REPOSITORY);
    await expectVisible(treeItem(ui.page, DEMO_SNAPSHOTS.base), `the snapshot ${DEMO_SNAPSHOTS.base}`);
    await expectVisible(treeItem(ui.page, DEMO_SNAPSHOTS.orders), `the snapshot ${DEMO_SNAPSHOTS.orders}`);
    // A missing password would have opened an input box (and the tree would not have got this far).
    await expectHidden(quickInput(ui.page), 'any quick input');
    await moveMouseAway(ui.page);
    await ui.screenshot('seeded-connection-tree');
  });
});
