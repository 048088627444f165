import * as assert from 'assert';
import {
  backupNeeds,
  checkPrivileges,
  grantee,
  grantFor,
  parseShowGrants,
  restoreNeeds,
  type GrantSet,
} from '../../../src/starrocks/grants';

const row = (grants: string, catalog: string | null = 'default_catalog') => ({
  UserIdentity: "'ops'@'%'",
  Catalog: catalog,
  Grants: grants,
});

describe('starrocks/grants', () => {
  it('2.5: ADMIN from GlobalPrivs', () => {
    const root = parseShowGrants([
      {
        UserIdentity: "'root'@'%'",
        Password: 'Yes',
        GlobalPrivs: 'Node_priv Admin_priv  (false)',
        DatabasePrivs: null,
        TablePrivs: null,
        ResourcePrivs: null,
      },
    ]);
    assert.deepStrictEqual(checkPrivileges(root!, backupNeeds(false, 'db', ['t'])), { status: 'ok' });
    const reader = parseShowGrants([
      {
        UserIdentity: "'bi'@'%'",
        Password: 'Yes',
        GlobalPrivs: 'Select_priv  (false)',
        DatabasePrivs: 'internal.db: Select_priv',
        TablePrivs: null,
        ResourcePrivs: null,
      },
    ]);
    const check = checkPrivileges(reader!, backupNeeds(false, 'db', ['t']));
    assert.strictEqual(check.status, 'missing');
    assert.deepStrictEqual(check.status === 'missing' && check.missing.map((n) => grantFor(n, "'bi'@'%'")), [
      "GRANT ADMIN_PRIV ON *.* TO 'bi'@'%'",
    ]);
  });

  it('3.x: the root and db_admin roles cover everything', () => {
    for (const grants of ["GRANT 'root' TO 'root'@'%'", "GRANT 'db_admin', 'user_admin' TO 'ops'@'%'"]) {
      const set = parseShowGrants([row(grants, null)]);
      assert.deepStrictEqual(checkPrivileges(set!, restoreNeeds(true, 'db', false, [])), { status: 'ok' }, grants);
    }
  });

  it('3.x: REPOSITORY ON SYSTEM and EXPORT on the tables, at table, database or global scope', () => {
    const set = parseShowGrants([
      row("GRANT 'public' TO 'ops'@'%'", null),
      row("GRANT REPOSITORY ON SYSTEM TO USER 'ops'@'%'"),
      row("GRANT SELECT, EXPORT ON TABLE demo_sales.orders TO USER 'ops'@'%'"),
      row("GRANT EXPORT ON ALL TABLES IN DATABASE `Demo_Ops` TO USER 'ops'@'%'"),
    ]) as GrantSet;
    assert.deepStrictEqual(set.roles, ['public']);
    assert.deepStrictEqual(checkPrivileges(set, backupNeeds(true, 'demo_sales', ['orders'])), { status: 'ok' });
    assert.deepStrictEqual(checkPrivileges(set, backupNeeds(true, 'demo_ops', ['events', 'jobs'])), { status: 'ok' });
    const check = checkPrivileges(set, backupNeeds(true, 'demo_sales', ['orders', 'customers']));
    assert.strictEqual(check.status, 'missing');
    assert.deepStrictEqual(check.status === 'missing' && check.missing.map((n) => grantFor(n, grantee([row('')])!)), [
      "GRANT EXPORT ON TABLE `demo_sales`.`customers` TO USER 'ops'@'%'",
    ]);
    const everywhere = parseShowGrants([
      row("GRANT REPOSITORY ON SYSTEM TO USER 'ops'@'%'"),
      row("GRANT ALL ON ALL TABLES IN ALL DATABASES TO USER 'ops'@'%'"),
    ]);
    assert.deepStrictEqual(checkPrivileges(everywhere!, backupNeeds(true, 'x', ['y'])), { status: 'ok' });
  });

  it('3.x: a user without REPOSITORY is told the GRANT', () => {
    const set = parseShowGrants([row("GRANT SELECT ON ALL TABLES IN ALL DATABASES TO USER 'ops'@'%'")]) as GrantSet;
    const check = checkPrivileges(set, backupNeeds(true, 'db', ['t']));
    assert.deepStrictEqual(check.status === 'missing' && check.missing.map((n) => grantFor(n, "'ops'@'%'")), [
      "GRANT REPOSITORY ON SYSTEM TO USER 'ops'@'%'",
      "GRANT EXPORT ON TABLE `db`.`t` TO USER 'ops'@'%'",
    ]);
  });

  it('3.x restore: CREATE DATABASE for a whole snapshot; CREATE TABLE and INSERT on overwritten tables with an ON list', () => {
    const set = parseShowGrants([
      row("GRANT REPOSITORY ON SYSTEM TO USER 'ops'@'%'"),
      row("GRANT CREATE TABLE ON DATABASE demo_sales TO USER 'ops'@'%'"),
      row("GRANT INSERT ON TABLE demo_sales.orders TO USER 'ops'@'%'"),
    ]) as GrantSet;
    assert.deepStrictEqual(checkPrivileges(set, restoreNeeds(true, 'demo_sales', true, ['orders'])), { status: 'ok' });
    const whole = checkPrivileges(set, restoreNeeds(true, 'demo_sales', false, []));
    assert.deepStrictEqual(whole.status === 'missing' && whole.missing.map((n) => grantFor(n, "'ops'@'%'")), [
      "GRANT CREATE DATABASE ON CATALOG default_catalog TO USER 'ops'@'%'",
    ]);
    const catalog = parseShowGrants([
      row("GRANT REPOSITORY ON SYSTEM TO USER 'ops'@'%'"),
      row("GRANT CREATE DATABASE ON CATALOG default_catalog TO USER 'ops'@'%'"),
    ]);
    assert.deepStrictEqual(checkPrivileges(catalog!, restoreNeeds(true, 'demo_sales', false, [])), { status: 'ok' });
  });

  it('a custom role whose grants were not read makes the answer unknown; read, it counts', () => {
    const set = parseShowGrants([row("GRANT 'backup_operator' TO 'ops'@'%'", null)]) as GrantSet;
    assert.deepStrictEqual(checkPrivileges(set, backupNeeds(true, 'db', ['t'])), {
      status: 'unknown',
      reason: 'roles',
      roles: ['backup_operator'],
    });
    const role = parseShowGrants([
      { RoleName: 'backup_operator', Catalog: 'default_catalog', Grants: "GRANT REPOSITORY ON SYSTEM TO ROLE 'backup_operator'" },
      {
        RoleName: 'backup_operator',
        Catalog: 'default_catalog',
        Grants: "GRANT EXPORT ON ALL TABLES IN DATABASE db TO ROLE 'backup_operator'",
      },
    ]) as GrantSet;
    assert.deepStrictEqual(checkPrivileges(set, backupNeeds(true, 'db', ['t']), new Map([['backup_operator', role]])), { status: 'ok' });
  });

  it('output of another shape is not guessed at', () => {
    assert.strictEqual(parseShowGrants([{ Something: 'else' }]), undefined);
    assert.strictEqual(parseShowGrants([row('REVOKE ALL FROM x')]), undefined);
  });
});
