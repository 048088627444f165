const { startS3Server } = require('./out/test/sandbox/s3/s3Server');
const { createS3Client } = require('./out/src/storage/client');
const { plainListing } = require('./out/test/unit/storage/fixture/repositoryFixture');
(async () => {
  const s = await startS3Server({ directory: '/tmp/sr-bench-s3-v1-200x250/store' });
  const c = createS3Client({ credentials: { kind: 'keys', accessKeyId: s.accessKey, secretAccessKey: s.secretKey }, endpoint: { endpoint: s.endpoint, forcePathStyle: true } });
  const t = Date.now();
  const r = await plainListing(c, 'starrocks-backups', 'bench/');
  console.log('listed', r.count, Date.now() - t, 'ms');
  c.destroy(); await s.stop();
})();
