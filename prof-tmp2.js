const { createS3Client } = require('./out/src/storage/client');
const { plainListing } = require('./out/test/unit/storage/fixture/repositoryFixture');
(async () => {
  const c = createS3Client({ credentials: { kind: 'keys', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, endpoint: { endpoint: 'http://127.0.0.1:47311', forcePathStyle: true } });
  const t = Date.now();
  const r = await plainListing(c, 'starrocks-backups', 'bench/');
  console.log('listed', r.count, Date.now() - t, 'ms');
  c.destroy();
})();
