/**
 * What went wrong on the SSH side of a tunnel, named as such and saying what to do: the bastion
 * cannot be reached, it refused the login, its host key changed, or it cannot reach the FE. Each is
 * a distinct `ConnectionError` kind, apart from the database's own "Access denied". Pure (no
 * `vscode`); the texts go through `t`. Nothing here quotes a passphrase or password: only ssh2's
 * and the socket's own texts are quoted, masked with the secrets in use all the same.
 */
import { ConnectionError, maskSecrets } from '../connectionError';
import { english, formatHostPort, type Translate } from '../profileValidation';
import type { SshAuthMethod } from '../types';
import { formatFingerprint, type HostKeyId } from './fingerprint';
import type { HostKeyVerdict } from './hostKeyCheck';

export interface SshErrorContext {
  bastionHost: string;
  bastionPort: number;
  sshUser: string;
  auth: SshAuthMethod;
  keyFile?: string;
  /** The FE as the bastion is asked to reach it. */
  feHost: string;
  fePort: number;
  connectTimeoutSeconds: number;
  /** The passphrase or password in use, masked wherever it might appear. */
  secrets: readonly string[];
}

/** What ssh2 and the socket put on their errors. */
interface Ssh2Error {
  message?: string;
  code?: string;
  /** ssh2's stage: `client-socket`, `client-timeout`, `client-authentication`, `handshake`, `protocol`, `agent`. */
  level?: string;
  /** Set on a refused channel open (port forward): SSH_OPEN_* reason code. */
  reason?: number | string;
}

export type SshFailure = 'bastionUnreachable' | 'bastionTimeout' | 'sshAuth' | 'forwardFailed' | 'sshProtocol';

/** The stage a failure belongs to, from what ssh2 reports. `forwarding` says a channel open was under way. */
export function classifySshError(error: unknown, forwarding: boolean): SshFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Ssh2Error;
  if (e.level === 'client-authentication' || e.level === 'agent') return 'sshAuth';
  if (e.level === 'client-timeout') return 'bastionTimeout';
  if (e.level === 'client-socket') return 'bastionUnreachable';
  if (forwarding || e.reason !== undefined || /channel open failure/i.test(e.message ?? '')) return 'forwardFailed';
  if (e.level === 'handshake' || e.level === 'protocol') return 'sshProtocol';
  return 'bastionUnreachable';
}

/** The `ConnectionError` for anything ssh2 raised while connecting, logging in or opening the forward. */
export function sshConnectionError(error: unknown, forwarding: boolean, ctx: SshErrorContext, t: Translate = english): ConnectionError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Ssh2Error;
  const raw = maskSecrets(e.message ?? String(error), ctx.secrets);
  const bastion = formatHostPort(ctx.bastionHost, ctx.bastionPort);
  const fe = formatHostPort(ctx.feHost, ctx.fePort);
  const failure = classifySshError(error, forwarding);
  const make = (kind: ConnectionError['kind'], summary: string, advice: string, code: string): ConnectionError =>
    new ConnectionError(`${summary} ${advice}`, { kind, code: e.code ?? code, advice, detail: raw });
  switch (failure) {
    case 'bastionUnreachable':
      return make(
        'bastionUnreachable',
        t('Cannot reach the SSH bastion {0}: {1}.', bastion, raw),
        t("Check the bastion's host and port (Edit Connection) and that this machine can reach it (VPN, firewall)."),
        'SSH_BASTION_UNREACHABLE',
      );
    case 'bastionTimeout':
      return make(
        'bastionUnreachable',
        t('The SSH bastion {0} did not complete the SSH handshake within {1} seconds.', bastion, ctx.connectTimeoutSeconds),
        t(
          "Check the bastion's host and port (Edit Connection) and any firewall in between. If the bastion is only slow, raise the setting {0}.",
          'starrocksBackup.connectTimeoutSeconds',
        ),
        'SSH_BASTION_TIMEOUT',
      );
    case 'sshProtocol':
      return make(
        'bastionUnreachable',
        t('SSH with the bastion {0} failed: {1}.', bastion, raw),
        t('Check that {0} is the SSH server of the bastion (Edit Connection).', bastion),
        'SSH_PROTOCOL',
      );
    case 'sshAuth':
      return make(
        'sshAuth',
        t(
          'The SSH bastion {0} refused the login of user "{1}" ({2}). This is the SSH login to the bastion, not the StarRocks password.',
          bastion,
          ctx.sshUser,
          authName(ctx.auth, t),
        ),
        authAdvice(ctx, t),
        'SSH_AUTH_FAILED',
      );
    case 'forwardFailed':
      return make(
        'forwardFailed',
        t('The SSH bastion {0} accepted the login but could not open a connection to the FE {1}: {2}.', bastion, fe, raw),
        t(
          "Check the FE's host and port as the bastion sees them (often a private address), that the FE is running, and that the bastion allows TCP forwarding (AllowTcpForwarding in its sshd_config).",
        ),
        'SSH_FORWARD_FAILED',
      );
  }
}

function authName(auth: SshAuthMethod, t: Translate): string {
  return auth === 'key' ? t('private key') : auth === 'password' ? t('password') : t('SSH agent');
}

