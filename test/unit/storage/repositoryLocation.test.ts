import * as assert from 'node:assert/strict';
import { repositoryKeyOf, s3LocationOf } from '../../../src/storage/repositoryLocation';
import { StorageError } from '../../../src/storage/errors';
import { normalizeEndpoint } from '../../../src/storage/client';

describe('storage/repositoryLocation (uses the dialect parseLocation)', () => {
  it('reads bucket and prefix from s3a, s3 and s3n locations', () => {
    for (const scheme of ['s3a', 's3', 's3n', 'S3A']) {
      assert.deepEqual(s3LocationOf(`${scheme}://my-bucket/backups/prod`), { bucket: 'my-bucket', prefix: 'backups/prod' });
    }
  });

  it('handles a bucket-root location and trailing slashes', () => {
    assert.deepEqual(s3LocationOf('s3a://my-bucket'), { bucket: 'my-bucket', prefix: '' });
    assert.deepEqual(s3LocationOf('s3a://my-bucket/'), { bucket: 'my-bucket', prefix: '' });
    assert.deepEqual(s3LocationOf('s3a://my-bucket/a/b/'), { bucket: 'my-bucket', prefix: 'a/b' });
  });

  it('refuses locations the S3 API cannot reach, saying why', () => {
    assert.throws(
      () => s3LocationOf('hdfs://namenode:8020/backups'),
      (e: unknown) => e instanceof StorageError && /not on S3/.test(e.message),
    );
    assert.throws(
      () => s3LocationOf('no-scheme/path'),
      (e: unknown) => e instanceof StorageError && /no scheme/.test(e.message),
    );
  });

  it('gives one cache key for every spelling of the same repository', () => {
    const key = repositoryKeyOf({ name: 'r', location: 's3a://b-1/x' });
    assert.equal(key, 's3://b-1/x/r');
    assert.equal(repositoryKeyOf({ name: 'r', location: 's3://b-1/x/' }), key);
    assert.notEqual(repositoryKeyOf({ name: 'r2', location: 's3a://b-1/x' }), key);
  });

  it('adds https:// to an endpoint given without a scheme, as StarRocks accepts it', () => {
    assert.equal(normalizeEndpoint('s3.us-west-2.amazonaws.com'), 'https://s3.us-west-2.amazonaws.com');
    assert.equal(normalizeEndpoint('http://127.0.0.1:9000/'), 'http://127.0.0.1:9000');
  });
});
