import * as assert from 'node:assert/strict';
import { unknownOutcomeOf, writeKindOf } from '../../../src/starrocks/writeOutcome';

describe('starrocks/writeOutcome: a write that got no answer', () => {
  it('tells the statements apart from their tokens (comments, case, READ ONLY, backticks)', () => {
    assert.deepEqual(writeKindOf('/* nightly */ backup snapshot db.l TO `r`'), { kind: 'backup', statement: 'BACKUP' });
    assert.deepEqual(writeKindOf('-- x\nRESTORE SNAPSHOT `l` FROM `r`'), { kind: 'restore', statement: 'RESTORE' });
    assert.deepEqual(writeKindOf('CREATE READ ONLY REPOSITORY `r` WITH BROKER ON LOCATION "s3a://b/p"'), {
      kind: 'createRepository',
      statement: 'CREATE REPOSITORY',
    });
    assert.deepEqual(writeKindOf('create repository r with broker on location "s3a://b/p"'), {
      kind: 'createRepository',
      statement: 'CREATE REPOSITORY',
    });
    assert.deepEqual(writeKindOf('DROP REPOSITORY `r`'), { kind: 'dropRepository', statement: 'DROP REPOSITORY' });
    assert.deepEqual(writeKindOf('DROP SNAPSHOT ON `r` WHERE SNAPSHOT = "l"'), { kind: 'dropSnapshot', statement: 'DROP SNAPSHOT' });
    assert.deepEqual(writeKindOf('cancel restore from db'), { kind: 'cancel', statement: 'CANCEL RESTORE' });
    // A name that looks like a keyword is not one.
    assert.equal(writeKindOf('CREATE `REPOSITORY` x').kind, 'other');
    assert.equal(writeKindOf("/* BACKUP */ INSERT INTO t VALUES ('BACKUP')").kind, 'other');
  });

  it('says where the effect shows and to look before running it again, never to try again', () => {
    for (const sql of [
      'BACKUP SNAPSHOT db.l TO r',
      'RESTORE SNAPSHOT l FROM r',
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p"',
      'DROP REPOSITORY r',
      'DROP SNAPSHOT ON r WHERE SNAPSHOT = "l"',
      'CANCEL BACKUP FROM db',
      'ADMIN SET x',
    ]) {
      const outcome = unknownOutcomeOf(sql);
      assert.doesNotMatch(outcome.advice, /try again/i, sql);
      assert.match(outcome.advice, /before|Check/, sql);
    }
    assert.match(unknownOutcomeOf('BACKUP SNAPSHOT db.l TO r').advice, /appears under Jobs .*Refresh.*SHOW BACKUP FROM/);
    assert.match(unknownOutcomeOf('RESTORE SNAPSHOT l FROM r').advice, /SHOW RESTORE FROM/);
    assert.match(
      unknownOutcomeOf('CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p"').advice,
      /may have been created.*SHOW REPOSITORIES/,
    );
    assert.match(unknownOutcomeOf('DROP SNAPSHOT ON r WHERE SNAPSHOT = "l"').advice, /SHOW SNAPSHOT ON/);
  });
});
