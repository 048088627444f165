/**
 * `npm run test:integration`: runs every test/integration suite inside the extension host of a
 * real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by headless Chromium, prints the
 * tests' output as it comes, ends with `N passed, M failed`, and exits non-zero on any failure.
 *
 * Env: MOCHA_GREP (run only matching tests), SR_TEST_TIMEOUT (seconds, default 900),
 * SR_CODE_SERVER_DIR, SR_CHROMIUM, SR_HEADED=1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitAfterCleanup, exitOnUnexpectedErrors } from './cleanup';
import { integrationEntry, resultsDir } from './paths';
import { openWorkbench, startSession } from './session';
import { formatSummary, readResults } from './summary';
import { tailFile } from './tail';
import { makeTempDir } from './tempDir';
import { ENV } from './testConfig';

const HARD_TIMEOUT_S = Number(process.env.SR_TEST_TIMEOUT || 900);
/** The workbench loads and starts the tests within seconds; minutes of silence mean it never will. */
const START_TIMEOUT_S = 180;

type Outcome = { code: number; problem?: string };

function after(seconds: number, problem: string): Promise<Outcome> {
  return new Promise((resolve) => setTimeout(() => resolve({ code: 1, problem }), seconds * 1000).unref());
}

/** Resolves with a failure if the tests print nothing within START_TIMEOUT_S. */
function startWatchdog(started: () => boolean): Promise<Outcome> {
  return after(START_TIMEOUT_S, '').then((outcome) =>
    started() ? new Promise<Outcome>(() => undefined) : { ...outcome, problem: `the tests did not start within ${START_TIMEOUT_S} s` },
  );
}

/** Keeps the logs of a failed run where a developer (or CI's artifacts) can find them. */
function keepLogs(files: Record<string, string>): string {
  const dir = path.join(resultsDir, 'integration');
  fs.mkdirSync(dir, { recursive: true });
  for (const file of Object.values(files)) {
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
  return dir;
}

async function main(): Promise<number> {
  exitOnUnexpectedErrors();
  const started = Date.now();
  const deadline = after(HARD_TIMEOUT_S, `hard timeout: the run took longer than ${HARD_TIMEOUT_S} s`);
  const runDir = makeTempDir('integration');
  const files = {
    results: path.join(runDir, 'results.json'),
    output: path.join(runDir, 'test-output.txt'),
    workbenchLog: path.join(runDir, 'workbench.log'),
  };
  const session = await startSession({ [ENV.results]: files.results, [ENV.output]: files.output });
  const tail = tailFile(files.output, (text) => process.stdout.write(text));
  const workbench = await openWorkbench(session, { extensionTestsPath: integrationEntry, logFile: files.workbenchLog });

  const outcome = await Promise.race<Outcome>([
    workbench.exited.then((code) => ({ code })),
    workbench.page.waitForEvent('crash', { timeout: 0 }).then(() => ({ code: 1, problem: 'the workbench page crashed' })),
    deadline,
    startWatchdog(() => tail.started),
  ]);
  tail.stop();

  const results = readResults(files.results);
  let problem = outcome.problem;
  if (!problem && !results) problem = `the test entry wrote no results (workbench exit code ${outcome.code})`;
  if (!problem && outcome.code !== 0 && results?.failed === 0) problem = `the workbench reported exit code ${outcome.code}`;
  const ok = !problem && outcome.code === 0 && results !== undefined && results.failed === 0 && results.passed > 0;
  if (!ok) console.log(`[harness] logs kept in ${keepLogs({ ...files, codeServerLog: session.server.logFile })}`);
  console.log(`[harness] integration run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(formatSummary(results, problem));
  return ok ? 0 : 1;
}

main().then(exitAfterCleanup, (error: unknown) => {
  console.error(`[harness] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.log(formatSummary(undefined, 'the run stopped before the tests reported'));
  return exitAfterCleanup(1);
});
