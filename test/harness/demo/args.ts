/** Command-line options of `npm run demo` (see `demoUsage()`). */
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

/** Parses argv; throws an Error with a readable message on a bad option. */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const options: DemoOptions = { port: DEFAULT_DEMO_PORT, browser: false, version: '3.4', jobSpeed: 'normal', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--browser':
        options.browser = true;
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port must be a port number (1-65535)');
        options.port = port;
        break;
      }
      case '--version': {
        options.version = versionArg(value());
        break;
      }
      case '--job-speed': {
        options.jobSpeed = jobSpeedArg(value());
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}
