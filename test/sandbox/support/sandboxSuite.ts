/** The start and end every conformance suite shares: one sandbox and one connection to it. */
import type { Connection } from 'mysql2/promise';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '..';
import { connect } from './sqlClient';

/** Filled in by the suite's first `before` hook; a test may replace `conn` (the last one is closed). */
export interface SandboxSuite {
  sandbox: RunningSandbox;
  conn: Connection;
}

/**
 * Registers the hooks that start a sandbox with these options and connect to it before the suite,
 * and close both after it. `beforeStop` releases what the suite itself opened against the sandbox
 * (an S3 client) first, so nothing holds a connection while the sandbox stops.
 */
export function useSandbox(options: SandboxOptions = {}, beforeStop?: () => void): SandboxSuite {
  const suite: Partial<SandboxSuite> = {};
  before(async () => {
    suite.sandbox = await startSandbox(options);
    suite.conn = await connect(suite.sandbox.info);
  });
  after(async () => {
    beforeStop?.();
    await suite.conn?.end();
    await suite.sandbox?.stop();
  });
  // The hooks above run before any test reads the fields.
  return suite as SandboxSuite;
}
