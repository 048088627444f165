import * as os from 'node:os';
import * as path from 'node:path';

/** The project root: this file compiles to out/test/harness/, three levels below it. */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');

export const CODE_SERVER_VERSION = '4.100.3';

/** Where install-code-server.sh puts code-server; the same defaults as the script. */
export function codeServerDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return process.env.SR_CODE_SERVER_DIR || path.join(cache, 'starrocks-backup', `code-server-${CODE_SERVER_VERSION}`);
}

export const installScript = path.join(projectRoot, 'test', 'harness', 'install-code-server.sh');
export const bundlePath = path.join(projectRoot, 'dist', 'extension.js');
export const integrationEntry = path.join(projectRoot, 'out', 'test', 'integration', 'index.js');
export const resultsDir = path.join(projectRoot, 'test-results');
