/**
 * The connection form in a real browser: a pasted address opens the form filled in (the password
 * in its masked field), a wrong port is flagged next to the field, Test Connection reports the
 * sandbox's version in place, an SSH tunnel is filled in, Enter saves, and Edit Connection shows
 * it all again (Escape closes). A screenshot of each step goes to test-results/ui/.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type RunningSandbox } from '../sandbox';
import { runCommand } from './pages/commandPalette';
import {
  chooseFormRadio,
  connectionForm,
  expectValue,
  fillFormField,
  formInput,
  formProblem,
  formResult,
  waitForConnectionForm,
} from './pages/connectionForm';
import { expectHidden, expectVisible } from './pages/expect';
import { answerInputBox, quickInput } from './pages/quickInput';
import { openViewContainer } from './pages/sideBar';
import { contextMenuOnTreeItem, treeItem } from './pages/tree';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

const CONNECTION = 'Behind the bastion';

describe('Connection form journey: paste an address, test in place, add a tunnel, save with Enter, edit', () => {
  const ui = useWorkbench();
  let sandbox: RunningSandbox;
  let keyFile: string;

  before(async function () {
    this.timeout(120_000);
    sandbox = await startSandbox({ seed: 'demo' });
    // Only the key's path is stored; the file has to exist for the form to accept it.
    keyFile = path.join(ui.workspace, 'id_ed25519');
    await fs.writeFile(keyFile, 'placeholder key\n', { mode: 0o600 });
  });

  after(async () => {
    await sandbox?.stop();
  });

  let broken = false;
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = true;
  });

  it('opens the form filled in from a pasted mysql:// address, the password masked', async () => {
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    await runCommand(ui.page, `${ACTIVITY_TITLE}: Add Connection from Address…`);
    const { host, port, user, password } = sandbox.info;
    await answerInputBox(ui.page, `mysql://${user}:${encodeURIComponent(password)}@${host}:${port}/demo_sales`);
    await expectHidden(quickInput(ui.page), 'the address input');
    const form = await waitForConnectionForm(ui.page);
    await expectValue(formInput(form, 'host'), host, 'the host field');
    assert.equal(await formInput(form, 'port').inputValue(), String(port));
    assert.equal(await formInput(form, 'database').inputValue(), 'demo_sales');
    assert.equal(await formInput(form, 'password').getAttribute('type'), 'password', 'the password field masks it');
    assert.equal(await formInput(form, 'password').inputValue(), password, 'the password moved to its field');
    await ui.screenshot('connection-form-01-from-address');
  });

  it('flags a wrong port next to the field, and tests the connection in place', async () => {
    const form = connectionForm(ui.page);
    await fillFormField(form, 'port', '70000');
    await expectVisible(formProblem(form, 'port').getByText('from 1 to 65535'), 'the port problem under the field');
    await ui.screenshot('connection-form-02-validation');
    await fillFormField(form, 'port', String(sandbox.info.port));
    await expectHidden(formProblem(form, 'port').getByText('from 1 to 65535'), 'the port problem');
    await form.locator('#test').click();
    await expectVisible(formResult(form).getByText(/Connected: StarRocks/), 'the test result in the form', 30_000);
    await ui.screenshot('connection-form-03-test-passed');
  });

  it('fills in an SSH tunnel and saves with Enter', async () => {
    const form = connectionForm(ui.page);
    await form.locator('#sshEnabled').click();
    await expectVisible(formInput(form, 'sshHost'), 'the SSH fields');
    await fillFormField(form, 'sshHost', 'bastion.example.com');
    await fillFormField(form, 'sshUser', 'ops');
    await chooseFormRadio(form, 'sshAuth', 'key');
    await fillFormField(form, 'sshKeyFile', keyFile);
    await fillFormField(form, 'sshSecret', 'key passphrase');
    assert.equal(await formInput(form, 'sshSecret').getAttribute('type'), 'password', 'the passphrase field masks it');
    await fillFormField(form, 'name', CONNECTION);
    await fillFormField(form, 'environment', 'production');
    await ui.screenshot('connection-form-04-tunnel');
    await formInput(form, 'name').press('Enter');
    await expectVisible(treeItem(ui.page, CONNECTION), `the connection "${CONNECTION}" in the tree`);
    await expectHidden(connectionForm(ui.page).locator('#host'), 'the form (closed after saving)');
    await ui.screenshot('connection-form-05-saved');
  });

  it('shows the saved tunnel again in Edit Connection, and Escape closes the form', async () => {
    await contextMenuOnTreeItem(ui.page, CONNECTION, 'Edit Connection…');
    const form = await waitForConnectionForm(ui.page);
    await expectValue(formInput(form, 'sshHost'), 'bastion.example.com', 'the bastion of the saved tunnel');
    assert.equal(await formInput(form, 'sshKeyFile').inputValue(), keyFile);
    assert.equal(await formInput(form, 'sshSecret').inputValue(), '', 'the stored passphrase is not sent back to the form');
    assert.equal(await formInput(form, 'sshSecret').getAttribute('placeholder'), 'Leave empty to keep the stored one');
    await ui.screenshot('connection-form-06-edit');
    await formInput(form, 'environment').press('Escape');
    await expectHidden(connectionForm(ui.page).locator('#host'), 'the form (closed by Escape)');
  });
});