function authAdvice(ctx: SshErrorContext, t: Translate): string {
  switch (ctx.auth) {
    case 'key':
      return t(
        'Check the SSH user, and that the public key of {0} is in ~/.ssh/authorized_keys of that user on the bastion; or choose another key file (Edit Connection).',
        ctx.keyFile ?? '',
      );
    case 'password':
      return t('Check the SSH user and password, and enter the password again with Edit Connection.');
    case 'agent':
      return t(
        'Check that your SSH agent holds a key the bastion accepts for that user (`ssh-add -l` lists them), or choose a key file (Edit Connection).',
      );
  }
}

/** A private key that cannot be used: unreadable file, not a key, or a passphrase that does not open it. */
export function sshKeyError(
  problem: 'unreadable' | 'notAKey' | 'needsPassphrase' | 'wrongPassphrase',
  keyFile: string,
  reason: string,
  t: Translate = english,
): ConnectionError {
  switch (problem) {
    case 'unreadable':
      return new ConnectionError(
        t('Cannot read the SSH private key file "{0}": {1}. Edit the connection and choose a readable key file.', keyFile, reason),
        {
          kind: 'config',
          code: 'SSH_KEY_UNREADABLE',
        },
      );
    case 'notAKey':
      return new ConnectionError(
        t(
          '"{0}" is not a private key ssh2 can read: {1}. Edit the connection and choose an OpenSSH or PEM private key (not the .pub file).',
          keyFile,
          reason,
        ),
        { kind: 'config', code: 'SSH_KEY_INVALID' },
      );
    case 'needsPassphrase':
      return new ConnectionError(
        t('The SSH private key "{0}" is protected by a passphrase and none was given. Edit the connection and enter it.', keyFile),
        {
          kind: 'sshAuth',
          code: 'SSH_KEY_PASSPHRASE',
        },
      );
    case 'wrongPassphrase':
      return new ConnectionError(
        t('The passphrase does not open the SSH private key "{0}". Edit the connection and enter it again.', keyFile),
        {
          kind: 'sshAuth',
          code: 'SSH_KEY_PASSPHRASE',
        },
      );
  }
}

/** The agent was chosen but there is none to talk to. */
export function noAgentError(t: Translate = english): ConnectionError {
  return new ConnectionError(
    t(
      'The connection authenticates with the SSH agent, but SSH_AUTH_SOCK is not set in the environment of VS Code. Start VS Code from a shell where ssh-agent runs, or edit the connection to use a key file.',
    ),
    { kind: 'config', code: 'SSH_NO_AGENT' },
  );
}

/**
 * The bastion's key differs from the one accepted before, or known_hosts revokes it: refused, and
 * the message shows both fingerprints and how to accept a new key on purpose.
 */
export function hostKeyChangedError(
  verdict: Extract<HostKeyVerdict, { verdict: 'changed' }>,
  presented: HostKeyId,
  bastionHost: string,
  bastionPort: number,
  t: Translate = english,
): ConnectionError {
  const knownHostsFile = verdict.file ?? '~/.ssh/known_hosts';
  const bastion = formatHostPort(bastionHost, bastionPort);
  const now = `${presented.algorithm} ${formatFingerprint(presented.sha256)}`;
  if (verdict.revoked) {
    const message = t(
      "The SSH bastion {0} presents the host key {1}, which {2} marks as revoked (line {3}). Nothing was sent. Ask the bastion's administrator for its current key.",
      bastion,
      now,
      knownHostsFile,
      verdict.line ?? 0,
    );
    return new ConnectionError(message, { kind: 'hostKeyChanged', code: 'SSH_HOST_KEY_REVOKED' });
  }
  const before = `${verdict.previous.algorithm} ${formatFingerprint(verdict.previous.sha256)}`;
  const summary =
    verdict.source === 'profile'
      ? t(
          'The host key of the SSH bastion {0} has changed: this connection accepted {1}, the bastion now presents {2}. Nothing was sent: the bastion may have been reinstalled, or someone may be intercepting the connection.',
          bastion,
          before,
          now,
        )
      : t(
          'The host key of the SSH bastion {0} does not match {1} (line {2}): it lists {3}, the bastion now presents {4}. Nothing was sent: the bastion may have been reinstalled, or someone may be intercepting the connection.',
          bastion,
          knownHostsFile,
          verdict.line ?? 0,
          before,
          now,
        );
  const advice =
    verdict.source === 'profile'
      ? t(
          'Check the new fingerprint with the bastion\'s administrator (`ssh-keygen -lf` on its host key). To accept it, run "Forget SSH Host Key" on the connection and connect again: you will be asked to accept the new key.',
        )
      : t(
          'Check the new fingerprint with the bastion\'s administrator (`ssh-keygen -lf` on its host key). To accept it, remove the old entry with `ssh-keygen -R "{0}"` and connect again: you will be asked to accept the new key.',
          bastionPort === 22 ? bastionHost : `[${bastionHost}]:${bastionPort}`,
        );
  return new ConnectionError(`${summary} ${advice}`, { kind: 'hostKeyChanged', code: 'SSH_HOST_KEY_CHANGED', advice });
}

/** The user did not accept an unknown host key (dismissed the modal): nothing was sent. */
export function hostKeyNotAcceptedError(
  presented: HostKeyId,
  bastionHost: string,
  bastionPort: number,
  t: Translate = english,
): ConnectionError {
  return new ConnectionError(
    t(
      'The host key {0} {1} of the SSH bastion {2} was not accepted, so nothing was sent. Connect again to be asked once more.',
      presented.algorithm,
      formatFingerprint(presented.sha256),
      formatHostPort(bastionHost, bastionPort),
    ),
    { kind: 'cancelled', code: 'SSH_HOST_KEY_NOT_ACCEPTED' },
  );
}
