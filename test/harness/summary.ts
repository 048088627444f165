import * as fs from 'node:fs';
import type { TestResults } from './testConfig';

/** The results the test entry wrote, or undefined when it never got that far. */
export function readResults(file: string): TestResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
  } catch {
    return undefined;
  }
}

/**
 * The closing lines, ending with `N passed, M failed` on a line of its own, which CI reads. A run
 * that broke before its tests reported counts as one failure, so the line never reads as a pass.
 */
export function formatSummary(results: TestResults | undefined, problem: string | undefined): string {
  const lines: string[] = [];
  if (problem) lines.push(`[harness] ${problem}`);
  if (results) {
    for (const failure of results.failures) lines.push(`FAILED: ${failure.title}`);
    if (results.pending > 0) lines.push(`${results.pending} pending`);
  }
  const passed = results?.passed ?? 0;
  const failed = (results?.failed ?? 0) + (problem && !results?.failed ? 1 : 0);
  lines.push(`${passed} passed, ${failed} failed`);
  return lines.join('\n');
}
