/**
 * The sandbox: an emulated StarRocks FE (MySQL protocol on 127.0.0.1) backed by a real
 * S3-compatible server, for integration and UI tests and for trying the extension.
 *
 * ```ts
 * const sandbox = await startSandbox({ version: '3.4', seed: 'demo' });
 * // mysql2: { host: sandbox.info.host, port: sandbox.info.port, user: sandbox.info.user, password: sandbox.info.password }
 * await sandbox.stop();
 * ```
 */
import type { RunningSandbox, SandboxOptions } from './api';
import { startChildProcessSandbox } from './childProcess';
import { startInProcessSandbox } from './sandbox';

export type {
  RunningSandbox,
  SandboxControl,
  SandboxInfo,
  SandboxOptions,
  SandboxStats,
  StatementLogEntry,
  JobSpeed,
  SandboxVersion,
  AccountSpec,
} from './api';
export { DEMO_REPOSITORY, DEMO_SNAPSHOTS } from './seed/demoSeed';
export { DEMO_BUCKET } from './sandbox';

/** Starts a sandbox (in this process unless `childProcess` is set); stop it with `stop()`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  if (options.childProcess) {
    // The child would need the S3 server's handle, which does not cross the process boundary.
    if (options.sharedS3) throw new Error('sharedS3 works only in this process, not with childProcess');
    return startChildProcessSandbox(options);
  }
  const { info, control, stop } = await startInProcessSandbox(options);
  return { info, control, stop };
}
