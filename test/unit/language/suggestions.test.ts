import * as assert from 'assert';
import { suggest, type NameSource, type Suggestion } from '../../../src/language/completion/suggestions';
import { cursorContext } from '../../../src/language/cursorContext';
import { plainL10n } from '../../../src/language/l10n';
import type { SnapshotDetail, SnapshotSummary } from '../../../src/starrocks/models';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

const SNAPSHOTS: SnapshotSummary[] = [
  { label: 'demo_sales_orders', timestamps: ['2024-02-01-00-00-00-000'], invalidFiles: [], status: 'OK', statusText: 'OK' },
  {
    label: 'demo_sales_base',
    timestamps: ['2024-01-03-00-00-00-000', '2024-01-01-00-00-00-000'],
    invalidFiles: [],
    status: 'OK',
    statusText: 'OK',
  },
];
const DETAIL: SnapshotDetail = {
  label: 'demo_sales_base',
  timestamp: '2024-01-03-00-00-00-000',
  database: 'demo_sales',
  backupTime: undefined,
  status: 'OK',
  ok: true,
  tables: [
    { name: 'orders', partitions: ['p202401', 'p202402'] },
    { name: 'customers', partitions: ['customers'] },
  ],
};

/** A source over fixed data that records what it was asked. */
function source(asked: string[] = []): NameSource {
  return {
    repositories: async () => (asked.push('repositories'), ['demo_repo', 'my repo']),
    snapshots: async (r) => (asked.push(`snapshots ${r}`), SNAPSHOTS),
    snapshot: async (r, l) => (asked.push(`snapshot ${r} ${l}`), SNAPSHOTS.find((s) => s.label === l)),
    snapshotDetail: async (r, l, t) => (asked.push(`detail ${r} ${l} ${t}`), l === DETAIL.label ? DETAIL : undefined),
    databases: async () => ['demo_sales', 'demo_ops'],
    tables: async (db) => (asked.push(`tables ${db}`), db === 'demo_sales' ? ['orders', 'customers'] : ['events']),
    partitions: async (db, t) => (asked.push(`partitions ${db}.${t}`), ['p202401', 'p202402', 'p202403']),
  };
}

async function at(
  marked: string,
  options: { version?: string; src?: NameSource; defaultDatabase?: string } = {},
): Promise<{ items: Suggestion[]; incomplete: boolean }> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const caps = options.version ? capabilitiesOf(parseServerVersion(options.version)) : undefined;
  return suggest(cursorContext(text, offset), {
    source: 'src' in options ? options.src : source(),
    caps,
    defaultDatabase: options.defaultDatabase,
    now: new Date(2024, 4, 17, 9, 30, 5),
    l10n: plainL10n,
  });
}

const labels = (r: { items: Suggestion[] }): string[] => r.items.map((i) => i.label);

