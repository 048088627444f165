import * as assert from 'assert';
import { formatLocation, isS3Scheme, normalizeLocation, parseLocation, validateLocation } from '../../../src/starrocks/location';
import { DialectError } from '../../../src/starrocks/dialectError';

describe('starrocks/location', () => {
  it('splits a location into scheme, bucket and prefix', () => {
    assert.deepStrictEqual(parseLocation('s3a://my-bucket/backups/prod'), { scheme: 's3a', bucket: 'my-bucket', prefix: 'backups/prod' });
    assert.deepStrictEqual(parseLocation('S3://my-bucket'), { scheme: 's3', bucket: 'my-bucket', prefix: '' });
    assert.deepStrictEqual(parseLocation('s3a://my-bucket/x/'), { scheme: 's3a', bucket: 'my-bucket', prefix: 'x' });
    assert.deepStrictEqual(parseLocation('hdfs://namenode:8020/user/backup'), {
      scheme: 'hdfs',
      bucket: 'namenode:8020',
      prefix: 'user/backup',
    });
  });

  it('turns s3:// and s3n:// into s3a:// with a visible note', () => {
    const s3 = normalizeLocation('s3://bucket-a/p');
    assert.strictEqual(s3.location, 's3a://bucket-a/p');
    assert.match(s3.note ?? '', /s3:\/\/ was changed to s3a:\/\//);
    assert.match(normalizeLocation('s3n://bucket-a/p').note ?? '', /s3n:\/\/ was changed to s3a:\/\//);
  });

  it('leaves s3a:// alone and strips the trailing slash the FE strips anyway without a note', () => {
    assert.deepStrictEqual(normalizeLocation('s3a://bucket-a/p/'), { location: 's3a://bucket-a/p' });
    assert.deepStrictEqual(normalizeLocation('s3a://bucket-a'), { location: 's3a://bucket-a' });
  });

  it('notes when it removes more than the one trailing slash the FE would', () => {
    const result = normalizeLocation('s3a://bucket-a/p///');
    assert.strictEqual(result.location, 's3a://bucket-a/p');
    assert.match(result.note ?? '', /trailing slashes/);
  });

  it('rejects empty, scheme-less, bucket-less and odd locations with the reason', () => {
    const cases: [string, RegExp][] = [
      ['', /You must specify a location on the repository/],
      ['bucket/path', /has no scheme/],
      ['s3a:///path', /has no bucket/],
      ['ftp://host/p', /Unsupported location scheme/],
      ['s3a://my_bucket/p', /Invalid S3 bucket name 'my_bucket'/],
      ['s3a://MyBucket/p', /Invalid S3 bucket name/],
      ['s3a://ab/p', /Invalid S3 bucket name/],
      ['s3a://bucket-a//p', /empty, '\.' or '\.\.' segment/],
      ['s3a://bucket-a/a/../b', /segment/],
      ['s3a://bucket-a/a b', /spaces or control characters/],
      ['s3a://bucket-a/a\nb', /spaces or control characters/],
    ];
    for (const [location, message] of cases) {
      const issues = validateLocation(location);
      assert.strictEqual(issues.length, 1, location);
      assert.match(issues[0].message, message, location);
      assert.ok(issues[0].fix, location);
      assert.throws(() => parseLocation(location), DialectError);
      assert.throws(() => normalizeLocation(location), DialectError);
    }
  });

  it('allows non-S3 bucket names on other schemes', () => {
    assert.deepStrictEqual(validateLocation('oss://My_Bucket/p'), []);
  });

  it('knows the S3 schemes and formats parsed locations back', () => {
    assert.ok(isS3Scheme('S3A') && isS3Scheme('s3') && isS3Scheme('s3n'));
    assert.ok(!isS3Scheme('oss'));
    assert.strictEqual(formatLocation({ scheme: 's3a', bucket: 'b-1', prefix: 'x/y' }), 's3a://b-1/x/y');
    assert.strictEqual(formatLocation({ scheme: 's3a', bucket: 'b-1', prefix: '' }), 's3a://b-1');
  });
});
