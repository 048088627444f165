import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which settings a workspace may set. A workspace's `.vscode/settings.json` comes with the folder
 * someone opened; where its value could weaken a safeguard or harm a cluster, VS Code must ignore
 * it: `machine` scope ignores it always (user and remote settings only), `restrictedConfigurations`
 * ignores it while the workspace is not trusted. Every setting must be decided here, with its
 * reason, so that a new one cannot slip in unexamined.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

/**
 * `machine`: they govern connections, which live in the user's profile and are shared by every
 * window, so a per-workspace value never makes sense.
 */
const MACHINE: Record<string, string> = {
  'starrocksBackup.queryTimeoutSeconds':
    'set to 1, every write times out on the client while the server carries on; the user retries a statement that ran',
  'starrocksBackup.connectTimeoutSeconds': 'set to 1, no connection succeeds; set high, a dead FE hangs every command',
  'starrocksBackup.poolWaitSeconds': 'set to 1, statements fail whenever another one runs; set high, a stuck statement hangs every command',
  'starrocksBackup.storage.requestTimeoutSeconds':
    'set high, a stalled S3 endpoint hangs sizing, deletion and the access check; set to 1, every S3 request fails',
};

/** Restricted only: a per-workspace preference is plausible, but not from a folder the user has not trusted. */
const RESTRICTED_ONLY: Record<string, string> = {
  'starrocksBackup.jobs.pollIntervalSeconds': 'a 1 s floor hammers production FEs with SHOW BACKUP/RESTORE; a huge one hides a failed job',
  'starrocksBackup.jobs.stuckAfterMinutes': '0 turns the stuck-job warning off, hiding a stalled RESTORE',
  'starrocksBackup.jobs.historySize': 'the history is global (globalState): a small value truncates what every window remembers',
  'starrocksBackup.jobs.notifyOnFinish': 'silences finished and cancelled jobs',
  'starrocksBackup.jobs.notifyWhenStuck': 'silences the stuck-job warning',
  'starrocksBackup.explorer.snapshotPageSize': 'up to 100,000 snapshots listed at once: slow FE and UI',
  'starrocksBackup.storage.showSnapshotSizes': 'turns on background S3 listing, which costs requests (and money) on the bucket',
};

describe('package.json: settings an untrusted workspace cannot change', () => {
  const settings = manifest.contributes.configuration.properties;
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);

  it('every setting is decided: machine-scoped or restricted, with a reason', () => {
    const decided = new Set([...Object.keys(MACHINE), ...Object.keys(RESTRICTED_ONLY)]);
    assert.deepEqual(
      Object.keys(settings).filter((key) => !decided.has(key)),
      [],
      'settings nobody decided on',
    );
    assert.deepEqual(
      [...decided].filter((key) => !(key in settings)),
      [],
      'decided settings that do not exist',
    );
  });

  for (const [key, reason] of Object.entries(MACHINE)) {
    it(`${key} is machine-scoped and restricted (${reason})`, () => {
      assert.equal(settings[key]?.scope, 'machine');
      // Restricted too, so that the protection stays if the scope is ever widened.
      assert.ok(restricted.has(key), `${key} is in capabilities.untrustedWorkspaces.restrictedConfigurations`);
    });
  }

  for (const [key, reason] of Object.entries(RESTRICTED_ONLY)) {
    it(`${key} is restricted in untrusted workspaces (${reason})`, () => {
      assert.ok(restricted.has(key), `${key} is in capabilities.untrustedWorkspaces.restrictedConfigurations`);
    });
  }

  it('declares limited support for untrusted workspaces, so that VS Code applies the restriction', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(
      [...restricted].filter((key) => !(key in settings)),
      [],
      'restricted names that are not settings',
    );
  });
});
