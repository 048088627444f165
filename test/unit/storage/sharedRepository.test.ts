import * as assert from 'node:assert/strict';
import { endpointsDiffer, mayShareFiles, normalizeEndpoint } from '../../../src/storage/sharedRepository';

describe('storage/sharedRepository: which repositories of other connections hold the same files', () => {
  const ours = { name: 'demo_repo', location: 's3a://starrocks-backups/demo', endpoint: 'http://127.0.0.1:9000' };

  it('takes the same name at the same location, whatever spelling of the scheme or trailing slash', () => {
    assert.ok(mayShareFiles(ours, { ...ours }));
    assert.ok(mayShareFiles(ours, { ...ours, location: 's3://starrocks-backups/demo/' }));
    assert.ok(mayShareFiles(ours, { ...ours, location: 's3n://starrocks-backups/demo' }));
  });

  it('leaves out another name or another location: the name is part of the path on storage', () => {
    assert.ok(!mayShareFiles(ours, { ...ours, name: 'demo_repo2' }));
    assert.ok(!mayShareFiles(ours, { ...ours, location: 's3a://starrocks-backups/demo2' }));
    assert.ok(!mayShareFiles(ours, { ...ours, location: 's3a://other-bucket/demo' }));
  });

  it('tells S3-compatible stores apart by endpoint only when both are known', () => {
    assert.ok(!mayShareFiles(ours, { ...ours, endpoint: 'http://127.0.0.1:9001' }), 'two servers with a bucket of the same name');
    assert.ok(mayShareFiles(ours, { ...ours, endpoint: 'HTTP://127.0.0.1:9000/' }), 'the same endpoint spelt differently');
    assert.ok(mayShareFiles(ours, { ...ours, endpoint: undefined }), 'an unknown endpoint may be the same store');
    assert.ok(mayShareFiles({ ...ours, endpoint: '' }, { ...ours, endpoint: 'http://minio:9000' }));
    assert.ok(!endpointsDiffer('https://s3.amazonaws.com', 's3.eu-west-1.amazonaws.com'), 'AWS serves a bucket on every endpoint');
    assert.ok(endpointsDiffer('https://s3.amazonaws.com', 'http://minio:9000'));
  });

  it('normalises endpoints: scheme, case, trailing slash and default ports', () => {
    assert.equal(normalizeEndpoint('HTTPS://Minio.Example:443/'), 'minio.example');
    assert.equal(normalizeEndpoint('http://10.0.0.1:80'), '10.0.0.1');
    assert.equal(normalizeEndpoint('10.0.0.1:9000'), '10.0.0.1:9000');
    assert.equal(normalizeEndpoint('  '), undefined);
    assert.equal(normalizeEndpoint(undefined), undefined);
  });
});
