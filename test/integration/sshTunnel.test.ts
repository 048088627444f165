import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionError } from '../../src/connections/connectionError';
import type { ConnectionProfile, SshTunnelSettings } from '../../src/connections/types';
import { buildBackup } from '../../src/starrocks/builders/backup';
import { DEMO_REPOSITORY } from '../sandbox';
import { waitFor } from './support/explorer';
import { filesUnder } from './support/files';
import { sandboxProfileDraft, scriptPrompter } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';
import { startAgent, startSshd, type RunningSshd } from './support/sshd';

const ACCEPT = 'Accept and Connect';
const FIRST_USE = /is not known yet\. Accept its host key\?/;

describe('SSH tunnel through a real OpenSSH server', function () {
  this.timeout(180_000);
  const suite = useSandboxSuite({ fe: { options: { seed: 'demo', jobSpeed: 'fast' } } });
  let sshd: RunningSshd;
  let knownHostsDir: string;
  let knownHosts: string;
  let savedKnownHostsFiles: string[];
  const created: string[] = [];
  const api = () => suite.api;
  const sandbox = () => suite.sandbox('fe');
  const pollSettings = () => vscode.workspace.getConfiguration('starrocksBackup.jobs');

  before(async () => {
    sshd = await startSshd();
    // The user's own known_hosts is neither read nor written: the tests use a file of their own.
    knownHostsDir = await fs.mkdtemp(join(tmpdir(), 'sr-known-hosts-'));
    knownHosts = join(knownHostsDir, 'known_hosts');
    savedKnownHostsFiles = api().connections.knownHostsFiles;
    api().connections.knownHostsFiles = [knownHosts];
  });

  afterEach(async () => {
    api().prompter = suite.originalPrompter;
    await fs.rm(knownHosts, { force: true });
  });

  after(async () => {
    if (savedKnownHostsFiles) api().connections.knownHostsFiles = savedKnownHostsFiles;
    for (const id of created) if (api().connections.getProfile(id)) await api().connections.removeProfile(id);
    await pollSettings().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await sshd?.stop();
    await fs.rm(knownHostsDir, { recursive: true, force: true });
  });

  /** A connection to the sandbox's FE through the bastion; the FE's address is as the bastion sees it. */
  async function addTunnelled(
    ssh: Partial<SshTunnelSettings> & Pick<SshTunnelSettings, 'auth'>,
    secret?: string,
    overrides: Partial<ConnectionProfile> = {},
  ): Promise<ConnectionProfile> {
    const tunnel: SshTunnelSettings = { host: sshd.host, port: sshd.port, user: sshd.user, ...ssh };
    const profile = await api().connections.addProfile(
      sandboxProfileDraft(sandbox(), `ssh ${ssh.auth} ${randomBytes(3).toString('hex')}`, { ssh: tunnel, ...overrides }),
      sandbox().info.password,
      secret,
    );
    created.push(profile.id);
    return profile;
  }

  async function connectError(profileId: string): Promise<ConnectionError> {
    await api().connections.disconnect(profileId);
    const error = await api()
      .connections.getSession(profileId)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    // The extension runs from its bundle: its ConnectionError is another class than the one compiled for the tests.
    assert.ok(
      error instanceof Error && typeof (error as Partial<ConnectionError>).kind === 'string',
      `expected a ConnectionError, got ${String(error)}`,
    );
    return error as ConnectionError;
  }

  async function logText(): Promise<string> {
    return (await Promise.all((await filesUnder(api().diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')))).join('\n');
  }

  it("key auth: first use shows OpenSSH's SHA256 fingerprint in a modal, stores the accepted key, then connects without asking", async () => {
    const profile = await addTunnelled({ auth: 'key', keyFile: sshd.keyFile });
    const forwardsBefore = sshd.forwardsTo(sandbox().info.port);
    const prompts = scriptPrompter(api()).accept(FIRST_USE, ACCEPT);
    const session = await api().connections.getSession(profile.id);
    prompts.assertFinished();
    assert.equal(session.server.version?.raw !== undefined, true, 'the probes ran through the tunnel');

    const modal = prompts.transcript.find((r) => r.kind === 'confirm');
    assert.ok(modal, prompts.describeTranscript());
    const fingerprint = sshd.hostKeyFingerprint(); // what `ssh-keygen -l -E sha256` prints
    assert.ok(
      modal.detail?.includes(`ssh-ed25519 host key fingerprint is ${fingerprint}`),
      `the modal shows ${fingerprint}: ${modal.detail}`,
    );
    assert.deepEqual(modal.actions, [ACCEPT], 'one action; the window prompter puts "Not Now" first, so Enter does not accept');
    assert.deepEqual(api().connections.getProfile(profile.id)?.ssh?.hostKey, {
      algorithm: 'ssh-ed25519',
      sha256: fingerprint.slice('SHA256:'.length),
    });
    assert.ok(sshd.acceptedLogins().includes('publickey'), sshd.log());
    assert.ok(sshd.forwardsTo(sandbox().info.port) > forwardsBefore, 'the statements went through port forwards of the bastion');

    const rows = await session.query('SHOW DATABASES');
    assert.ok(rows.rows.length > 0);
    // Connecting again meets the stored key: no modal.
    await api().connections.disconnect(profile.id);
    const quiet = scriptPrompter(api());
    await api().connections.getSession(profile.id);
    quiet.assertFinished();
    assert.equal(quiet.transcript.length, 0, quiet.describeTranscript());
  });

  it('dismissing the fingerprint modal refuses the key: nothing stored, no login attempted', async () => {
    const profile = await addTunnelled({ auth: 'key', keyFile: sshd.keyFile });
    const logins = sshd.acceptedLogins().length;
    scriptPrompter(api()).accept(FIRST_USE, undefined);
    const error = await connectError(profile.id);
    assert.equal(error.kind, 'cancelled');
    assert.match(
      error.message,
      new RegExp(`${escapeRegExp(sshd.hostKeyFingerprint())} of the SSH bastion .* was not accepted, so nothing was sent`),
    );
    assert.equal(api().connections.getProfile(profile.id)?.ssh?.hostKey, undefined);
    assert.equal(sshd.acceptedLogins().length, logins, 'refused before authenticating');
  });

  it('key with a passphrase from SecretStorage, the bastion accepted through a hashed known_hosts entry (ssh-keygen -H)', async () => {
    const hashed = await sshd.knownHostsLine(true);
    assert.match(hashed, /^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /, 'ssh-keygen wrote a hashed entry');
    await fs.writeFile(knownHosts, `# other hosts\n${hashed}\n`);
    const profile = await addTunnelled({ auth: 'key', keyFile: sshd.passphraseKeyFile }, sshd.passphrase);
    const prompts = scriptPrompter(api());
    const session = await api().connections.getSession(profile.id);
    prompts.assertFinished();
    assert.equal(prompts.transcript.length, 0, `known_hosts accepted the key without a modal: ${prompts.describeTranscript()}`);
    assert.ok((await session.query('SHOW DATABASES')).rows.length > 0);
    assert.equal(await api().connections.hasStoredSshSecret(profile.id), true);

    // A wrong passphrase is named as such, without the passphrase in the message or the log.
    const wrong = `wrong-${randomBytes(4).toString('hex')}`;
    await api().connections.updateProfile(profile, undefined, wrong);
    const error = await connectError(profile.id);
    assert.equal(error.kind, 'sshAuth');
    assert.match(error.message, /passphrase does not open the SSH private key/);
    for (const secret of [wrong, sshd.passphrase]) {
      assert.ok(!error.message.includes(secret));
      assert.ok(!(await logText()).includes(secret), 'no passphrase in the log');
    }
  });

  it('password auth; a wrong SSH password and a wrong database password are told apart', async () => {
    await fs.writeFile(knownHosts, `${await sshd.knownHostsLine(false)}\n`);
    const profile = await addTunnelled({ auth: 'password' }, sshd.password);
    const session = await api().connections.getSession(profile.id);
    assert.ok((await session.query('SHOW DATABASES')).rows.length > 0);
    assert.ok(sshd.acceptedLogins().includes('password'), sshd.log());

    const wrongSsh = `nope-${randomBytes(4).toString('hex')}`;
    await api().connections.updateProfile(profile, undefined, wrongSsh);
    const sshError = await connectError(profile.id);
    assert.equal(sshError.kind, 'sshAuth');
    assert.match(
      sshError.message,
      /SSH bastion .* refused the login of user "srbackup-tunnel" \(password\)\. This is the SSH login to the bastion, not the StarRocks password/,
    );

    await api().connections.updateProfile(profile, 'not-the-db-password', sshd.password);
    const dbError = await connectError(profile.id);
    assert.equal(dbError.kind, 'auth', dbError.message);
    assert.match(dbError.message, new RegExp(`Access denied for user "${sandbox().info.user}"`));
    const log = await logText();
    for (const secret of [wrongSsh, sshd.password, 'not-the-db-password']) {
      assert.ok(!sshError.message.includes(secret) && !dbError.message.includes(secret));
      assert.ok(!log.includes(secret), 'no password in the log');
    }
  });

  it('SSH agent auth through SSH_AUTH_SOCK; without an agent it says so', async () => {
    await fs.writeFile(knownHosts, `${await sshd.knownHostsLine(false)}\n`);
    const agent = await startAgent(sshd.keyFile);
    const previous = process.env.SSH_AUTH_SOCK;
    try {
      // The extension host is this process: the manager reads SSH_AUTH_SOCK when a tunnel opens.
      process.env.SSH_AUTH_SOCK = agent.socket;
      const profile = await addTunnelled({ auth: 'agent' });
      const logins = sshd.acceptedLogins().length;
      const session = await api().connections.getSession(profile.id);
      assert.ok((await session.query('SHOW DATABASES')).rows.length > 0);
      assert.deepEqual(sshd.acceptedLogins().slice(logins), ['publickey'], sshd.log());
      assert.equal(await api().connections.hasStoredSshSecret(profile.id), false, 'nothing to store for the agent');

      delete process.env.SSH_AUTH_SOCK;
      const error = await connectError(profile.id);
      assert.equal(error.kind, 'config');
      assert.match(error.message, /authenticates with the SSH agent, but SSH_AUTH_SOCK is not set/);
    } finally {
      if (previous === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previous;
      await agent.stop();
    }
  });

  it('names an unreachable bastion and an FE the bastion cannot reach', async () => {
    const closedPort = 1; // nothing listens on port 1 of the loopback
    const noBastion = await addTunnelled({ auth: 'password', port: closedPort }, sshd.password);
    const unreachable = await connectError(noBastion.id);
    assert.equal(unreachable.kind, 'bastionUnreachable');
    assert.match(unreachable.message, new RegExp(`Cannot reach the SSH bastion 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`));

    await fs.writeFile(knownHosts, `${await sshd.knownHostsLine(false)}\n`);
    const noFe = await addTunnelled({ auth: 'password' }, sshd.password, { port: closedPort });
    const forward = await connectError(noFe.id);
    assert.equal(forward.kind, 'forwardFailed');
    assert.match(forward.message, new RegExp(`accepted the login but could not open a connection to the FE 127\\.0\\.0\\.1:${closedPort}`));
    assert.match(forward.message, /AllowTcpForwarding/);
  });

  it('refuses a changed host key with both fingerprints; Forget SSH Host Key lets the user accept the new one', async () => {
    const profile = await addTunnelled({ auth: 'key', keyFile: sshd.keyFile });
    scriptPrompter(api()).accept(FIRST_USE, ACCEPT);
    await api().connections.getSession(profile.id);
    const before = sshd.hostKeyFingerprint();
    await sshd.restart({ newHostKey: true });
    const after = sshd.hostKeyFingerprint();
    assert.notEqual(before, after);

    const quiet = scriptPrompter(api());
    const error = await connectError(profile.id);
    assert.equal(quiet.transcript.length, 0, 'a changed key is never offered for acceptance');
    assert.equal(error.kind, 'hostKeyChanged');
    assert.ok(error.message.includes(`accepted ssh-ed25519 ${before}, the bastion now presents ssh-ed25519 ${after}`), error.message);
    assert.match(error.message, /run "Forget SSH Host Key" on the connection and connect again/);
    assert.equal(api().connections.getProfile(profile.id)?.ssh?.hostKey?.sha256, before.slice(7), 'the accepted key stays');

    // known_hosts listing the old key for the bastion refuses the new one the same way.
    const other = await addTunnelled({ auth: 'key', keyFile: sshd.keyFile });
    await sshd.restart({ newHostKey: true });
    const current = sshd.hostKeyFingerprint();
    await fs.writeFile(knownHosts, `${await sshd.knownHostsLine(false)}\n`);
    await sshd.restart({ newHostKey: true });
    const viaKnownHosts = await connectError(other.id);
    assert.equal(viaKnownHosts.kind, 'hostKeyChanged');
    assert.ok(
      viaKnownHosts.message.includes(`does not match ${knownHosts} (line 1): it lists ssh-ed25519 ${current}`),
      viaKnownHosts.message,
    );
    assert.match(viaKnownHosts.message, /ssh-keygen -R "\[127\.0\.0\.1\]:\d+"/);

    await fs.rm(knownHosts, { force: true });
    const updated = (await vscode.commands.executeCommand('starrocksBackup.forgetSshHostKey', profile.id)) as ConnectionProfile | undefined;
    assert.equal(updated?.ssh?.hostKey, undefined);
    const prompts = scriptPrompter(api()).accept(FIRST_USE, ACCEPT);
    await api().connections.getSession(profile.id);
    prompts.assertFinished();
    assert.equal(api().connections.getProfile(profile.id)?.ssh?.hostKey?.sha256, sshd.hostKeyFingerprint().slice(7));
  });

  it('a tunnel dropped mid-job, then sshd restarted: the tunnel reopens and the job is tracked to its end', async () => {
    await fs.writeFile(knownHosts, `${await sshd.knownHostsLine(false)}\n`);
    await pollSettings().update('pollIntervalSeconds', { min: 1, max: 2 }, vscode.ConfigurationTarget.Global);
    const profile = await addTunnelled({ auth: 'key', keyFile: sshd.keyFile });
    const session = await api().connections.getSession(profile.id);
    const control = sandbox().control;
    await control.stickJob('demo_ops', 'UPLOADING');
    const label = `ssh_${randomBytes(4).toString('hex')}`;
    const statement = buildBackup({ database: 'demo_ops', label, repository: DEMO_REPOSITORY }, session.server.capabilities);
    await session.query(statement.sql);
    const tracked = api().jobs.track({
      profileId: profile.id,
      database: 'demo_ops',
      label,
      kind: 'BACKUP',
      repository: DEMO_REPOSITORY,
      sql: statement.display,
    });
    await waitFor('the job in UPLOADING', () => api().jobs.get(tracked.key)?.state === 'UPLOADING', 30_000);

    for (const drop of [() => sshd.dropConnections(), () => sshd.restart().then(() => 1)]) {
      const logins = sshd.acceptedLogins().length;
      assert.ok((await drop()) > 0, 'the tunnel had an SSH connection to drop');
      await control.resetStats();
      // The next poll reopens the tunnel (a new login) and reads the job through it.
      await waitFor('a new SSH login after the drop', () => sshd.acceptedLogins().length > logins, 30_000);
      await waitFor('a poll through the new tunnel', async () => ((await control.stats()).byKind['SHOW BACKUP'] ?? 0) > 0, 30_000);
      assert.equal(api().jobs.get(tracked.key)?.phase, 'running', 'the job is still tracked');
    }
    await control.releaseJobs();
    const ended = await waitFor(
      'the job to end',
      () => (api().jobs.get(tracked.key)?.phase !== 'running' ? api().jobs.get(tracked.key) : undefined),
      60_000,
    );
    assert.equal(ended.phase, 'finished');
    assert.equal(ended.state, 'FINISHED');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
