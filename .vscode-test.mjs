// The desktop route (`npm run test:desktop`): @vscode/test-cli downloads VS Code and runs the
// integration suites in it. It needs the internet; offline machines and CI use
// `npm run test:integration` (code-server in headless Chromium) instead. Run `npx tsc -p .` first.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { writeWorkspaceFiles } = require('./out/test/harness/workspace.js');

// The same kind of throw-away workspace the offline runner opens, announced the same way.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-workspace-'));
writeWorkspaceFiles(workspace);
process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  // The version code-server 4.100.3 embeds, so both routes test the same VS Code.
  version: '1.100.3',
  workspaceFolder: workspace,
  launchArgs: ['--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  env: { SR_TEST_WORKSPACE: workspace },
  mocha: { ui: 'bdd', timeout: 60_000, color: true },
});
