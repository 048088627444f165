/**
 * The wire protocol: authentication (native and clear-text passwords, 1045 on a wrong one), what
 * clients send on connect, multi-statements, syntax errors, the mariadb CLI, dropped connections,
 * slow statements, statement statistics and the switch that rejects SHOW BACKUP / RESTORE without FROM.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { columns, connect, expectError, rows, sqlError } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

const MARIADB = ['/usr/bin/mariadb', '/usr/local/bin/mariadb'].find((p) => existsSync(p));

describe('sandbox: connections and the wire protocol', function () {
  this.timeout(30_000);
  const suite = useSandbox({
    users: [
      { user: 'ldap_user', password: 'ldap-secret', authPlugin: 'mysql_clear_password', privileges: [] },
      { user: 'viewer', password: 'viewer-pw', privileges: [] },
    ],
  });

  it('rejects a wrong password with 1045 and the MySQL text', async () => {
    await assert.rejects(connect(suite.sandbox.info, { password: 'wrong' }), (e: { errno: number; sqlState: string; message: string }) => {
      assert.equal(e.errno, 1045);
      assert.equal(e.sqlState, '28000');
      assert.equal(e.message, "Access denied for user 'root'@'127.0.0.1' (using password: YES)");
      return true;
    });
    await assert.rejects(
      connect(suite.sandbox.info, { user: 'nobody', password: '' }),
      /Access denied for user 'nobody'@'127\.0\.0\.1' \(using password: NO\)/,
    );
  });

  it('authenticates an LDAP-style user with mysql_clear_password', async () => {
    const clear = (password: string) => ({ mysql_clear_password: () => () => Buffer.from(`${password}\0`) });
    const ldap = await connect(suite.sandbox.info, { user: 'ldap_user', password: 'ldap-secret', authPlugins: clear('ldap-secret') });
    assert.deepEqual(await rows(ldap, 'SELECT current_user() AS u'), [{ u: "'ldap_user'@'%'" }]);
    await ldap.end();
    await assert.rejects(
      connect(suite.sandbox.info, { user: 'ldap_user', password: 'nope', authPlugins: clear('nope') }),
      /Access denied for user 'ldap_user'/,
    );
  });

  it('answers what clients ask on connect', async () => {
    const [row] = await rows(
      suite.conn,
      'SELECT @@version_comment, @@version, @@max_allowed_packet, @@session.tx_isolation, current_version(), 1',
    );
    assert.equal(row['@@version_comment'], 'StarRocks version 3.4.1-sandbox');
    assert.equal(row['@@version'], '5.1.0');
    assert.equal(row['@@max_allowed_packet'], 33554432);
    assert.equal(row['@@session.tx_isolation'], 'REPEATABLE-READ');
    assert.equal(row['current_version()'], '3.4.1-sandbox');
    assert.equal(row['1'], 1);
    await suite.conn.query('SET NAMES utf8mb4');
    await suite.conn.query("SET SESSION query_timeout = 600, @x = 'y'");
    assert.deepEqual(await rows(suite.conn, 'SELECT @x AS x'), [{ x: 'y' }]);
    assert.deepEqual(await rows(suite.conn, "SHOW VARIABLES LIKE 'query_timeout'"), [{ Variable_name: 'query_timeout', Value: '600' }]);
    assert.deepEqual(await rows(suite.conn, 'SELECT @@version_comment LIMIT 1'), [
      { '@@version_comment': 'StarRocks version 3.4.1-sandbox' },
    ]);
    await expectError(suite.conn, 'SELECT @@no_such_variable', "Unknown system variable 'no_such_variable'", 1193);
  });

  it('runs several statements in one query when the client allows it', async () => {
    const multi = await connect(suite.sandbox.info, { multipleStatements: true });
    const [results] = await multi.query('SELECT 1 AS a; SHOW DATABASES; SELECT 2 AS b');
    const sets = results as unknown as Record<string, unknown>[][];
    assert.equal(sets.length, 3);
    assert.deepEqual(sets[0], [{ a: 1 }]);
    assert.ok(sets[1].some((r) => r.Database === 'demo_sales'));
    assert.deepEqual(sets[2], [{ b: 2 }]);
    await multi.end();
  });

  it('reports syntax errors as the FE parser does', async () => {
    await expectError(
      suite.conn,
      'SELEC 1',
      "Getting syntax error at line 1, column 0. Detail message: Unexpected input 'SELEC', the most similar input is {'SELECT', 'SHOW', 'CREATE', 'DROP', 'BACKUP', 'RESTORE', 'CANCEL', 'INSERT', 'USE', 'SET'}.",
      1064,
      '42000',
    );
    await expectError(
      suite.conn,
      'SHOW REPOSITORIES extra',
      "Getting syntax error at line 1, column 18. Detail message: Input 'extra' is not valid at this position.",
      1064,
      '42000',
    );
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT demo_sales.x\n  TO',
      /^Getting syntax error at line 2, column 4\. Detail message: Unexpected input '<EOF>', the most similar input is \{a legal identifier\}\.$/,
    );
    const e = await sqlError(suite.conn, "SELECT 'unterminated");
    assert.equal(e.errno, 1064);
  });

  it('parses quoted identifiers and string escapes', async () => {
    await suite.conn.query('CREATE DATABASE `we``ird`');
    await suite.conn.query('CREATE TABLE `we``ird`.`t 1` (`k` INT, `v` VARCHAR(20)) DUPLICATE KEY(`k`) DISTRIBUTED BY HASH(`k`) BUCKETS 1');
    await suite.conn.query("INSERT INTO `we``ird`.`t 1` VALUES (1, 'it''s'), (2, 'back\\\\slash'), (3, \"dq\")");
    assert.deepEqual(await rows(suite.conn, 'SELECT v FROM `we``ird`.`t 1` ORDER BY k'), [
      { v: "it's" },
      { v: 'back\\slash' },
      { v: 'dq' },
    ]);
    assert.deepEqual(await columns(suite.conn, 'SHOW TABLES FROM `we``ird`'), ['Tables_in_we`ird']);
    await suite.conn.query('DROP DATABASE `we``ird`');
  });

  it('is reachable from the mariadb command-line client', async function () {
    if (!MARIADB) {
      this.skip();
      return;
    }
    const { info } = suite.sandbox;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        MARIADB,
        [
          `-h${info.host}`,
          `-P${info.port}`,
          `-u${info.user}`,
          `-p${info.password}`,
          '--skip-ssl',
          '-e',
          'SHOW REPOSITORIES; SHOW SNAPSHOT ON demo_repo',
        ],
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const lines = output.trim().split('\n');
    assert.equal(lines[0], 'RepoId\tRepoName\tCreateTime\tIsReadOnly\tLocation\tBroker\tErrMsg');
    assert.match(lines[1], /^\d+\tdemo_repo\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\tfalse\ts3a:\/\/starrocks-backups\/demo\tNULL\tNULL$/);
    assert.equal(lines[2], 'Snapshot\tTimestamp\tStatus');
    assert.match(lines[3], /^demo_sales_base\t\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-\d{3}\tOK$/);
    assert.match(lines[4], /^demo_sales_orders\t\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-\d{3}\tOK$/);
  });

  it('drops every connection on request; new connections work', async () => {
    const victim = await connect(suite.sandbox.info);
    const closed = new Promise<void>((resolve) => victim.on('error', () => resolve()));
    assert.ok((await suite.sandbox.control.dropConnections()) >= 2);
    await closed;
    await assert.rejects(victim.query('SELECT 1'));
    suite.conn = await connect(suite.sandbox.info);
    assert.deepEqual(await rows(suite.conn, 'SELECT 1 AS one'), [{ one: 1 }]);
  });

  it('delays statements that match a slow pattern, and only those', async () => {
    // Order of completion, not wall-clock limits: a slow statement is overtaken by a normal one.
    const other = await connect(suite.sandbox.info);
    const race = async (first: () => Promise<unknown>, second: () => Promise<unknown>) => {
      const order: string[] = [];
      await Promise.all([first().then(() => order.push('first')), second().then(() => order.push('second'))]);
      return order;
    };
    await suite.sandbox.control.slowStatements(/SHOW REPOSITORIES/i, 400);
    const started = Date.now();
    assert.deepEqual(
      await race(
        () => suite.conn.query('SHOW REPOSITORIES'),
        () => other.query('SHOW DATABASES'),
      ),
      ['second', 'first'],
    );
    assert.ok(Date.now() - started >= 400, 'the slow statement waited its delay');
    await suite.sandbox.control.slowStatements('show repositories', 0);
    await suite.sandbox.control.slowStatements('^SELECT 42', 400);
    assert.deepEqual(
      await race(
        () => suite.conn.query('SHOW REPOSITORIES'),
        () => other.query('SELECT 42'),
      ),
      ['first', 'second'],
    );
    await suite.sandbox.control.slowStatements('^SELECT 42', 0);
    await other.end();
  });

  it('fails statements that match a failing pattern with the FE error asked for, and only those, until removed', async () => {
    const control = suite.sandbox.control;
    await control.failStatements(/^SHOW TABLES/i, {
      kind: 'accessDenied',
      message: 'Access denied; you need (at least one of) the SELECT privilege(s) on DATABASE demo_sales for this operation.',
    });
    await control.failStatements('^show snapshot', { message: 'Repository storage is unreachable' });
    try {
      await control.resetStats();
      await expectError(suite.conn, 'SHOW TABLES FROM demo_sales', /^Access denied; you need .* SELECT privilege/, 5203, '42000');
      await expectError(suite.conn, 'SHOW SNAPSHOT ON demo_repo', 'Repository storage is unreachable', 5064, '42000');
      assert.ok((await rows(suite.conn, 'SHOW DATABASES')).length > 0, 'other statements still answer');
      const log = await control.statementLog();
      assert.deepEqual(
        log.map((e) => [e.kind, e.error?.split(':')[0]]),
        [
          ['SHOW TABLES', '5203'],
          ['SHOW SNAPSHOT', '5064'],
          ['SHOW DATABASES', undefined],
        ],
      );
    } finally {
      await control.failStatements(/^SHOW TABLES/i, undefined);
      await control.failStatements('^SHOW SNAPSHOT', undefined);
    }
    assert.ok((await rows(suite.conn, 'SHOW TABLES FROM demo_sales')).length > 0, 'removed, the statement answers again');
  });

  it('lists the statements a slow rule is holding back, while it holds them', async () => {
    assert.deepEqual(await suite.sandbox.control.heldStatements(), []);
    await suite.sandbox.control.slowStatements('^SELECT 43', 1_500);
    const held = suite.conn.query('SELECT 43');
    for (let i = 0; i < 100 && (await suite.sandbox.control.heldStatements()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(await suite.sandbox.control.heldStatements(), ['SELECT 43']);
    await held;
    assert.deepEqual(await suite.sandbox.control.heldStatements(), [], 'answered, no longer held');
    await suite.sandbox.control.slowStatements('^SELECT 43', 0);
  });

  it('counts statements per kind and logs them', async () => {
    await suite.sandbox.control.resetStats();
    await suite.conn.query('SHOW BACKUP FROM demo_sales');
    await suite.conn.query('SHOW BACKUP');
    await suite.conn.query('SHOW RESTORE');
    await sqlError(suite.conn, 'SHOW BACKUP FROM no_such_db');
    await sqlError(suite.conn, 'NOT SQL');
    const stats = await suite.sandbox.control.stats();
    assert.equal(stats.statements, 5);
    assert.equal(stats.byKind['SHOW BACKUP'], 3);
    assert.equal(stats.byKind['SHOW RESTORE'], 1);
    assert.equal(stats.byKind['SYNTAX ERROR'], 1);
    assert.equal(stats.errors, 2);
    const log = await suite.sandbox.control.statementLog();
    assert.deepEqual(
      log.map((e) => e.sql),
      ['SHOW BACKUP FROM demo_sales', 'SHOW BACKUP', 'SHOW RESTORE', 'SHOW BACKUP FROM no_such_db', 'NOT SQL'],
    );
    assert.match(log[3].error ?? '', /^5501: Getting analyzing error\. Detail message: Unknown database 'no_such_db'\.$/);
    assert.equal(log[0].user, 'root');
  });

  it('rejects SHOW BACKUP / RESTORE without FROM while the bare-form switch is on, and only those', async () => {
    const control = suite.sandbox.control;
    await control.rejectBareShowJobs(true);
    try {
      await control.resetStats();
      const eof = (column: number) =>
        `Getting syntax error at line 1, column ${column}. Detail message: Unexpected input '<EOF>', the most similar input is {'FROM', 'IN'}.`;
      await expectError(suite.conn, 'SHOW BACKUP', eof(11), 1064, '42000');
      await expectError(suite.conn, 'SHOW RESTORE', eof(12), 1064, '42000');
      await expectError(
        suite.conn,
        "SHOW RESTORE WHERE Label = 'x'",
        "Getting syntax error at line 1, column 13. Detail message: Unexpected input 'WHERE', the most similar input is {'FROM', 'IN'}.",
        1064,
        '42000',
      );
      // The per-database form, and everything else, still answers.
      assert.equal((await rows(suite.conn, 'SHOW BACKUP FROM demo_sales'))[0]?.DbName, 'demo_sales');
      assert.ok(Array.isArray(await rows(suite.conn, 'SHOW RESTORE IN demo_ops')));
      assert.equal((await rows(suite.conn, 'SHOW REPOSITORIES')).length, 1);
      const log = await control.statementLog();
      assert.deepEqual(
        log.map((e) => [e.kind, e.error?.split(':')[0]]),
        [
          ['SYNTAX ERROR', '1064'],
          ['SYNTAX ERROR', '1064'],
          ['SYNTAX ERROR', '1064'],
          ['SHOW BACKUP', undefined],
          ['SHOW RESTORE', undefined],
          ['SHOW REPOSITORIES', undefined],
        ],
      );
    } finally {
      await control.rejectBareShowJobs(false);
    }
    assert.ok((await rows(suite.conn, 'SHOW BACKUP')).length >= 1, 'switched off, the bare form answers again');
  });

  it('enforces privileges for a user without grants, and GRANT lifts them', async () => {
    const viewer = await connect(suite.sandbox.info, { user: 'viewer', password: 'viewer-pw' });
    assert.ok((await rows(viewer, 'SHOW REPOSITORIES')).length === 1, 'SHOW REPOSITORIES needs no privilege');
    const denied = (priv: string, on: string) =>
      `Access denied; you need (at least one of) the ${priv} privilege(s) on ${on} for this operation. Please ask the admin to grant permission(s) or try activating existing roles using <set [default] role>. Current role(s): NONE. Inactivated role(s): NONE.`;
    await expectError(viewer, 'SHOW SNAPSHOT ON demo_repo', denied('REPOSITORY', 'SYSTEM'), 5203, '42000');
    await expectError(viewer, 'BACKUP DATABASE demo_sales SNAPSHOT v1 TO demo_repo', denied('REPOSITORY', 'SYSTEM'), 5203);
    await suite.conn.query("GRANT REPOSITORY ON SYSTEM TO USER 'viewer'");
    assert.equal((await rows(viewer, 'SHOW SNAPSHOT ON demo_repo')).length, 2);
    await expectError(
      viewer,
      'BACKUP DATABASE demo_sales SNAPSHOT v1 TO demo_repo ON (TABLE orders)',
      denied('EXPORT', 'TABLE orders'),
      5203,
    );
    await expectError(
      viewer,
      "RESTORE SNAPSHOT demo_sales_base FROM demo_repo DATABASE demo_sales PROPERTIES ('backup_timestamp' = 'x')",
      denied('CREATE DATABASE', 'CATALOG default_catalog'),
    );
    // SHOW BACKUP hides jobs on tables the user may not EXPORT.
    assert.deepEqual(await rows(viewer, 'SHOW BACKUP FROM demo_sales'), []);
    await suite.conn.query("GRANT EXPORT ON ALL TABLES IN DATABASE demo_sales TO USER 'viewer'");
    assert.deepEqual(
      (await rows(viewer, 'SHOW BACKUP FROM demo_sales')).map((r) => r.SnapshotName),
      ['demo_sales_orders'],
    );
    assert.deepEqual(
      (await rows(viewer, 'SHOW GRANTS')).map((r) => r.Grants),
      ["GRANT REPOSITORY ON SYSTEM TO USER 'viewer'@'%'", "GRANT EXPORT ON ALL TABLES IN DATABASE demo_sales TO USER 'viewer'@'%'"],
    );
    await viewer.end();
  });
});
