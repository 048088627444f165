import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDocument } from '../../../src/language/diagnostics/analyze';
import { plainL10n } from '../../../src/language/l10n';
import { findProperty, parseStatement, type ParsedStatement } from '../../../src/language/parser';
import { documentStatements } from '../../../src/language/documentStatements';
import { validatePropertiesForStatement } from '../../../src/starrocks/validation';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';
import { expandSnippet } from './snippetExpansion';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

// Compiled tests run from out/test/unit/language; the snippet file stays at the project root.
const ROOT = path.resolve(__dirname, '../../../..');
const SNIPPET_FILE = path.join(ROOT, 'snippets', 'starrocks-backup.json');

function loadSnippets(): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(SNIPPET_FILE, 'utf8')) as Record<string, Snippet>;
}

/** The oldest version a snippet says it is for ("StarRocks 3.4+", "StarRocks 2.5 – 3.3"). */
function minimumVersion(s: Snippet): string {
  const m = /StarRocks (\d+\.\d+)/.exec(s.description);
  assert.ok(m, `description names a StarRocks version: ${s.description}`);
  return m[1];
}

interface Expanded {
  name: string;
  snippet: Snippet;
  sql: string;
  statement: ParsedStatement;
}

function expandAll(): Expanded[] {
  return Object.entries(loadSnippets()).map(([name, snippet]) => {
    const sql = expandSnippet(snippet.body);
    const statements = documentStatements(sql);
    assert.strictEqual(statements.length, 1, `${name} expands to one statement: ${sql}`);
    return { name, snippet, sql, statement: parseStatement(statements[0]) };
  });
}

const has = (p: ParsedStatement, key: string): boolean => findProperty(p, key) !== undefined;

/** Every statement of the spec, and the variants the issue asks for, as predicates over a parsed snippet. */
const REQUIRED: Record<string, (p: ParsedStatement) => boolean> = {
  'CREATE REPOSITORY with an instance profile': (p) =>
    p.kind === 'createRepository' && has(p, 'aws.s3.use_instance_profile') && !has(p, 'aws.s3.iam_role_arn'),
  'CREATE REPOSITORY with an assumed role': (p) => p.kind === 'createRepository' && has(p, 'aws.s3.iam_role_arn'),
  // The guide's IAM-user parameters start with "aws.s3.use_instance_profile" = "false".
  'CREATE REPOSITORY with access keys': (p) =>
    p.kind === 'createRepository' &&
    has(p, 'aws.s3.access_key') &&
    !has(p, 'aws.s3.endpoint') &&
    findProperty(p, 'aws.s3.use_instance_profile')?.value?.value === 'false',
  'CREATE REPOSITORY on an S3-compatible endpoint': (p) => p.kind === 'createRepository' && has(p, 'aws.s3.endpoint'),
  'BACKUP DATABASE (3.4+)': (p) => p.kind === 'backup' && !!p.database && !p.on,
  'BACKUP tables (3.4+)': (p) => p.kind === 'backup' && !!p.database && !!p.on?.objects.length && p.on.objects.every((o) => !o.partitions),
  'BACKUP partitions (3.4+)': (p) => p.kind === 'backup' && !!p.database && !!p.on?.objects.some((o) => o.partitions?.names.length),
  'BACKUP database (2.5)': (p) => p.kind === 'backup' && !p.database && !!p.snapshot?.qualifier && !p.on,
  'BACKUP tables (2.5)': (p) =>
    p.kind === 'backup' &&
    !p.database &&
    !!p.snapshot?.qualifier &&
    !!p.on?.objects.length &&
    p.on.objects.every((o) => !o.partitions && !o.typeKeyword),
  'BACKUP partitions (2.5)': (p) =>
    p.kind === 'backup' && !p.database && !!p.on?.objects.some((o) => o.partitions?.names.length && !o.typeKeyword),
  'BACKUP with ttl (4.2)': (p) => p.kind === 'backup' && has(p, 'ttl'),
  'RESTORE with every property': (p) =>
    p.kind === 'restore' && ['backup_timestamp', 'replication_num', 'allow_load', 'timeout'].every((k) => has(p, k)),
  'RESTORE table AS': (p) => p.kind === 'restore' && !!p.on?.objects.some((o) => o.alias?.name),
  'RESTORE DATABASE x AS y': (p) => p.kind === 'restore' && !!p.database?.alias,
  'RESTORE partitions': (p) => p.kind === 'restore' && !!p.on?.objects.some((o) => o.partitions?.names.length),
  'RESTORE (2.5)': (p) => p.kind === 'restore' && !p.database && !!p.snapshot?.qualifier,
  'SHOW SNAPSHOT': (p) => p.kind === 'showSnapshot' && !p.where,
  'SHOW SNAPSHOT details': (p) => p.kind === 'showSnapshot' && !!p.where?.snapshot && !!p.where.timestamp,
  'SHOW BACKUP': (p) => p.kind === 'showBackup',
  'SHOW RESTORE': (p) => p.kind === 'showRestore',
  'SHOW REPOSITORIES': (p) => p.kind === 'showRepositories',
  'CANCEL BACKUP': (p) => p.kind === 'cancelBackup' && !!p.fromDatabase,
  'CANCEL RESTORE': (p) => p.kind === 'cancelRestore' && !!p.fromDatabase,
  'DROP REPOSITORY': (p) => p.kind === 'dropRepository',
  'DROP SNAPSHOT': (p) => p.kind === 'dropSnapshot' && !p.force,
  'DROP SNAPSHOT FORCE': (p) => p.kind === 'dropSnapshot' && !!p.force,
};

