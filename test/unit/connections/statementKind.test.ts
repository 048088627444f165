import * as assert from 'assert';
import { isReadOnlyStatement, leadingKeywords } from '../../../src/connections/statementKind';

describe('connections/statementKind', () => {
  it('retries reads only', () => {
    for (const sql of ['SHOW BACKUP FROM db', '  show snapshot on repo', 'SELECT current_version()', "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'", 'DESC t', '/* hint */ -- note\nSHOW REPOSITORIES;', 'explain select 1']) {
      assert.strictEqual(isReadOnlyStatement(sql), true, sql);
    }
  });

  it('never retries writes, jobs, cancellations or unknown statements', () => {
    for (const sql of ['BACKUP SNAPSHOT db.l TO repo', 'RESTORE SNAPSHOT db.l FROM repo', 'CANCEL BACKUP FROM db', 'DROP SNAPSHOT s ON r', 'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b"', 'ADMIN SET FRONTEND CONFIG ("a" = "b")', "SELECT 1 INTO OUTFILE 's3://x'", 'SHOW DATABASES; DROP DATABASE d', '', '-- only a comment']) {
      assert.strictEqual(isReadOnlyStatement(sql), false, sql);
    }
  });

  it('ignores semicolons inside quotes', () => {
    assert.strictEqual(isReadOnlyStatement("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'a;b'"), true);
  });

  it('names the leading keywords', () => {
    assert.deepStrictEqual(leadingKeywords('/* x */ backup database d snapshot s'), ['BACKUP', 'DATABASE']);
  });
});
