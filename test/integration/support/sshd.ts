/**
 * A real OpenSSH server (Debian's `openssh-server`) as the SSH bastion of the tunnel tests: started
 * in the foreground (`sshd -D -e`) on a free loopback port with a generated sshd_config, a
 * throwaway ed25519 host key and user keys (one with a passphrase) made by `ssh-keygen` in a temp
 * directory, and stopped and deleted afterwards. The login is a dedicated system user
 * (`srbackup-tunnel`, no home, no shell) created here when missing, whose password is set afresh at
 * every start: sshd needs a real account to check a password and to read authorized_keys for.
 * Needs root (the tests run as root on CI; `.ci/run` installs openssh-server).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../harness/freePort';

const SSHD = '/usr/sbin/sshd';
export const TUNNEL_USER = 'srbackup-tunnel';

export interface RunningSshd {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The user's password, set for this run. */
  readonly password: string;
  /** A private key without a passphrase, in authorized_keys. */
  readonly keyFile: string;
  /** A private key protected by `passphrase`, in authorized_keys. */
  readonly passphraseKeyFile: string;
  readonly passphrase: string;
  /** The current host key's fingerprint as OpenSSH prints it (`ssh-keygen -l -E sha256`): `SHA256:…`. */
  hostKeyFingerprint(): string;
  /** A known_hosts line for the current host key (`[127.0.0.1]:port ssh-ed25519 AAAA…`), hashed by `ssh-keygen -H` when asked. */
  knownHostsLine(hashed: boolean): Promise<string>;
  /** Logins sshd accepted so far (its "Accepted …" log lines), by method. */
  acceptedLogins(): string[];
  /** Port forwards sshd opened to `port` so far (its debug log of direct-tcpip requests): proof that traffic went through it. */
  forwardsTo(port: number): number;
  /** Everything sshd logged. */
  log(): string;
  /** Kills the processes sshd forked for its open connections (by their pids): every tunnel drops, the server keeps listening. */
  dropConnections(): Promise<number>;
  /** Stops sshd (and its connections) and starts it again on the same port, with a new host key when asked. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export async function startSshd(): Promise<RunningSshd> {
  if (process.getuid?.() !== 0) throw new Error('The SSH tunnel tests start sshd and create a system user: they must run as root.');
  if (spawnSync(SSHD, ['-V'], { encoding: 'utf8' }).error)
    throw new Error(`${SSHD} is missing: install Debian's openssh-server (bash .ci/run does).`);
  const dir = await mkdtemp(join(tmpdir(), 'sr-sshd-'));
  // sshd reads authorized_keys as the login user, who must be able to reach it.
  await chmod(dir, 0o755);
  const password = randomBytes(12).toString('base64url');
  const passphrase = `pass-${randomBytes(6).toString('hex')}`;
  ensureUser(password);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const keyFile = join(dir, 'id_plain');
  const passphraseKeyFile = join(dir, 'id_passphrase');
  keygen(['-t', 'ed25519', '-N', '', '-C', 'tunnel-test-plain', '-f', keyFile]);
  keygen(['-t', 'ed25519', '-N', passphrase, '-C', 'tunnel-test-passphrase', '-f', passphraseKeyFile]);
  const authorized = join(dir, 'authorized_keys');
  await writeFile(authorized, (await readFile(`${keyFile}.pub`, 'utf8')) + (await readFile(`${passphraseKeyFile}.pub`, 'utf8')));
  await chmod(authorized, 0o644);
  const port = await freePort();
  let hostKeys = 0;
  const newHostKey = (): string => {
    const file = join(dir, `host_ed25519_${++hostKeys}`);
    keygen(['-t', 'ed25519', '-N', '', '-C', 'tunnel-test-host', '-f', file]);
    return file;
  };
  let hostKey = newHostKey();
  const config = join(dir, 'sshd_config');
  const writeConfig = (): Promise<void> =>
    writeFile(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorized}`,
        // The temp directory sits in /tmp (world-writable), which strict modes would refuse.
        'StrictModes no',
        // Passwords are checked against /etc/shadow directly, without the system's PAM stack.
        'UsePAM no',
        'PermitRootLogin no',
        `AllowUsers ${TUNNEL_USER}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'AllowTcpForwarding yes',
        'X11Forwarding no',
        'PrintMotd no',
        // DEBUG1 logs each port forward (direct-tcpip) with its target.
        'LogLevel DEBUG1',
        'MaxStartups 100',
        '',
      ].join('\n'),
    );
  let log = '';
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    await writeConfig();
    const started = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!new RegExp(`Server listening on 127\\.0\\.0\\.1 port ${port}`).test(log)) {
      if (started.exitCode !== null) throw new Error(`sshd exited with ${started.exitCode}: ${log}`);
      if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port} within 20 s: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const dropConnections = async (): Promise<number> => {
    const pid = child?.pid;
    if (!pid) return 0;
    const descendants = await descendantsOf(pid);
    for (const p of descendants) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // Already gone with its parent.
      }
    }
    return descendants.length;
  };
  const stopServer = async (): Promise<void> => {
    await dropConnections();
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  try {
    await start();
  } catch (e) {
    await stopServer();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    host: '127.0.0.1',
    port,
    user: TUNNEL_USER,
    password,
    keyFile,
    passphraseKeyFile,
    passphrase,
    hostKeyFingerprint: () => {
      const out = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`], { encoding: 'utf8' });
      const match = /SHA256:[A-Za-z0-9+/]+/.exec(out.stdout);
      if (!match) throw new Error(`ssh-keygen -l printed no fingerprint: ${out.stdout}${out.stderr}`);
      return match[0];
    },
    knownHostsLine: async (hashed) => {
      const [type, key] = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/);
      const line = `[127.0.0.1]:${port} ${type} ${key}`;
      if (!hashed) return line;
      const file = join(dir, `known_hosts_${randomBytes(4).toString('hex')}`);
      await writeFile(file, `${line}\n`);
      keygen(['-H', '-f', file]);
      const text = (await readFile(file, 'utf8')).trim();
      await rm(file, { force: true });
      await rm(`${file}.old`, { force: true });
      return text;
    },
    acceptedLogins: () => [...log.matchAll(/Accepted (\S+) for /g)].map((m) => m[1]),
    forwardsTo: (target) =>
      [...log.matchAll(/server_request_direct_tcpip: originator \S+ port \d+, target \S+ port (\d+)/g)].filter(
        (m) => Number(m[1]) === target,
      ).length,
    log: () => log,
    dropConnections,
    restart: async (options) => {
      await stopServer();
      if (options?.newHostKey) hostKey = newHostKey();
      await start();
    },
    stop: async () => {
      await stopServer();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function keygen(args: string[]): void {
  const run = spawnSync('ssh-keygen', ['-q', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')} failed: ${run.error?.message ?? ''}${run.stderr}`);
}

/** The dedicated login: created once per machine, its password set for this run. */
function ensureUser(password: string): void {
  if (spawnSync('id', ['-u', TUNNEL_USER]).status !== 0) {
    const add = spawnSync(
      'useradd',
      ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', TUNNEL_USER],
      {
        encoding: 'utf8',
      },
    );
    if (add.status !== 0) throw new Error(`useradd ${TUNNEL_USER} failed: ${add.error?.message ?? ''}${add.stderr}`);
  }
  const chpasswd = spawnSync('chpasswd', [], { input: `${TUNNEL_USER}:${password}\n`, encoding: 'utf8' });
  if (chpasswd.status !== 0) throw new Error(`chpasswd failed: ${chpasswd.error?.message ?? ''}${chpasswd.stderr}`);
}

/** Every process below `pid`, read from /proc (children before their own children). */
async function descendantsOf(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: the fields after its last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while listing.
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export interface RunningAgent {
  /** What SSH_AUTH_SOCK names. */
  readonly socket: string;
  stop(): Promise<void>;
}

/** OpenSSH's ssh-agent in the foreground on a socket of its own, holding `keyFile` (added with ssh-add). */
export async function startAgent(keyFile: string): Promise<RunningAgent> {
  const dir = await mkdtemp(join(tmpdir(), 'sr-ssh-agent-'));
  const socket = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  agent.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (agent.exitCode === null) {
      await new Promise<void>((resolve) => {
        agent.once('exit', () => resolve());
        agent.kill('SIGTERM');
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const added = spawnSync('ssh-add', ['-q', keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, encoding: 'utf8' });
    if (added.status === 0) break;
    if (agent.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`ssh-agent did not take the key: ${added.stderr}${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { socket, stop };
}
