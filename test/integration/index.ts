import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { runSuites } from '../harness/mochaRun';
import { teeOutput } from '../harness/teeOutput';
import { ENV } from '../harness/testConfig';

/** Where the tests run, so the output shows it is a real VS Code extension host. */
function describeHost(): string {
  const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  return `VS Code ${vscode.version} (${vscode.env.appName}, host: ${vscode.env.appHost}, UI: ${ui}), extension host on Node ${process.version}`;
}

/**
 * Called by the workbench inside the extension host (the payload's extensionTestsPath): runs every
 * out/test/integration/**\/*.test.js with mocha. Rejects when any test fails, which the workbench
 * reports as a non-zero exit code.
 */
export async function run(): Promise<void> {
  const output = process.env[ENV.output];
  const untee = output ? teeOutput(output) : () => undefined;
  try {
    console.log(describeHost());
    const grep = process.env[ENV.grep];
    const results = { ...(await runSuites({ root: __dirname, timeout: 60_000, grep })), vscodeVersion: vscode.version };
    const resultsFile = process.env[ENV.results];
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
    if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
    if (results.passed === 0) throw new Error(`no integration test ran${grep ? ` (MOCHA_GREP=${grep})` : ''}`);
  } catch (error) {
    // Loading the suites can throw too: make that visible in the run's output.
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  } finally {
    untee();
  }
}
