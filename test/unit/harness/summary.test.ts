import * as assert from 'node:assert/strict';
import { formatSummary } from '../../harness/summary';

/** CI reads the last line of a run: it must be exactly `N passed, M failed`. */
const lastLine = (text: string) => text.split('\n').pop();

describe('harness formatSummary', () => {
  it('ends with the counts, after the failed tests by name', () => {
    const text = formatSummary(
      {
        passed: 7,
        failed: 2,
        pending: 1,
        failures: [
          { title: 'a b', message: 'x' },
          { title: 'c', message: 'y' },
        ],
      },
      undefined,
    );
    assert.equal(lastLine(text), '7 passed, 2 failed');
    assert.match(text, /^FAILED: a b$/m);
    assert.match(text, /^FAILED: c$/m);
    assert.match(text, /^1 pending$/m);
  });

  it('counts a run that broke before reporting as one failure, never as a pass', () => {
    const text = formatSummary(undefined, 'the tests did not start within 180 s');
    assert.equal(lastLine(text), '0 passed, 1 failed');
    assert.match(text, /did not start/);
  });

  it('does not add to failures that were already counted', () => {
    assert.equal(
      lastLine(formatSummary({ passed: 1, failed: 3, pending: 0, failures: [] }, 'workbench exit code 1')),
      '1 passed, 3 failed',
    );
  });
});
