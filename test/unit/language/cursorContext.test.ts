import * as assert from 'assert';
import { cursorContext, type CursorContext } from '../../../src/language/cursorContext';

/** The context at the `|` in `marked` (the marker is removed). */
function at(marked: string): CursorContext & { text: string } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'test text needs a | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { ...cursorContext(text, offset), text };
}

function slotOf(marked: string): CursorContext['slot'] {
  return at(marked).slot;
}

describe('language/cursorContext', () => {
  describe('repositories', () => {
    it('after TO in BACKUP', () => assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l1 TO |'), { kind: 'repository' }));
    it('while typing the name after TO, replacing the whole word', () => {
      const c = at('BACKUP DATABASE d SNAPSHOT l1 TO de|mo ON (t)');
      assert.deepStrictEqual(c.slot, { kind: 'repository' });
      assert.strictEqual(c.text.slice(c.replace.start, c.replace.end), 'demo');
      assert.strictEqual(c.typed, 'de');
    });
    it('after FROM in RESTORE, not after FROM in SHOW BACKUP', () => {
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l1 FROM |'), { kind: 'repository' });
      assert.deepStrictEqual(slotOf('SHOW BACKUP FROM |'), { kind: 'database' });
    });
    it('after ON in SHOW SNAPSHOT and DROP SNAPSHOT, and after DROP REPOSITORY', () => {
      assert.deepStrictEqual(slotOf('SHOW SNAPSHOT ON |'), { kind: 'repository' });
      assert.deepStrictEqual(slotOf('DROP SNAPSHOT l1 ON |'), { kind: 'repository' });
      assert.deepStrictEqual(slotOf('DROP REPOSITORY |'), { kind: 'repository' });
    });
    it('inside backticks', () => {
      const c = at('SHOW SNAPSHOT ON `dem|`');
      assert.deepStrictEqual(c.slot, { kind: 'repository' });
      assert.strictEqual(c.inBackticks, true);
      assert.strictEqual(c.text.slice(c.replace.start, c.replace.end), 'dem');
    });
    it('not after ON of an ON ( … ) list', () => assert.notDeepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON |'), { kind: 'repository' }));
  });

  describe('snapshot labels', () => {
    it('after SNAPSHOT in RESTORE, with the repository written later in the statement', () => {
      const c = at('RESTORE SNAPSHOT | FROM demo_repo PROPERTIES ("backup_timestamp" = "x")');
      assert.deepStrictEqual(c.slot, { kind: 'snapshot', qualifier: undefined });
      assert.strictEqual(c.facts.repository, 'demo_repo');
    });
    it('after db. in the 2.5 form', () =>
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT demo_sales.| FROM r'), { kind: 'snapshot', qualifier: 'demo_sales' }));
    it('a new label in BACKUP', () => {
      assert.deepStrictEqual(slotOf('BACKUP DATABASE d SNAPSHOT |'), { kind: 'newSnapshot', qualifier: undefined });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT demo_sales.|'), { kind: 'newSnapshot', qualifier: 'demo_sales' });
    });
    it("after DROP SNAPSHOT and in SHOW SNAPSHOT … WHERE SNAPSHOT = '…'", () => {
      assert.deepStrictEqual(slotOf('DROP SNAPSHOT | ON r'), { kind: 'snapshot' });
      const c = at("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'de|'");
      assert.deepStrictEqual(c.slot, { kind: 'snapshot' });
      assert.deepStrictEqual(c.inString, { quote: "'", terminated: true });
      assert.strictEqual(c.typed, 'de');
      assert.strictEqual(c.facts.repository, 'r');
    });
    it('inside SNAPSHOT IN (…)', () =>
      assert.deepStrictEqual(slotOf("SHOW SNAPSHOT ON r WHERE SNAPSHOT IN ('a', '|')"), { kind: 'snapshot' }));
  });

  describe('timestamps', () => {
    it('inside "backup_timestamp" = "…" for the snapshot named earlier', () => {
      const c = at('RESTORE SNAPSHOT demo_sales_base FROM demo_repo PROPERTIES ("backup_timestamp" = "|")');
      assert.deepStrictEqual(c.slot, { kind: 'propertyValue', key: 'backup_timestamp' });
      assert.strictEqual(c.facts.label, 'demo_sales_base');
      assert.strictEqual(c.facts.repository, 'demo_repo');
      assert.deepStrictEqual(c.inString, { quote: '"', terminated: true });
      assert.strictEqual(c.replace.start, c.replace.end);
    });
    it('in an unterminated value string at the end of the document', () => {
      const c = at('RESTORE SNAPSHOT db.l FROM r PROPERTIES ("backup_timestamp" = "2024|');
      assert.deepStrictEqual(c.slot, { kind: 'propertyValue', key: 'backup_timestamp' });
      assert.deepStrictEqual(c.inString, { quote: '"', terminated: false });
      assert.strictEqual(c.typed, '2024');
      assert.strictEqual(c.facts.labelQualifier, 'db');
    });
    it("in SHOW SNAPSHOT … AND TIMESTAMP = '…'", () =>
      assert.deepStrictEqual(slotOf("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'l1' AND TIMESTAMP = '|'"), { kind: 'timestamp', label: 'l1' }));
  });

  describe('databases', () => {
    it('after DATABASE in BACKUP and RESTORE', () => {
      assert.deepStrictEqual(slotOf('BACKUP DATABASE |'), { kind: 'database' });
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r DATABASE |'), { kind: 'database' });
    });
    it('after FROM/IN of SHOW BACKUP/RESTORE and CANCEL', () => {
      assert.deepStrictEqual(slotOf('SHOW RESTORE IN |'), { kind: 'database' });
      assert.deepStrictEqual(slotOf('cancel backup from de|'), { kind: 'database' });
      assert.deepStrictEqual(slotOf('CANCEL RESTORE FROM |'), { kind: 'database' });
    });
    it('not for the new name after DATABASE x AS', () =>
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r DATABASE a AS |'), { kind: 'none' }));
  });

  describe('ON ( … )', () => {
    it('objects after ( and ,', () => {
      const c = at('BACKUP DATABASE demo_sales SNAPSHOT l TO r ON (|');
      assert.deepStrictEqual(c.slot, { kind: 'object' });
      assert.strictEqual(c.facts.database, 'demo_sales');
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (orders, |)'), { kind: 'object' });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (orders PARTITION (p1), cu|)'), { kind: 'object' });
    });
    it('tables after TABLE and after db.', () => {
      assert.deepStrictEqual(slotOf('BACKUP DATABASE d SNAPSHOT l TO r ON (TABLE |'), { kind: 'table' });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (demo_ops.|'), { kind: 'table', qualifier: 'demo_ops' });
    });
    it('partitions inside PARTITION ( … ) with those already written', () => {
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (orders PARTITION (|'), {
        kind: 'partition',
        table: 'orders',
        qualifier: undefined,
        written: [],
      });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (d.orders PARTITION (p202401, |))'), {
        kind: 'partition',
        table: 'orders',
        qualifier: 'd',
        written: ['p202401'],
      });
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r ON (orders PARTITIONS |'), {
        kind: 'partition',
        table: 'orders',
        qualifier: undefined,
        written: [],
      });
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r ON (orders PARTITION (p2024|'), {
        kind: 'partition',
        table: 'orders',
        qualifier: undefined,
        written: [],
      });
    });
    it('keywords after a table name', () =>
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r ON (orders |'), { kind: 'afterTable' }));
    it('nothing for an alias', () => assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r ON (orders AS |'), { kind: 'none' }));
    it('not after the list is closed', () =>
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r ON (orders) |'), { kind: 'clause', keywords: ['PROPERTIES'] }));
  });

  describe('properties', () => {
    it('keys after ( and , — bare or inside quotes', () => {
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r PROPERTIES (|'), { kind: 'propertyKey', written: [] });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r PROPERTIES ("type" = "FULL", |'), { kind: 'propertyKey', written: ['type'] });
      const c = at('RESTORE SNAPSHOT l FROM r PROPERTIES ("ti|")');
      assert.deepStrictEqual(c.slot, { kind: 'propertyKey', written: [] });
      assert.strictEqual(c.typed, 'ti');
    });
    it('values after =', () => {
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r PROPERTIES ("type" = |'), { kind: 'propertyValue', key: 'type' });
      assert.deepStrictEqual(slotOf("RESTORE SNAPSHOT l FROM r PROPERTIES ('allow_load' = 'tr|')"), {
        kind: 'propertyValue',
        key: 'allow_load',
      });
    });
    it('keys of CREATE REPOSITORY', () => {
      const c = at('CREATE REPOSITORY r WITH BROKER ON LOCATION "s3a://b/p" PROPERTIES ("aws.s3.|")');
      assert.deepStrictEqual(c.slot, { kind: 'propertyKey', written: [] });
      assert.strictEqual(c.facts.statement, 'createRepository');
    });
    it('clauses after the repository', () => {
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r |'), { kind: 'clause', keywords: ['ON', 'PROPERTIES'] });
      assert.deepStrictEqual(slotOf('RESTORE SNAPSHOT l FROM r |'), { kind: 'clause', keywords: ['DATABASE', 'ON', 'PROPERTIES'] });
    });
  });

  describe('boundaries', () => {
    it('nothing inside comments', () => {
      assert.deepStrictEqual(slotOf('-- BACKUP SNAPSHOT l TO |'), { kind: 'none' });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO /* | */'), { kind: 'none' });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO # |'), { kind: 'none' });
    });
    it('after a closed comment the slot is back', () =>
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO /* the repo */ |'), { kind: 'repository' }));
    it('only the statement around the cursor counts', () => {
      assert.deepStrictEqual(slotOf('SHOW SNAPSHOT ON r;\nDROP REPOSITORY |;\nSHOW BACKUP'), { kind: 'repository' });
      assert.deepStrictEqual(slotOf('BACKUP SNAPSHOT l TO r;\n|'), { kind: 'none' });
      const c = at('RESTORE SNAPSHOT a FROM r1;\nRESTORE SNAPSHOT b FROM r2 PROPERTIES ("backup_timestamp" = "|");');
      assert.strictEqual(c.facts.label, 'b');
      assert.strictEqual(c.facts.repository, 'r2');
    });
    it('a semicolon inside a string does not end the statement', () => {
      const c = at("SHOW SNAPSHOT ON r WHERE SNAPSHOT = 'a;|'");
      assert.deepStrictEqual(c.slot, { kind: 'snapshot' });
      assert.strictEqual(c.typed, 'a;');
    });
    it('nothing for statements of other kinds', () => assert.deepStrictEqual(slotOf('SELECT * FROM |'), { kind: 'none' }));
  });
});
