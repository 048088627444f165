import { searchCommands } from './pages/commandPalette';
import { expectVisible } from './pages/expect';
import { openViewContainer, viewAction, welcomeContent } from './pages/sideBar';
import { dismiss } from './pages/workbench';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

describe('StarRocks Backup view, before any connection', () => {
  const ui = useWorkbench();

  it('opens from the activity bar and shows the welcome content with Add Connection', async () => {
    const bar = await openViewContainer(ui.page, ACTIVITY_TITLE);
    await expectVisible(bar.getByRole('heading', { name: /StarRocks Backup/ }), 'the view container title');
    const welcome = welcomeContent(ui.page);
    await expectVisible(welcome.getByText('No StarRocks connection yet'), 'the "No StarRocks connection yet" text');
    await expectVisible(welcome.getByRole('button', { name: 'Add Connection' }), 'the Add Connection button');
    await expectVisible(viewAction(ui.page, 'Add Connection…'), 'the Add Connection title action');
    await ui.screenshot('welcome-view');
  });

  it('lists its commands in the command palette under the StarRocks Backup category', async () => {
    const rows = await searchCommands(ui.page, `${ACTIVITY_TITLE}: Add Connection`);
    await expectVisible(rows.filter({ hasText: `${ACTIVITY_TITLE}: Add Connection…` }), 'the Add Connection command');
    await ui.screenshot('command-palette');
    await dismiss(ui.page);
  });
});