describe('language/snippets', () => {
  it('is valid JSON with a prefix, body and description per snippet, all prefixes starting with sr-', () => {
    const snippets = loadSnippets();
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => /^sr-[a-z0-9.-]+$/.test(p)), `prefixes of ${name}`);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, `description of ${name}`);
      assert.ok(s.body.length > 0, `body of ${name}`);
    }
  });

  it('is registered for sql files in package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { snippets?: { language: string; path: string }[] };
    };
    const entry = manifest.contributes.snippets?.find((s) => s.language === 'sql');
    assert.ok(entry, 'contributes.snippets has an sql entry');
    assert.strictEqual(path.resolve(ROOT, entry.path), SNIPPET_FILE);
  });

  it('covers every statement of the spec', () => {
    const expanded = expandAll();
    const missing = Object.entries(REQUIRED)
      .filter(([, covers]) => !expanded.some((e) => covers(e.statement)))
      .map(([what]) => what);
    assert.deepStrictEqual(missing, []);
  });

  it('offers choices where the values are known', () => {
    for (const { name, snippet, statement } of expandAll()) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      if (has(statement, 'type')) assert.match(body, /"type" = "\$\{\d+\|FULL\|\}"/, name);
      if (has(statement, 'allow_load')) assert.match(body, /"allow_load" = "\$\{\d+\|false,true\|\}"/, name);
    }
  });

  it('expands, with every default taken, into statements the dialect validation accepts', () => {
    for (const { name, snippet, sql, statement } of expandAll()) {
      for (const version of [minimumVersion(snippet), '4.2']) {
        const caps = capabilitiesOf(parseServerVersion(version));
        // Information (a pre-3.4 BACKUP without ON fails only if the database holds a view) is no refusal.
        const issues = analyzeDocument(sql, { l10n: plainL10n, caps, version }).filter((i) => i.severity !== 'information');
        assert.deepStrictEqual(
          issues.map((i) => i.message),
          [],
          `${name} on ${version}:\n${sql}`,
        );
        const kind =
          statement.kind === 'backup'
            ? 'BACKUP'
            : statement.kind === 'restore'
              ? 'RESTORE'
              : statement.kind === 'createRepository'
                ? 'CREATE REPOSITORY'
                : undefined;
        if (kind) {
          const props = Object.fromEntries((statement.properties?.items ?? []).map((i) => [i.key.value, i.value?.value ?? '']));
          assert.deepStrictEqual(
            validatePropertiesForStatement(kind, props, caps, statement.location?.value),
            [],
            `${name} properties on ${version}`,
          );
        }
      }
    }
  });

  it('uses the version-specific forms only from their version on', () => {
    const byName = new Map(expandAll().map((e) => [e.name, e]));
    for (const [name, e] of byName) {
      const older = minimumVersion(e.snippet) === '2.5' ? undefined : '3.3';
      if (!older) continue;
      const issues = analyzeDocument(e.sql, { l10n: plainL10n, caps: capabilitiesOf(parseServerVersion(older)), version: older });
      assert.ok(issues.length > 0, `${name} is flagged on ${older}`);
    }
  });

  it('keeps secrets out of the file: access keys snippets use a secret reference for the secret key', () => {
    for (const { name, statement } of expandAll()) {
      const secret = findProperty(statement, 'aws.s3.secret_key');
      if (secret) assert.match(secret.value!.value, /^\$\{secret:backup_repo\/aws\.s3\.secret_key\}$/, name);
    }
  });
});

describe('language/snippetExpansion (test helper)', () => {
  it('expands placeholders, choices, mirrors, variables and escapes', () => {
    assert.strictEqual(
      expandSnippet('A ${1:db} ${2|x,y|} $1_${CURRENT_YEAR} \\${secret:${1}/k} ${3:outer ${4:inner}}$0'),
      'A db x db_2024 ${secret:db/k} outer inner',
    );
  });
});
