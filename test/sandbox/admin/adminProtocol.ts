/**
 * The loopback HTTP admin endpoint of a sandbox running as a child process: `POST /<method>`
 * with a JSON array of arguments, answered with `{ result }` or `{ error }`.
 */
import type { SandboxInfo } from '../api';

/** SandboxControl methods, plus the S3 server's, reachable over the admin endpoint. */
export const CONTROL_METHODS = [
  'stats',
  'resetStats',
  'statementLog',
  'dropConnections',
  'setS3Unreachable',
  'slowStatements',
  'failStatements',
  'heldStatements',
  'rejectBareShowJobs',
  'failNextJob',
  'timeoutNextJob',
  'stickJob',
  'releaseJobs',
  'setJobSpeed',
  'rowCount',
  'rows',
] as const;

export const S3_METHODS = ['s3.setUnreachable', 's3.failNextDelete', 's3.setLatency', 's3.stats'] as const;

export type ControlMethod = (typeof CONTROL_METHODS)[number];
export type S3Method = (typeof S3_METHODS)[number];

/** A RegExp travels as its source and flags. */
export interface SerializedRegExp {
  regexSource: string;
  regexFlags: string;
}

export function serializeArg(arg: unknown): unknown {
  return arg instanceof RegExp ? { regexSource: arg.source, regexFlags: arg.flags } : arg;
}

export function deserializeArg(arg: unknown): unknown {
  if (arg && typeof arg === 'object' && 'regexSource' in arg) {
    const r = arg as SerializedRegExp;
    return new RegExp(r.regexSource, r.regexFlags);
  }
  return arg;
}

/** The JSON the CLI prints after `sandbox ready `. */
export interface ReadyLine extends SandboxInfo {
  adminPort: number;
  s3Port: number;
  s3Directory: string;
}

export const READY_PREFIX = 'sandbox ready ';
