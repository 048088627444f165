import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { TestResults } from './testConfig';

/** Every file under `dir` (recursively) whose name ends with `.test.js`, sorted. */
export function findSuites(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.js'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Loads the suites one by one. A suite that cannot load (a syntax error, a missing import) becomes
 * one failing test named after it, instead of stopping every other suite from running.
 */
async function loadSuites(mocha: Mocha, root: string, files: string[]): Promise<void> {
  for (const file of files) {
    mocha.files = [file];
    try {
      await mocha.loadFilesAsync();
    } catch (error) {
      mocha.suite.addTest(
        new Mocha.Test(`suite ${path.relative(root, file)} loads`, () => {
          throw error;
        }),
      );
    }
  }
}

export interface RunOptions {
  /** Folder whose *.test.js files are the suites. */
  root: string;
  /** Per-test timeout in ms. */
  timeout: number;
  /** Only tests whose full title matches this regular expression run. */
  grep?: string;
}

/** Runs mocha (BDD, spec reporter) over the suites and counts the outcome per test. */
export async function runSuites(options: RunOptions): Promise<TestResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: options.timeout, color: false, reporter: 'spec' });
  if (options.grep) mocha.grep(options.grep);
  await loadSuites(mocha, options.root, findSuites(options.root));

  const results: TestResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error) });
    });
  });
  return results;
}
