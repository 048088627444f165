/** Command-line options of `npm run demo` (see `demoUsage()`). */
import { parseArgs } from 'node:util';
import type { JobSpeed, SandboxVersion } from '../../sandbox/api';
import { jobSpeedArg, versionArg } from '../../sandbox/cliArgs';
import { SANDBOX_VERSIONS } from '../../sandbox/version/versionProfile';

export const DEFAULT_DEMO_PORT = 8080;

export interface DemoOptions {
  /** Port of the served workbench (browser route). */
  port: number;
  /** Use code-server and a browser even when a desktop `code` is on the PATH. */
  browser: boolean;
  /** StarRocks release the sandbox emulates. */
  version: SandboxVersion;
  /**
   * `normal` by default: a restore of the demo snapshot takes about half a minute, long enough to
   * watch it move through the status bar and the Jobs section; `fast` finishes in about a second.
   */
  jobSpeed: JobSpeed;
  help: boolean;
}

export function demoUsage(): string {
  return [
    'Usage: npm run demo -- [options]',
    '',
    'Builds the extension, starts the StarRocks sandbox with its demo data and opens VS Code with the',
    'extension loaded and a connection to the sandbox already configured. Ctrl+C stops everything.',
    '',
    '  --browser               serve the workbench on 127.0.0.1 (code-server) even if `code` is on the PATH',
    `  --port <n>              port of the served workbench (default ${DEFAULT_DEMO_PORT})`,
    `  --version <v>           StarRocks version the sandbox emulates: ${SANDBOX_VERSIONS.join(', ')} (default 3.4)`,
    '  --job-speed <s>         fast | normal | slow: how long BACKUP/RESTORE take (default normal, ~30 s)',
    '  --help                  this text',
  ].join('\n');
}

/** Parses argv; throws an Error with a readable message on a bad or unknown option. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      browser: { type: 'boolean' },
      port: { type: 'string' },
      version: { type: 'string' },
      'job-speed': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return {
    port: values.port === undefined ? DEFAULT_DEMO_PORT : portArg(values.port),
    browser: values.browser ?? false,
    version: values.version === undefined ? '3.4' : versionArg(values.version),
    jobSpeed: values['job-speed'] === undefined ? 'normal' : jobSpeedArg(values['job-speed']),
    help: values.help ?? false,
  };
}

function portArg(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port must be a port number (1-65535)');
  return port;
}
