import * as assert from 'assert';
import { analyzeDocument } from '../../../src/language/diagnostics/analyze';
import type { AnalysisEnv, LanguageIssue, QuickFix, TextEdit } from '../../../src/language/diagnostics/types';
import { plainL10n } from '../../../src/language/l10n';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

const noServer: AnalysisEnv = { l10n: plainL10n };
const server = (v: string): AnalysisEnv => ({ l10n: plainL10n, caps: capabilitiesOf(parseServerVersion(v)), version: v });

function issues(sql: string, env: AnalysisEnv = noServer): LanguageIssue[] {
  return analyzeDocument(sql, env);
}

function only(sql: string, code: LanguageIssue['code'], env: AnalysisEnv = noServer): LanguageIssue {
  const found = issues(sql, env);
  const matching = found.filter((i) => i.code === code);
  assert.strictEqual(matching.length, 1, `one ${code} issue in ${sql}, got ${JSON.stringify(found.map((i) => [i.code, i.message]))}`);
  return matching[0];
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

function applyFix(sql: string, fix: QuickFix | undefined): string {
  assert.ok(fix && fix.kind === 'edit', 'an edit fix');
  return applyEdits(sql, fix.edits);
}

const RESTORE_OK = 'RESTORE SNAPSHOT l FROM r PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678")';

describe('language/diagnostics', () => {
  it('an unquoted label after SHOW SNAPSHOT … WHERE SNAPSHOT = is an error whose fix quotes it', () => {
    const sql = 'SHOW SNAPSHOT ON r WHERE SNAPSHOT = snap_1 AND TIMESTAMP = "2024-01-02-03-04-05-678"';
    const issue = only(sql, 'snapshotLabelQuote');
    assert.strictEqual(sql.slice(issue.start, issue.end), 'snap_1');
    assert.strictEqual(issue.severity, 'error');
    assert.strictEqual(
      applyFix(sql, issue.fix),
      'SHOW SNAPSHOT ON r WHERE SNAPSHOT = \'snap_1\' AND TIMESTAMP = "2024-01-02-03-04-05-678"',
    );
    assert.strictEqual(
      applyFix("SHOW SNAPSHOT ON r WHERE SNAPSHOT = `it's`", only("SHOW SNAPSHOT ON r WHERE SNAPSHOT = `it's`", 'snapshotLabelQuote').fix),
      "SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'it\\'s'",
    );
    assert.deepStrictEqual(issues("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'snap_1'"), []);
  });

  it('an instance profile or assumed role without aws.s3.region is flagged; keys, endpoints and a region are not', () => {
    const profile = 'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.use_instance_profile" = "true")';
    const issue = only(profile, 'missingRegion');
    assert.match(issue.message, /instance profile needs "aws.s3.region"/);
    assert.strictEqual(profile.slice(issue.start, issue.end), '"aws.s3.use_instance_profile" = "true"');
    const role =
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.use_instance_profile" = "TRUE", "aws.s3.iam_role_arn" = "arn:aws:iam::123456789012:role/x")';
    assert.match(only(role, 'missingRegion').message, /assumed role needs "aws.s3.region"/);
    for (const fine of [
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-west-2")',
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.use_instance_profile" = "false", "aws.s3.access_key" = "a", "aws.s3.secret_key" = "b", "aws.s3.region" = "us-west-2")',
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "hdfs://nn/p" PROPERTIES ("aws.s3.use_instance_profile" = "true")',
    ]) {
      assert.deepStrictEqual(
        issues(fine).filter((i) => i.code === 'missingRegion'),
        [],
        fine,
      );
    }
  });

  it('a MATERIALIZED VIEW in a BACKUP ON list gets a hint on what is backed up of it', () => {
    const sql = 'BACKUP DATABASE d SNAPSHOT l TO r ON (TABLE t, MATERIALIZED VIEW mv1, ALL MATERIALIZED VIEWS)';
    const found = issues(sql, server('3.4.1')).filter((i) => i.code === 'materializedView');
    assert.deepStrictEqual(
      found.map((i) => [sql.slice(i.start, i.end), i.severity]),
      [
        ['MATERIALIZED VIEW', 'information'],
        ['ALL MATERIALIZED VIEWS', 'information'],
      ],
    );
    assert.match(found[0].message, /only their physical tables/);
    assert.deepStrictEqual(
      issues(
        'RESTORE SNAPSHOT l FROM r ON (MATERIALIZED VIEW mv1) PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05")',
        server('3.4.1'),
      ).filter((i) => i.code === 'materializedView'),
      [],
    );
  });

  it('finds nothing in correct statements of every kind', () => {
    const sql = [
      'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/backups" PROPERTIES ("aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-east-1")',
      'BACKUP DATABASE d SNAPSHOT l TO r ON (TABLE t PARTITION (p1, p2)) PROPERTIES ("type" = "FULL", "timeout" = "3600")',
      'BACKUP SNAPSHOT d.l TO r ON (t1, t2)',
      RESTORE_OK,
      'RESTORE SNAPSHOT l FROM r DATABASE d AS d2 ON (t AS t_copy) PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05", "allow_load" = "TRUE", "replication_num" = "1")',
      "SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'l'",
      'SHOW REPOSITORIES',
      'SHOW BACKUP FROM d',
      'CANCEL RESTORE FROM d',
      'DROP REPOSITORY r',
      'DROP SNAPSHOT l ON r',
      'SELECT 1',
    ].join(';\n');
    assert.deepStrictEqual(
      issues(sql, server('4.2.0')).map((i) => i.message),
      [],
    );
    assert.deepStrictEqual(
      issues(sql).map((i) => i.message),
      [],
    );
  });

  describe('s3:// locations', () => {
    it('warns and replaces the scheme only', () => {
      const sql =
        "CREATE REPOSITORY r WITH BROKER ON LOCATION 's3://bucket/p' PROPERTIES ('aws.s3.use_instance_profile' = 'true', 'aws.s3.region' = 'us-west-2')";
      const issue = only(sql, 's3Scheme');
      assert.strictEqual(sql.slice(issue.start, issue.end), "'s3://bucket/p'");
      assert.strictEqual(issue.severity, 'warning');
      assert.strictEqual(applyFix(sql, issue.fix), sql.replace('s3://', 's3a://'));
      assert.strictEqual(issues(applyFix(sql, issue.fix)).length, 0);
    });
    it('reports an invalid location with the dialect message', () => {
      const issue = only(
        'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://" PROPERTIES ("aws.s3.use_instance_profile" = "true")',
        'location',
      );
      assert.match(issue.message, /has no bucket/);
    });
  });

  describe('property keys', () => {
    it('reports an unknown BACKUP key with the server message and fixes it to the closest key', () => {
      const sql = 'BACKUP SNAPSHOT d.l TO r PROPERTIES ("timout" = "3600")';
      const issue = only(sql, 'unknownProperty');
      assert.strictEqual(issue.message, 'Unknown backup job properties: [timout]');
      assert.strictEqual(sql.slice(issue.start, issue.end), '"timout"');
      assert.strictEqual(applyFix(sql, issue.fix), sql.replace('timout', 'timeout'));
    });
    it('fixes a key in the wrong case (keys are case-sensitive) and keeps the quote style', () => {
      const sql = "RESTORE SNAPSHOT l FROM r PROPERTIES ('backup_timestamp' = '2024-01-02-03-04-05-678', 'ALLOW_LOAD' = 'true')";
      const issue = only(sql, 'unknownProperty');
      assert.strictEqual(issue.message, 'Unknown restore job properties: [ALLOW_LOAD]');
      assert.strictEqual(applyFix(sql, issue.fix), sql.replace("'ALLOW_LOAD'", "'allow_load'"));
    });
    it('offers no fix for a key nothing resembles', () => {
      assert.strictEqual(only('BACKUP SNAPSHOT d.l TO r PROPERTIES ("colour" = "blue")', 'unknownProperty').fix, undefined);
    });
    it('warns about a repository key one typo from a known one, and lets pass-through keys be', () => {
      const sql =
        'CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.use_instance_profile" = "true", "aws.s3.regoin" = "us-east-1", "hadoop.security.authentication" = "simple")';
      const issue = only(sql, 'unknownProperty');
      assert.strictEqual(issue.severity, 'warning');
      assert.strictEqual(applyFix(sql, issue.fix), sql.replace('regoin', 'region'));
    });
  });

  describe('property values', () => {
    it('reports a timeout under 10 minutes and fixes it to 600', () => {
      const sql = 'BACKUP SNAPSHOT d.l TO r PROPERTIES ("timeout" = "60")';
      const issue = only(sql, 'timeoutTooLow');
      assert.strictEqual(issue.message, 'timeout must be at least 10 min');
      assert.strictEqual(sql.slice(issue.start, issue.end), '"60"');
      assert.strictEqual(applyFix(sql, issue.fix), sql.replace('"60"', '"600"'));
      assert.strictEqual(issues(applyFix(sql, issue.fix)).length, 0);
    });
    it('reports bad values on the value with the server message', () => {
      const sql =
        'RESTORE SNAPSHOT l FROM r PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678", "allow_load" = "yes", "timeout" = "ten")';
      const found = issues(sql);
      assert.deepStrictEqual(
        found.map((i) => [i.code, i.message, sql.slice(i.start, i.end)]),
        [
          ['propertyValue', 'Invalid allow load value: yes', '"yes"'],
          ['propertyValue', 'Invalid timeout format: ten', '"ten"'],
        ],
      );
      assert.strictEqual(
        only('BACKUP SNAPSHOT d.l TO r PROPERTIES ("type" = "INCREMENTAL")', 'propertyValue').message,
        'Currently does not support incremental backup',
      );
    });
  });

  describe('missing backup_timestamp', () => {
    it('inserts the property first in an existing PROPERTIES clause', () => {
      const sql = "RESTORE SNAPSHOT demo_sales_base FROM demo_repo PROPERTIES ('allow_load' = 'true')";
      const issue = only(sql, 'missingBackupTimestamp');
      assert.strictEqual(issue.message, 'Missing backup_timestamp property');
      assert.strictEqual(sql.slice(issue.start, issue.end), 'RESTORE SNAPSHOT demo_sales_base');
      const fix = issue.fix;
      assert.ok(fix && fix.kind === 'insertBackupTimestamp');
      assert.strictEqual(fix.label, 'demo_sales_base');
      assert.strictEqual(fix.repository, 'demo_repo');
      const fixed = sql.slice(0, fix.at) + fix.before + '2024-01-02-03-04-05-678' + fix.after + sql.slice(fix.at);
      assert.strictEqual(
        fixed,
        "RESTORE SNAPSHOT demo_sales_base FROM demo_repo PROPERTIES ('backup_timestamp' = '2024-01-02-03-04-05-678', 'allow_load' = 'true')",
      );
      assert.strictEqual(issues(fixed).length, 0);
    });
    it('adds a PROPERTIES clause when there is none', () => {
      const sql = 'RESTORE SNAPSHOT l FROM r ON (t)';
      const fix = only(sql, 'missingBackupTimestamp').fix;
      assert.ok(fix && fix.kind === 'insertBackupTimestamp');
      assert.strictEqual(
        sql.slice(0, fix.at) + fix.before + 'T' + fix.after + sql.slice(fix.at),
        'RESTORE SNAPSHOT l FROM r ON (t) PROPERTIES ("backup_timestamp" = "T")',
      );
    });
    it('is quiet while the property is being typed', () => {
      assert.deepStrictEqual(issues('RESTORE SNAPSHOT l FROM r PROPERTIES ("backup_timestamp" = '), []);
    });
  });

  describe('the ON list', () => {
    it('reports an alias in BACKUP and removes it', () => {
      const sql = 'BACKUP SNAPSHOT d.l TO r ON (orders AS o2, customers)';
      const issue = only(sql, 'backupAlias');
      assert.strictEqual(issue.message, 'Can not set alias for table in Backup Stmt: orders AS o2');
      assert.strictEqual(sql.slice(issue.start, issue.end), 'AS o2');
      assert.strictEqual(applyFix(sql, issue.fix), 'BACKUP SNAPSHOT d.l TO r ON (orders, customers)');
    });
    it('reports a duplicated table on its second occurrence', () => {
      const sql = 'RESTORE SNAPSHOT l FROM r ON (orders, ORDERS) PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678")';
      const issue = only(sql, 'tables');
      assert.strictEqual(issue.message, 'Duplicated table: ORDERS');
      assert.strictEqual(sql.slice(issue.start, issue.end), 'ORDERS');
    });
    it('reports a clashing alias in RESTORE', () => {
      const sql = 'RESTORE SNAPSHOT l FROM r ON (a AS b, b) PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678")';
      const issue = only(sql, 'tables');
      assert.strictEqual(issue.message, 'Duplicated alias name: b');
      assert.strictEqual(sql.slice(issue.start, issue.end), 'b', 'on the entry that makes the clash');
    });
    it('reports temporary partitions with the server message', () => {
      const issue = only('BACKUP SNAPSHOT d.l TO r ON (t TEMPORARY PARTITION (tp))', 'tables');
      assert.strictEqual(issue.message, 'Do not support backing up temp partitions');
    });
  });

  describe('server versions', () => {
    it('says nothing about versions without a known server', () => {
      assert.deepStrictEqual(
        issues('BACKUP DATABASE d SNAPSHOT l TO r PROPERTIES ("ttl" = "7 DAY"); DROP SNAPSHOT l ON r; SHOW BACKUP LIMIT 1'),
        [],
      );
    });
    it('reports the 3.4 forms on a 3.3 server, with a fix to the 2.x form', () => {
      const sql = 'BACKUP DATABASE demo_sales SNAPSHOT l TO r ON (TABLE orders)';
      const found = issues(sql, server('3.3.2')).filter((i) => i.code === 'version');
      assert.strictEqual(found.length, 2);
      assert.strictEqual(found[0].message, 'DATABASE … needs StarRocks 3.4 or later; the connection of this editor runs 3.3.2.');
      const fixed = applyFix(applyFix(sql, found[1].fix), found[0].fix);
      assert.strictEqual(applyFix(sql, found[0].fix), 'BACKUP SNAPSHOT demo_sales.l TO r ON (TABLE orders)');
      assert.strictEqual(fixed, 'BACKUP SNAPSHOT demo_sales.l TO r ON (orders)');
      assert.deepStrictEqual(issues(fixed, server('3.3.2')), []);
      const restore = 'RESTORE SNAPSHOT l FROM r DATABASE a AS b PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678")';
      assert.strictEqual(
        applyFix(restore, only(restore, 'version', server('2.5.0')).fix),
        'RESTORE SNAPSHOT b.l FROM r PROPERTIES ("backup_timestamp" = "2024-01-02-03-04-05-678")',
      );
      assert.strictEqual(only('CANCEL BACKUP FOR EXTERNAL CATALOG', 'version', server('3.3.0')).code, 'version');
    });
    it('says before 3.4 that a BACKUP without ON fails on a database with views, with a fix that lists its tables', () => {
      const sql = 'BACKUP SNAPSHOT shop.l TO r PROPERTIES ("timeout" = "3600")';
      const issue = only(sql, 'version', server('3.3.9'));
      assert.strictEqual(issue.severity, 'information');
      assert.strictEqual(
        issue.message,
        'StarRocks 3.3.9 cannot back up views (3.4 can): a BACKUP without ON includes every view of the database and then fails on it.',
      );
      assert.deepStrictEqual(issue.fix, { kind: 'listBackupTables', database: 'shop', at: sql.indexOf(' PROPERTIES') });
      assert.deepStrictEqual(only('BACKUP SNAPSHOT l TO r', 'version', server('2.5.22')).fix, {
        kind: 'listBackupTables',
        database: undefined,
        at: 'BACKUP SNAPSHOT l TO r'.length,
      });
      assert.deepStrictEqual(issues('BACKUP SNAPSHOT shop.l TO r ON (orders)', server('3.3.9')), []);
      assert.deepStrictEqual(issues('BACKUP DATABASE shop SNAPSHOT l TO r', server('3.4.1')), []);
    });
    it('reports DROP SNAPSHOT, ttl and SHOW … LIMIT before 4.2', () => {
      assert.match(only('DROP SNAPSHOT l ON r', 'version', server('4.0.1')).message, /^DROP SNAPSHOT needs StarRocks 4.2 or later/);
      const ttl = only('BACKUP SNAPSHOT d.l TO r PROPERTIES ("ttl" = "7 DAY")', 'version', server('3.4.0'));
      assert.strictEqual(ttl.message, 'Unknown backup job properties: [ttl]');
      assert.strictEqual(ttl.fix, undefined);
      assert.match(only('SHOW SNAPSHOT ON r LIMIT 3', 'version', server('3.3.0')).message, /ORDER BY \/ LIMIT/);
      assert.deepStrictEqual(
        issues('SHOW SNAPSHOT ON r LIMIT 3; DROP SNAPSHOT l ON r; BACKUP SNAPSHOT d.l TO r PROPERTIES ("ttl" = "7 DAY")', server('4.2.0')),
        [],
      );
    });
    it('reports a CREATE REPOSITORY without PROPERTIES before 3.4', () => {
      const sql = 'CREATE REPOSITORY r WITH BROKER ON LOCATION "hdfs://nn:8020/backups"';
      assert.match(only(sql, 'propertyValue', server('3.3.0')).message, /needs a PROPERTIES clause/);
      assert.deepStrictEqual(issues(sql, server('3.4.0')), []);
    });
  });

  describe('clear-text secrets', () => {
    it('warns on the value without quoting it, and offers to move it', () => {
      const sql =
        'CREATE REPOSITORY my_repo WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.access_key" = "AKIA123", "aws.s3.secret_key" = "s3cr3t/value", "aws.s3.region" = "us-east-1")';
      const issue = only(sql, 'clearSecret');
      assert.strictEqual(sql.slice(issue.start, issue.end), '"s3cr3t/value"');
      assert.ok(!issue.message.includes('s3cr3t') && !(issue.hint ?? '').includes('s3cr3t'));
      assert.deepStrictEqual(issue.fix, {
        kind: 'moveSecret',
        repository: 'my_repo',
        key: 'aws.s3.secret_key',
        value: { start: issue.start, end: issue.end },
      });
    });
    it('accepts a secret reference', () => {
      assert.deepStrictEqual(
        issues(
          'CREATE REPOSITORY my_repo WITH BROKER ON LOCATION "s3a://bucket/p" PROPERTIES ("aws.s3.access_key" = "AKIA123", "aws.s3.secret_key" = "${secret:my_repo/aws.s3.secret_key}")',
        ),
        [],
      );
    });
  });

  describe('statement shapes', () => {
    it('reports DATABASE with a qualified label and removes the qualifier', () => {
      const sql = 'BACKUP DATABASE d SNAPSHOT d.l TO r';
      const issue = only(sql, 'statement');
      assert.strictEqual(applyFix(sql, issue.fix), 'BACKUP DATABASE d SNAPSHOT l TO r');
    });
    it('reports CANCEL without FROM and a TIMESTAMP-only SHOW SNAPSHOT filter', () => {
      assert.match(only('CANCEL BACKUP', 'statement').message, /CANCEL BACKUP FROM <database>/);
      assert.match(
        only("SHOW SNAPSHOT ON r WHERE TIMESTAMP = '2024-01-02-03-04-05-678'", 'statement').message,
        /^Where clause should looks like/,
      );
    });
  });

  it('places issues in the right statement of a multi-statement document', () => {
    const sql = `${RESTORE_OK};\n-- comment; with semicolon\nBACKUP SNAPSHOT d.l TO r PROPERTIES ("timeout" = "5");`;
    const issue = only(sql, 'timeoutTooLow');
    assert.strictEqual(sql.slice(issue.start, issue.end), '"5"');
  });
});