describe('language/completion/suggestions', () => {
  it('repositories, quoted when their name needs it', async () => {
    const r = await at('BACKUP DATABASE d SNAPSHOT l TO |');
    assert.deepStrictEqual(
      r.items.map((i) => [i.label, i.insertText]),
      [
        ['demo_repo', 'demo_repo'],
        ['my repo', '`my repo`'],
      ],
    );
    assert.strictEqual(r.incomplete, false);
  });

  it("SHOW SNAPSHOT … WHERE SNAPSHOT = offers the repository's labels as quoted strings, and TIMESTAMP = its timestamps", async () => {
    const r = await at('SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = |');
    assert.deepStrictEqual(
      r.items.map((i) => [i.label, i.insertText]),
      [
        ['demo_sales_orders', "'demo_sales_orders'"],
        ['demo_sales_base', "'demo_sales_base'"],
      ],
    );
    const typed = await at('SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = demo|');
    assert.strictEqual(typed.items[0].insertText, "'demo_sales_orders'", 'an unquoted word is replaced by the quoted label');
    const ts = await at("SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_base' AND TIMESTAMP = |");
    assert.deepStrictEqual(
      ts.items.map((i) => i.insertText),
      ['"2024-01-03-00-00-00-000"', '"2024-01-01-00-00-00-000"'],
    );
  });

  it('MATERIALIZED VIEW in a BACKUP ON list carries the note that it is not backed up as one', async () => {
    const backup = (await at('BACKUP DATABASE d SNAPSHOT l TO r ON (|', { version: '3.4.1' })).items;
    const mv = backup.find((i) => i.label === 'MATERIALIZED VIEW');
    assert.match(mv?.detail ?? '', /not backed up as a materialized view/);
    assert.match(mv?.documentation ?? '', /only their physical tables.*cannot accelerate or rewrite queries/);
    assert.match(backup.find((i) => i.label === 'ALL MATERIALIZED VIEWS')?.documentation ?? '', /physical tables/);
    assert.strictEqual(backup.find((i) => i.label === 'TABLE')?.documentation, undefined);
    const restore = (await at('RESTORE SNAPSHOT l FROM r ON (|', { version: '3.4.1' })).items;
    assert.strictEqual(restore.find((i) => i.label === 'MATERIALIZED VIEW')?.documentation, undefined);
  });

  it('snapshot labels of the repository named later in a RESTORE', async () => {
    const asked: string[] = [];
    const r = await at('RESTORE SNAPSHOT | FROM demo_repo', { src: source(asked) });
    assert.deepStrictEqual(labels(r), ['demo_sales_orders', 'demo_sales_base']);
    assert.deepStrictEqual(asked, ['snapshots demo_repo']);
  });

  it('database prefixes first in the 2.5 RESTORE form, labels after db.', async () => {
    assert.deepStrictEqual(labels(await at('RESTORE SNAPSHOT | FROM demo_repo', { version: '2.5.0' })).slice(0, 2), [
      'demo_sales.',
      'demo_ops.',
    ]);
    assert.deepStrictEqual(labels(await at('RESTORE SNAPSHOT demo_sales.| FROM demo_repo', { version: '2.5.0' })), [
      'demo_sales_orders',
      'demo_sales_base',
    ]);
  });

  it('a fresh label for BACKUP, with the database prefix in the 2.5 form', async () => {
    assert.deepStrictEqual(labels(await at('BACKUP DATABASE demo_sales SNAPSHOT |')), ['demo_sales_20240517_093005']);
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT |', { version: '3.3.0' })), ['demo_sales.', 'demo_ops.']);
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT demo_ops.|', { version: '3.3.0' })), ['demo_ops_20240517_093005']);
  });

  it('timestamps of the snapshot named earlier, newest first, inside the value string', async () => {
    const r = await at('RESTORE SNAPSHOT demo_sales_base FROM demo_repo PROPERTIES ("backup_timestamp" = "|")');
    assert.deepStrictEqual(
      r.items.map((i) => [i.label, i.insertText]),
      [
        ['2024-01-03-00-00-00-000', '2024-01-03-00-00-00-000'],
        ['2024-01-01-00-00-00-000', '2024-01-01-00-00-00-000'],
      ],
    );
    assert.deepStrictEqual(
      (await at('RESTORE SNAPSHOT demo_sales_base FROM demo_repo PROPERTIES ("backup_timestamp" = |')).items[0].insertText,
      '"2024-01-03-00-00-00-000"',
    );
  });

  it('tables and partitions of the database for BACKUP', async () => {
    const asked: string[] = [];
    assert.deepStrictEqual(labels(await at('BACKUP DATABASE demo_sales SNAPSHOT l TO r ON (TABLE |', { src: source(asked) })), [
      'orders',
      'customers',
    ]);
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT demo_sales.l TO r ON (orders PARTITION (p202401, |', { src: source(asked) })), [
      'p202402',
      'p202403',
    ]);
    assert.deepStrictEqual(asked, ['tables demo_sales', 'partitions demo_sales.orders']);
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT l TO r ON (|', { defaultDatabase: 'demo_ops', version: '3.3.0' })), ['events']);
  });

  it('tables and partitions of the snapshot for RESTORE, at its newest timestamp when none is written', async () => {
    const asked: string[] = [];
    const tables = await at('RESTORE SNAPSHOT demo_sales_base FROM demo_repo ON (|', { src: source(asked), version: '3.3.0' });
    assert.deepStrictEqual(labels(tables), ['orders', 'customers']);
    assert.deepStrictEqual(asked, ['snapshot demo_repo demo_sales_base', 'detail demo_repo demo_sales_base 2024-01-03-00-00-00-000']);
    const parts = await at(
      'RESTORE SNAPSHOT demo_sales_base FROM demo_repo ON (orders PARTITION (|) PROPERTIES ("backup_timestamp" = "2024-01-01-00-00-00-000")',
    );
    assert.deepStrictEqual(labels(parts), ['p202401', 'p202402']);
  });

  it('object keywords in an ON list only from 3.4', async () => {
    assert.ok(labels(await at('BACKUP DATABASE demo_sales SNAPSHOT l TO r ON (|')).includes('ALL TABLES'));
    assert.ok(!labels(await at('BACKUP SNAPSHOT demo_sales.l TO r ON (|', { version: '3.3.0' })).includes('ALL TABLES'));
  });

  it('property keys allowed for the statement and version, with choices for known values', async () => {
    const backup = await at('BACKUP SNAPSHOT d.l TO r PROPERTIES ("type" = "FULL", |', { version: '3.4.0' });
    assert.deepStrictEqual(labels(backup), ['timeout']);
    assert.strictEqual(backup.items[0].insertText, '"timeout" = "${1|86400,3600,600|}"');
    assert.strictEqual(backup.items[0].snippet, true);
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT d.l TO r PROPERTIES (|', { version: '4.2.0' })), ['type', 'timeout', 'ttl']);
    const restore = await at('RESTORE SNAPSHOT l FROM r PROPERTIES ("|")');
    assert.deepStrictEqual(labels(restore), [
      'backup_timestamp',
      'timeout',
      'allow_load',
      'replication_num',
      'meta_version',
      'starrocks_meta_version',
    ]);
    assert.strictEqual(restore.items[0].insertText, 'backup_timestamp', 'inside quotes: the key alone');
    assert.ok(
      labels(await at('CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p" PROPERTIES (|')).includes('aws.s3.use_instance_profile'),
    );
  });

  it('property values', async () => {
    assert.deepStrictEqual(labels(await at("RESTORE SNAPSHOT l FROM r PROPERTIES ('allow_load' = '|')")), ['false', 'true']);
    assert.deepStrictEqual(
      (await at('BACKUP SNAPSHOT d.l TO r PROPERTIES ("type" = |')).items.map((i) => i.insertText),
      ['"FULL"'],
    );
  });

  it('without a connection: no server names, but keywords and properties', async () => {
    assert.deepStrictEqual(labels(await at('BACKUP SNAPSHOT l TO |', { src: undefined })), []);
    assert.deepStrictEqual(labels(await at('RESTORE SNAPSHOT l FROM r |', { src: undefined })), ['DATABASE', 'ON', 'PROPERTIES']);
  });

  it('marks the list incomplete when the server did not answer in time', async () => {
    const slow: NameSource = { ...source(), repositories: async () => undefined };
    const r = await at('SHOW SNAPSHOT ON |', { src: slow });
    assert.deepStrictEqual(r, { items: [], incomplete: true });
  });
});
