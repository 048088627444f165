import * as assert from 'node:assert/strict';
import { ConnectionError, isUnknownWriteOutcome } from '../../../src/connections/connectionError';
import { english } from '../../../src/connections/profileValidation';
import type { QueryResult } from '../../../src/connections/types';
import { settleUnknownCreate } from '../../../src/connections/unknownCreate';

const timedOut = new ConnectionError(
  'The statement did not finish within 1 seconds. The CREATE REPOSITORY statement was not sent again: it may still be running.',
  { kind: 'timeout', code: 'QUERY_TIMEOUT', outcomeUnknown: true },
);
const row = (name: string) => ({
  RepoId: '1',
  RepoName: name,
  CreateTime: '2024-01-01 00:00:00',
  IsReadOnly: 'false',
  Location: 's3a://b/p',
  Broker: '',
  ErrMsg: null,
});
const wait = { attempts: 3, intervalMs: 1 };

/** A session whose SHOW REPOSITORIES answers come from a list, one per call. */
function session(answers: (string[] | Error)[]) {
  const sent: string[] = [];
  return {
    sent,
    query: async <Row>(sql: string): Promise<QueryResult<Row>> => {
      sent.push(sql);
      const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return { rows: answer.map(row) as Row[], columns: Object.keys(row('x')) };
    },
  };
}

describe('connections/unknownCreate: a CREATE REPOSITORY with no answer', () => {
  it('looks at SHOW REPOSITORIES until the repository appears, then keeps its storage access', async () => {
    const s = session([['other'], ['other', 'repo1']]);
    let kept = 0;
    const result = await settleUnknownCreate(s, 'repo1', timedOut, async () => void kept++, english, wait);
    assert.deepEqual(result, { created: true });
    assert.equal(kept, 1);
    assert.ok(
      s.sent.every((sql) => /^SHOW REPOSITORIES$/.test(sql)),
      'only reads were sent, never the CREATE again',
    );
  });

  it('not listed: still an unknown outcome, saying so and what to do if it appears', async () => {
    let kept = 0;
    const result = await settleUnknownCreate(session([['other']]), 'repo1', timedOut, async () => void kept++, english, wait);
    assert.equal(result.created, false);
    assert.equal(kept, 0, 'nothing is kept for a repository that is not there');
    if (result.created) return;
    assert.ok(isUnknownWriteOutcome(result.error));
    assert.match(
      result.error.message,
      /^The statement did not finish within 1 seconds\..* SHOW REPOSITORIES does not list repo1 yet\. If it appears later \(Refresh\), it was created: then set its S3 credentials/,
    );
  });

  it('SHOW REPOSITORIES failing: says the check could not run', async () => {
    const result = await settleUnknownCreate(
      session([new Error('Access denied; you need the REPOSITORY privilege')]),
      'repo1',
      timedOut,
      async () => assert.fail('kept'),
      english,
      wait,
    );
    assert.equal(result.created, false);
    if (!result.created)
      assert.match(result.error.message, /Whether repo1 was created could not be checked: SHOW REPOSITORIES failed \(Access denied/);
  });
});
