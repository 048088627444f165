import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  parseJavaInt,
  parseJavaLong,
  validateBackupProperties,
  validatePropertiesForStatement,
  validateRestoreProperties,
  validateSnapshotTtl,
} from '../../../../src/starrocks/validation';
import { V34, V41, V42 } from '../helpers/servers';

const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('starrocks/validation job properties', () => {
  describe('Java number parsing', () => {
    it('accepts what Long.parseLong / Integer.parseInt accept', () => {
      assert.strictEqual(parseJavaLong('+600'), 600n);
      assert.strictEqual(parseJavaLong('-9223372036854775808'), -(2n ** 63n));
      assert.strictEqual(parseJavaLong('9223372036854775808'), undefined);
      for (const bad of ['', ' 1', '1 ', '1.0', '1e3', '0x10', '--1', '٣']) assert.strictEqual(parseJavaLong(bad), undefined, bad);
      assert.strictEqual(parseJavaInt('2147483647'), 2147483647);
      assert.strictEqual(parseJavaInt('2147483648'), undefined);
      assert.strictEqual(parseJavaInt('-2147483648'), -2147483648);
    });
  });

  describe('BACKUP', () => {
    it('accepts type FULL in any case and a timeout of at least 600 s', () => {
      assert.deepStrictEqual(validateBackupProperties({ type: 'full', timeout: '600' }, V34), []);
      assert.deepStrictEqual(validateBackupProperties({ type: 'Full', timeout: '+86400' }, V34), []);
    });

    it('refuses short, malformed and overflowing timeouts like the FE', () => {
      assert.deepStrictEqual(messages(validateBackupProperties({ timeout: '599' }, V34)), ['timeout must be at least 10 min']);
      assert.deepStrictEqual(messages(validateBackupProperties({ timeout: '10m' }, V34)), ['Invalid timeout format: 10m']);
      assert.deepStrictEqual(messages(validateBackupProperties({ timeout: '' }, V34)), ['Invalid timeout format: ']);
      // 9223372036854776 * 1000 overflows a Java long into a negative number: the FE says "at least 10 min".
      assert.deepStrictEqual(messages(validateBackupProperties({ timeout: '9223372036854776' }, V34)), ['timeout must be at least 10 min']);
      assert.deepStrictEqual(validateBackupProperties({ timeout: '9223372036854775' }, V34), []);
    });

    it('refuses incremental and unknown types', () => {
      assert.deepStrictEqual(messages(validateBackupProperties({ type: 'incremental' }, V34)), [
        'Currently does not support incremental backup',
      ]);
      assert.deepStrictEqual(messages(validateBackupProperties({ type: 'x' }, V34)), ['Invalid backup job type: x']);
    });

    it('matches keys case-sensitively and reports each unknown key', () => {
      const issues = validateBackupProperties({ TIMEOUT: '600', foo: '1' }, V34);
      assert.deepStrictEqual(messages(issues), ['Unknown backup job properties: [TIMEOUT]', 'Unknown backup job properties: [foo]']);
      assert.deepStrictEqual(
        issues.map((i) => i.key),
        ['TIMEOUT', 'foo'],
      );
      assert.match(issues[0].fix ?? '', /case-sensitive; BACKUP accepts type, timeout\./);
    });

    it('knows ttl on 4.2 only', () => {
      assert.deepStrictEqual(validateBackupProperties({ ttl: '7 DAY' }, V42), []);
      assert.deepStrictEqual(messages(validateBackupProperties({ ttl: '7 DAY' }, V41)), ['Unknown backup job properties: [ttl]']);
      assert.match(validateBackupProperties({ ttl: '7 DAY' }, V41)[0].fix ?? '', /4\.2/);
    });
  });

  describe('ttl', () => {
    it('accepts calendar or clock durations and empty', () => {
      for (const ok of ['', '  ', '7 DAY', '12 HOUR', '1 month', '2 weeks 3 days', '1 year', '90 minutes', '1 day -1 hour', '30 seconds']) {
        assert.deepStrictEqual(validateSnapshotTtl(ok), [], ok);
      }
    });

    it('refuses unparseable values with the FE message', () => {
      for (const bad of ['7', 'DAY', '7days', '1 month 2 hours', '1.5 day', 'seven days', '1 fortnight']) {
        assert.deepStrictEqual(
          messages(validateSnapshotTtl(bad)),
          [`Invalid ttl: '${bad}'. Expected a duration such as '7 DAY' or '12 HOUR', or an empty value to keep the snapshot forever`],
          bad,
        );
      }
    });

    it('refuses zero and negative durations', () => {
      for (const bad of ['0 DAY', '-1 day', '1 month -1 day', '0 hour', '1 hour -2 hours']) {
        assert.deepStrictEqual(messages(validateSnapshotTtl(bad)), [`ttl must be a positive duration, but got: ${bad}`], bad);
      }
    });
  });

  describe('RESTORE', () => {
    const ts = { backup_timestamp: '2024-01-01-00-00-00-000' };

    it('requires backup_timestamp', () => {
      assert.deepStrictEqual(messages(validateRestoreProperties({}, V34)), ['Missing backup_timestamp property']);
      assert.deepStrictEqual(validateRestoreProperties(ts, V34), []);
    });

    it('checks allow_load, the integer properties and their quirky message', () => {
      assert.deepStrictEqual(
        validateRestoreProperties(
          { ...ts, allow_load: 'TRUE', replication_num: '3', meta_version: '-1', starrocks_meta_version: '0', timeout: '3600' },
          V34,
        ),
        [],
      );
      assert.deepStrictEqual(messages(validateRestoreProperties({ ...ts, allow_load: 'yes' }, V34)), ['Invalid allow load value: yes']);
      assert.deepStrictEqual(messages(validateRestoreProperties({ ...ts, replication_num: 'three' }, V34)), [
        'Invalid meta version format: three',
      ]);
      assert.deepStrictEqual(messages(validateRestoreProperties({ ...ts, meta_version: '1.0' }, V34)), [
        'Invalid meta version format: 1.0',
      ]);
      assert.deepStrictEqual(messages(validateRestoreProperties({ ...ts, replication_num: '0' }, V34)), [
        'replication_num must be at least 1, but got: 0',
      ]);
    });

    it('reports unknown keys and a malformed timestamp', () => {
      assert.deepStrictEqual(messages(validateRestoreProperties({ ...ts, Allow_Load: 'true' }, V34)), [
        'Unknown restore job properties: [Allow_Load]',
      ]);
      assert.deepStrictEqual(messages(validateRestoreProperties({ backup_timestamp: '2024-01-01 00:00:00' }, V34)), [
        "Invalid backup_timestamp: '2024-01-01 00:00:00'",
      ]);
    });
  });

  it('validatePropertiesForStatement dispatches by statement kind', () => {
    assert.deepStrictEqual(messages(validatePropertiesForStatement('BACKUP', { timeout: '1' }, V34)), ['timeout must be at least 10 min']);
    assert.deepStrictEqual(messages(validatePropertiesForStatement('RESTORE', {}, V34)), ['Missing backup_timestamp property']);
    assert.deepStrictEqual(
      messages(validatePropertiesForStatement('CREATE REPOSITORY', { 'aws.s3.access_key': 'a' }, V34, 's3a://b-1/p')),
      ['aws.s3.access_key and aws.s3.secret_key go together'],
    );
  });

  it('never throws, whatever the properties', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string({ unit: 'binary' })), (props) => {
        for (const issue of [...validateBackupProperties(props, V42), ...validateRestoreProperties(props, V42)]) {
          assert.strictEqual(typeof issue.message, 'string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
