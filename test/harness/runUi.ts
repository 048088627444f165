/**
 * `npm run test:ui`: browser checks of the extension's UI. Mocha runs out/test/ui/**\/*.test.js in
 * this Node process; each suite drives headless Chromium against its own code-server with the
 * extension loaded (see test/ui/support/useWorkbench.ts) and saves screenshots to test-results/ui/.
 * Ends with `N passed, M failed` and exits non-zero on any failure.
 *
 * Env: MOCHA_GREP, SR_TEST_TIMEOUT (seconds, default 900), SR_CODE_SERVER_DIR, SR_CHROMIUM, SR_HEADED=1.
 */
import * as path from 'node:path';
import { exitAfterCleanup } from './cleanup';
import { runSuites } from './mochaRun';
import { projectRoot } from './paths';
import { formatSummary } from './summary';
import { ENV } from './testConfig';

const HARD_TIMEOUT_S = Number(process.env.SR_TEST_TIMEOUT || 900);
const UI_ROOT = path.join(projectRoot, 'out', 'test', 'ui');

async function main(): Promise<number> {
  const started = Date.now();
  const timer = setTimeout(() => {
    console.log(formatSummary(undefined, `hard timeout: the run took longer than ${HARD_TIMEOUT_S} s`));
    void exitAfterCleanup(1);
  }, HARD_TIMEOUT_S * 1000);
  const results = await runSuites({ root: UI_ROOT, timeout: 120_000, grep: process.env[ENV.grep] });
  clearTimeout(timer);
  const problem = results.passed + results.failed === 0 ? 'no UI test ran' : undefined;
  console.log(`[harness] UI run took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/ui/`);
  console.log(formatSummary(results, problem));
  return results.failed === 0 && !problem ? 0 : 1;
}

main().then(exitAfterCleanup, (error: unknown) => {
  console.error(`[harness] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.log(formatSummary(undefined, 'the run stopped before the tests reported'));
  return exitAfterCleanup(1);
});
