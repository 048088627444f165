import * as assert from 'assert';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

describe('starrocks/version capabilities', () => {
  const caps = (raw: string) => capabilitiesOf(parseServerVersion(raw));

  it('2.5: old grammar, ADMIN privilege, mandatory repository properties', () => {
    assert.deepStrictEqual(caps('2.5.22-abc'), {
      newBackupGrammar: false,
      dropSnapshot: false,
      rbac: false,
      optionalRepositoryProperties: false,
      showPredicates: false,
      preparedStatements: false,
      backupViews: false,
      versionKnown: true,
    });
  });

  it('3.0 to 3.3: RBAC, still the old grammar', () => {
    for (const v of ['3.0.0', '3.1.9', '3.3.5-6d81f75']) {
      const c = caps(v);
      assert.strictEqual(c.rbac, true, v);
      assert.strictEqual(c.newBackupGrammar, false, v);
      assert.strictEqual(c.optionalRepositoryProperties, false, v);
    }
    assert.strictEqual(caps('3.2.0').preparedStatements, true);
  });

  it('3.4 to 4.1: new grammar, no DROP SNAPSHOT', () => {
    for (const v of ['3.4.0', '3.5.1', '4.0.2', '4.1.0']) {
      const c = caps(v);
      assert.strictEqual(c.newBackupGrammar, true, v);
      assert.strictEqual(c.optionalRepositoryProperties, true, v);
      assert.strictEqual(c.dropSnapshot, false, v);
    }
  });

  it('4.2: DROP SNAPSHOT, ttl and SHOW predicates', () => {
    const c = caps('4.2.0-rc01');
    assert.ok(c.dropSnapshot && c.showPredicates && c.newBackupGrammar);
  });

  it('reads MySQL-style prefixed version strings', () => {
    assert.strictEqual(caps('5.1.0 3.4.1-abc').newBackupGrammar, true);
    assert.strictEqual(caps('5.1.0 3.3.1').newBackupGrammar, false);
  });

  it('treats an unknown version as 3.4 without 4.2 statements', () => {
    const c = capabilitiesOf(undefined);
    assert.ok(c.newBackupGrammar && !c.dropSnapshot);
  });
});
