/**
 * `npm run sandbox`: starts the S3 server and the emulated FE, prints `sandbox ready {json}` and
 * how to connect, and stops everything (the S3 server's process included) on SIGINT / SIGTERM,
 * or when the parent that forked it goes away.
 */
import { AdminServer } from './admin/adminServer';
import { READY_PREFIX, type ReadyLine } from './admin/adminProtocol';
import { extraUsersFromEnv, parseCliArgs, usage } from './cliArgs';
import { startInProcessSandbox } from './sandbox';

async function main(): Promise<void> {
  let options;
  try {
    options = { ...parseCliArgs(process.argv.slice(2)), users: extraUsersFromEnv(process.env) };
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage());
    return;
  }
  const sandbox = await startInProcessSandbox(options);
  const admin = new AdminServer(sandbox.control);
  const adminPort = await admin.listen();
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await admin.close();
      await sandbox.stop();
      process.exit(0);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('disconnect', () => void shutdown());

  const { info } = sandbox;
  const ready: ReadyLine = { ...info, adminPort, s3Port: sandbox.control.s3.port, s3Directory: sandbox.s3Directory };
  console.log(`${READY_PREFIX}${JSON.stringify(ready)}`);
  const lines = [
    '',
    `StarRocks ${info.version} sandbox (emulated FE) is listening.`,
    `  mysql/mariadb:  mariadb -h${info.host} -P${info.port} -u${info.user} -p${info.password}`,
    `  S3 endpoint:    ${info.s3Endpoint}  bucket ${info.bucket}  keys ${info.accessKey} / ${info.secretKey}  region ${info.region}`,
  ];
  if (options.seed !== 'empty') lines.push('  Try:            SHOW REPOSITORIES; SHOW SNAPSHOT ON demo_repo;');
  lines.push('Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(`sandbox failed to start: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
