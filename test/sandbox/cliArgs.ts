/** Command-line options of `npm run sandbox` (see `usage()`). */
import { parseArgs } from 'node:util';
import type { AccountSpec, JobSpeed, SandboxOptions, SandboxVersion } from './api';
import { isJobSpeed } from './jobs/jobSpeed';
import { isSandboxVersion, SANDBOX_VERSIONS } from './version/versionProfile';

export const DEFAULT_CLI_PORT = 9030;
/** Environment variable with extra accounts (JSON array of AccountSpec). */
export const EXTRA_USERS_ENV = 'SANDBOX_EXTRA_USERS';

/** Reads the extra accounts from the environment; throws on malformed JSON. */
export function extraUsersFromEnv(env: NodeJS.ProcessEnv): AccountSpec[] | undefined {
  const text = env[EXTRA_USERS_ENV];
  if (!text) return undefined;
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((u) => typeof u?.user === 'string' && typeof u?.password === 'string')) {
    throw new Error(`${EXTRA_USERS_ENV} must be a JSON array of { user, password, privileges? }`);
  }
  return parsed as AccountSpec[];
}

export function usage(): string {
  return [
    'Usage: npm run sandbox -- [options]',
    '',
    'A StarRocks FE emulator with an S3 server, for trying the extension without a cluster.',
    '',
    `  --port <n>              FE (MySQL protocol) port, 0 = any free port (default ${DEFAULT_CLI_PORT})`,
    '  --s3-port <n>           S3 server port (default 0 = any free port)',
    `  --version <v>           StarRocks version to emulate: ${SANDBOX_VERSIONS.join(', ')} (default 3.4)`,
    '  --seed demo|empty       demo databases, repository and snapshots, or nothing (default demo)',
    '  --job-speed fast|normal|slow   BACKUP/RESTORE speed: ~1 s, ~30 s, minutes (default fast)',
    '  --user <name>           administrator account (default root)',
    '  --password <pw>         its password (default sandbox)',
    '  --shared-data           report run_mode = shared_data',
    '  --help                  this text',
    '',
    `More accounts (e.g. one without privileges) may be given as JSON in ${EXTRA_USERS_ENV}:`,
    `  ${EXTRA_USERS_ENV}='[{"user":"viewer","password":"pw","privileges":["REPOSITORY ON SYSTEM"]}]'`,
  ].join('\n');
}

/** Parses argv; throws an Error with a readable message on a bad or unknown option. */
export function parseCliArgs(argv: string[]): SandboxOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      's3-port': { type: 'string' },
      version: { type: 'string' },
      seed: { type: 'string' },
      'job-speed': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'shared-data': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const options: SandboxOptions & { help?: boolean } = { port: values.port === undefined ? DEFAULT_CLI_PORT : port(values.port, '--port') };
  if (values['s3-port'] !== undefined) options.s3Port = port(values['s3-port'], '--s3-port');
  if (values.version !== undefined) options.version = versionArg(values.version);
  if (values.seed !== undefined) {
    if (values.seed !== 'demo' && values.seed !== 'empty') throw new Error('--seed must be demo or empty');
    options.seed = values.seed;
  }
  if (values['job-speed'] !== undefined) options.jobSpeed = jobSpeedArg(values['job-speed']);
  if (values.user !== undefined) options.user = values.user;
  if (values.password !== undefined) options.password = values.password;
  if (values['shared-data']) options.sharedData = true;
  if (values.help) options.help = true;
  return options;
}

/** The value of `--version`, shared by every command line that starts a sandbox. */
export function versionArg(v: string): SandboxVersion {
  if (!isSandboxVersion(v)) throw new Error(`--version must be one of ${SANDBOX_VERSIONS.join(', ')}`);
  return v;
}

/** The value of `--job-speed`, shared by every command line that starts a sandbox. */
export function jobSpeedArg(v: string): JobSpeed {
  if (!isJobSpeed(v)) throw new Error('--job-speed must be fast, normal or slow');
  return v;
}

function port(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number`);
  return n;
}

/** Turns options back into CLI arguments (for the child-process mode). */
export function toCliArgs(options: SandboxOptions): string[] {
  const args = ['--port', String(options.port ?? 0), '--s3-port', String(options.s3Port ?? 0)];
  if (options.version) args.push('--version', options.version);
  if (options.seed) args.push('--seed', options.seed);
  if (options.jobSpeed) args.push('--job-speed', options.jobSpeed);
  if (options.user) args.push('--user', options.user);
  if (options.password !== undefined) args.push('--password', options.password);
  if (options.sharedData) args.push('--shared-data');
  return args;
}
