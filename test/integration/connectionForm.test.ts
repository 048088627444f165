/**
 * The Add/Edit Connection form's message protocol in a real VS Code extension host: the tests post
 * what the form's webview posts (`api.connectionForms.active.receive(…)`) and check what the
 * extension answers and stores — problems from the profile validators, Test Connection against
 * the sandbox, Save writing the profile (with its SSH tunnel settings) to globalState and the
 * secrets to SecretStorage only. The browser journey (test/ui/connectionForm.test.ts) drives the
 * real webview.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionFormValues, PanelMessage } from '../../src/connections/connectionForm';
import type { ConnectionProfile } from '../../src/connections/types';
import { filesUnder } from './support/files';
import { waitFor } from './support/explorer';
import { useSandboxSuite } from './support/sandboxSuite';

/** Secrets nothing else contains, so finding one anywhere but SecretStorage is a leak. */
const PASSWORD_MARK = `form-pw-${randomBytes(6).toString('hex')}`;
const PASSPHRASE = `form-passphrase-${randomBytes(6).toString('hex')}`;
const DB_PASSWORD = `form-db-${randomBytes(6).toString('hex')}`;

type Form = { readonly html: string | undefined; receive(message: unknown): Promise<PanelMessage | undefined> };

describe('Connection form', function () {
  this.timeout(120_000);
  const suite = useSandboxSuite({ main: { options: { seed: 'demo', version: '2.5', password: DB_PASSWORD } } });
  const created: string[] = [];
  let keyFile: string;

  before(async () => {
    keyFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sr-form-')), 'id_ed25519');
    // The form stores the key's path, never its content: a placeholder file is enough here.
    await fs.writeFile(keyFile, 'not a real key\n', { mode: 0o600 });
  });

  after(async () => {
    for (const id of created) if (suite.api.connections.getProfile(id)) await suite.api.connections.removeProfile(id);
    await fs.rm(path.dirname(keyFile), { recursive: true, force: true });
  });

  /** Runs a command that opens a form, and returns the form (as its webview sees it) and the command's result. */
  async function openForm(
    command: string,
    ...args: unknown[]
  ): Promise<{ form: Form; result: Thenable<unknown>; init: Extract<PanelMessage, { type: 'init' }> }> {
    const before = suite.api.connectionForms.active;
    const result = vscode.commands.executeCommand(command, ...args);
    const form = await waitFor('the connection form', async () => {
      const active = suite.api.connectionForms.active;
      return active && active !== before ? active : undefined;
    });
    const init = await form.receive({ type: 'ready' });
    assert.equal(init?.type, 'init');
    return { form, result, init: init as Extract<PanelMessage, { type: 'init' }> };
  }

  function sandboxValues(overrides: Partial<ConnectionFormValues> = {}): ConnectionFormValues {
    const { info } = suite.sandbox('main');
    return {
      name: `form ${randomBytes(3).toString('hex')}`,
      host: info.host,
      port: String(info.port),
      user: info.user,
      passwordMode: 'stored',
      database: '',
      tls: 'off',
      caFile: '',
      allowClearTextPassword: false,
      environment: 'staging',
      sshEnabled: false,
      sshHost: '',
      sshPort: '22',
      sshUser: '',
      sshAuth: 'key',
      sshKeyFile: '',
      ...overrides,
    };
  }

  const tunnel = (): Partial<ConnectionFormValues> => ({
    sshEnabled: true,
    sshHost: 'bastion.example.com',
    sshPort: '2222',
    sshUser: 'ops',
    sshAuth: 'key',
    sshKeyFile: keyFile,
  });

  /** Every place the extension keeps things, as text: globalState and the log files. */
  async function keptOutsideSecretStorage(): Promise<string> {
    const logs = await Promise.all((await filesUnder(suite.api.diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')));
    return `${JSON.stringify(suite.api.diagnostics.globalState())}\n${logs.join('\n')}`;
  }

  it("shows the validators' messages per field, tests in place, and saves the profile with its tunnel; secrets only in SecretStorage", async () => {
    const { form, result, init } = await openForm('starrocksBackup.addConnection');
    assert.deepEqual(
      { host: init.values.host, port: init.values.port, passwordMode: init.values.passwordMode, sshPort: init.values.sshPort },
      { host: '', port: '9030', passwordMode: 'stored', sshPort: '22' },
      'a new connection starts from the defaults',
    );

    const invalid = await form.receive({
      type: 'validate',
      values: sandboxValues({ host: 'mysql://fe1', port: '70000', ...tunnel(), sshHost: 'ops@bastion', sshKeyFile: '' }),
    });
    assert.equal(invalid?.type, 'problems');
    const problems = invalid?.type === 'problems' ? invalid.problems : {};
    assert.match(problems.host ?? '', /without a scheme such as mysql:\/\//);
    assert.match(problems.port ?? '', /from 1 to 65535/);
    assert.match(problems.sshHost ?? '', /user in the SSH user field/);
    assert.match(problems.sshKeyFile ?? '', /Choose the private key file/);
    assert.equal(problems.password, undefined, 'a secret not typed yet is not a problem while typing');

    const wrong = await form.receive({ type: 'test', values: sandboxValues(), secrets: { password: 'not-the-password' } });
    assert.equal(wrong?.type, 'testResult');
    assert.ok(wrong?.type === 'testResult' && !wrong.ok);
    assert.match(wrong.message, /Access denied/);
    assert.equal(wrong.field, 'password', 'the form focuses the field most likely wrong');

    const right = await form.receive({ type: 'test', values: sandboxValues(), secrets: { password: suite.sandbox('main').info.password } });
    assert.ok(right?.type === 'testResult' && right.ok, JSON.stringify(right));
    assert.match(right.message, /^Connected: StarRocks 2\.5\./);

    const missing = await form.receive({ type: 'save', values: sandboxValues(), secrets: {} });
    assert.ok(missing?.type === 'problems', 'Save without a password is refused');
    assert.match(missing.problems.password ?? '', /Enter the password/);

    const values = sandboxValues({ ...tunnel(), name: `form tunnel ${randomBytes(3).toString('hex')}` });
    const saved = await form.receive({
      type: 'save',
      values,
      secrets: { password: `${suite.sandbox('main').info.password}`, sshSecret: PASSPHRASE },
    });
    assert.deepEqual(saved, { type: 'saved' });
    const profile = (await result) as ConnectionProfile | undefined;
    assert.ok(profile, 'the command resolves to the saved profile');
    created.push(profile.id);
    assert.equal(suite.api.connectionForms.active, undefined, 'the form closed');
    const { info } = suite.sandbox('main');
    assert.deepEqual(suite.api.connections.getProfile(profile.id), {
      id: profile.id,
      name: values.name,
      host: info.host,
      port: info.port,
      user: info.user,
      tls: 'off',
      passwordMode: 'stored',
      environment: 'staging',
      ssh: { host: 'bastion.example.com', port: 2222, user: 'ops', auth: 'key', keyFile },
    });
    assert.equal(await suite.api.connections.hasStoredPassword(profile.id), true);
    assert.equal(await suite.api.connections.hasStoredSshSecret(profile.id), true);
    const kept = await keptOutsideSecretStorage();
    assert.ok(kept.includes(values.name), 'globalState holds the profile; the check would be vacuous otherwise');
    assert.ok(!kept.includes(PASSPHRASE), 'the SSH passphrase is only in SecretStorage');
    assert.ok(!kept.includes(info.password), 'the password is only in SecretStorage');
  });

  it('edits with the fields filled in: empty secret fields keep the stored ones, switching to the SSH agent deletes the SSH secret', async () => {
    const { info } = suite.sandbox('main');
    const profile = await suite.api.connections.addProfile(
      {
        name: `form edit ${randomBytes(3).toString('hex')}`,
        host: info.host,
        port: info.port,
        user: info.user,
        tls: 'off',
        passwordMode: 'stored',
        ssh: {
          host: 'bastion.example.com',
          port: 22,
          user: 'ops',
          auth: 'password',
          hostKey: { algorithm: 'ssh-ed25519', sha256: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCde' },
        },
      },
      info.password,
    );
    created.push(profile.id);
    await suite.api.connections.updateSshSecret(profile.id, PASSPHRASE);

    let { form, result, init } = await openForm('starrocksBackup.editConnection', { profileId: profile.id });
    assert.deepEqual(init.stored, { password: true, sshSecret: true }, 'the form knows what is stored, never the secrets');
    assert.ok(!JSON.stringify(init).includes(PASSPHRASE) && !JSON.stringify(init).includes(info.password));
    assert.deepEqual(
      [init.values.sshEnabled, init.values.sshHost, init.values.sshAuth, init.values.name],
      [true, 'bastion.example.com', 'password', profile.name],
    );

    const tested = await form.receive({ type: 'test', values: init.values, secrets: {} });
    // Test Connection goes through the tunnel, with the stored SSH secret: this bastion does not exist.
    assert.ok(
      tested?.type === 'testResult' && !tested.ok && /Cannot reach the SSH bastion bastion\.example\.com:22/.test(tested.message ?? ''),
      `the test went through the tunnel: ${JSON.stringify(tested)}`,
    );
    assert.deepEqual(await form.receive({ type: 'save', values: { ...init.values, environment: 'production' }, secrets: {} }), {
      type: 'saved',
    });
    let updated = (await result) as ConnectionProfile;
    assert.equal(updated.environment, 'production');
    assert.deepEqual(
      updated.ssh?.hostKey,
      { algorithm: 'ssh-ed25519', sha256: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCde' },
      'the accepted host key stays while the bastion is the same',
    );
    assert.equal(await suite.api.connections.hasStoredPassword(profile.id), true);
    assert.equal(await suite.api.connections.hasStoredSshSecret(profile.id), true, 'the SSH password was kept');

    ({ form, result, init } = await openForm('starrocksBackup.editConnection', { profileId: profile.id }));
    await form.receive({ type: 'save', values: { ...init.values, sshAuth: 'agent', sshHost: 'other-bastion.example.com' }, secrets: {} });
    updated = (await result) as ConnectionProfile;
    assert.deepEqual(
      updated.ssh,
      { host: 'other-bastion.example.com', port: 22, user: 'ops', auth: 'agent' },
      'a new bastion needs its key accepted afresh',
    );
    assert.equal(await suite.api.connections.hasStoredSshSecret(profile.id), false, 'the agent needs no secret: the old one is deleted');
  });

  it('opens the form filled in from a pasted jdbc:mysql:// address, the password in its field only and never logged', async () => {
    const { info } = suite.sandbox('main');
    const address = `jdbc:mysql://${info.host}:${info.port}/demo_sales?user=${info.user}&password=${PASSWORD_MARK}&useSSL=false`;
    const { form, result, init } = await openForm('starrocksBackup.addConnectionFromAddress', address);
    assert.deepEqual(
      [init.values.host, init.values.port, init.values.user, init.values.database, init.values.tls, init.password],
      [info.host, String(info.port), info.user, 'demo_sales', 'off', PASSWORD_MARK],
    );
    await form.receive({ type: 'cancel' });
    assert.equal(await result, undefined, 'closing the form saves nothing');
    const logs = await waitFor('the log line of the address', async () => {
      const text = await keptOutsideSecretStorage();
      return text.includes(`Add Connection from Address: ${info.user}@${info.host}:${info.port}/demo_sales (with a password`)
        ? text
        : undefined;
    });
    assert.ok(!logs.includes(PASSWORD_MARK), 'the password in the address is not logged or kept');
  });

  it("refuses a malformed address with what to write instead, and ignores messages that are not the form's", async () => {
    const outcome = await vscode.commands.executeCommand('starrocksBackup.addConnectionFromAddress', 'postgres://u:pw@h/db');
    assert.equal(outcome, undefined);
    const { form, result } = await openForm('starrocksBackup.addConnection');
    assert.equal(await form.receive({ type: 'save', values: { host: 1 }, secrets: {} }), undefined);
    assert.equal(await form.receive({ type: 'pickFile', field: '/etc/passwd' }), undefined);
    assert.equal(await form.receive('save'), undefined);
    await form.receive({ type: 'cancel' });
    assert.equal(await result, undefined);
  });
});
