/**
 * Connections handed to the extension by whoever starts VS Code, so that `npm run demo` and the
 * test harness open a window that is already connected to the sandbox, with no manual step.
 * Pure (no `vscode`): the caller passes the connection manager and the environment.
 *
 * The environment variable holds JSON:
 * ```json
 * { "connections": [ {
 *     "profile": { "name": "Sandbox", "host": "127.0.0.1", "port": 9030, "user": "root", "passwordMode": "stored",
 *                  "s3Endpoints": { "demo_repo": { "endpoint": "http://127.0.0.1:9000", "forcePathStyle": true } } },
 *     "password": "…",
 *     "s3Credentials": { "demo_repo": { "accessKeyId": "…", "secretAccessKey": "…" } } } ] }
 * ```
 * `profile` is exactly an entry of the Export Connections file and is validated by the same
 * parser; the secrets beside it go straight into SecretStorage through the connection manager.
 *
 * Rules that keep it safe:
 * - only honoured when the extension runs in development or test mode (loaded with
 *   `--extensionDevelopmentPath`); an installed extension ignores the variable;
 * - a profile whose name exists already is left alone (never overwritten, its password untouched);
 * - the variable is removed from the extension host's environment once read, so processes the
 *   host starts later do not inherit it;
 * - nothing secret is ever logged: messages name connections and fields, never values (not even
 *   a JSON syntax error, whose text would quote the input).
 */
import type { ProfileDraft } from './profileDraft';
import { parseTransferFile, type TransferProfile } from './profileTransfer';
import type { ConnectionProfile, S3CredentialSource, S3EndpointSettings } from './types';

export const SEED_ENV = 'STARROCKS_BACKUP_SEED_CONNECTIONS';

export interface SeedS3Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One connection to add: the exported profile form plus its secrets. */
export interface ConnectionSeed {
  profile: TransferProfile;
  password?: string;
  /** S3 keys per repository name, for sizing snapshots on storage. */
  s3Credentials?: Record<string, SeedS3Keys>;
}

export interface SeedFile {
  connections: ConnectionSeed[];
}

/** What seeding needs from the connection manager (its public methods, so secrets go where they always go). */
export interface SeedTarget {
  listProfiles(): ConnectionProfile[];
  addProfile(draft: ProfileDraft, password?: string): Promise<ConnectionProfile>;
  setS3Endpoint(profileId: string, repository: string, endpoint: S3EndpointSettings): Promise<void>;
  setS3Credentials(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void>;
}

export interface SeedLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface SeedOutcome {
  /** Names of the profiles added. */
  added: string[];
  /** Names that existed already and were left as they were. */
  skipped: string[];
  /** Why (part of) the seed was refused; never contains a secret. */
  errors: string[];
}

const NONE: SeedOutcome = { added: [], skipped: [], errors: [] };

/** Parses the variable's JSON; any problem rejects the whole seed (nothing half-applied). */
export function parseSeed(text: string): { seeds: ConnectionSeed[]; errors: string[]; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { seeds: [], errors: [`${SEED_ENV} is not valid JSON.`], warnings: [] };
  }
  const list = isRecord(data) && Array.isArray(data.connections) ? data.connections : undefined;
  if (!list) return { seeds: [], errors: [`${SEED_ENV} must be an object with a "connections" list.`], warnings: [] };
  const errors: string[] = [];
  const secrets = list.map((raw, index) => parseSecrets(raw, `connections[${index}]`, errors));
  // The profile part is an export-file entry: the import parser validates it, with its messages.
  const profiles = parseTransferFile(JSON.stringify({ connections: list.map((raw) => (isRecord(raw) ? raw.profile : raw)) }));
  errors.push(...profiles.errors);
  if (errors.length > 0) return { seeds: [], errors, warnings: profiles.warnings };
  return { seeds: profiles.connections.map((profile, i) => ({ profile, ...secrets[i] })), errors: [], warnings: profiles.warnings };
}

function parseSecrets(raw: unknown, path: string, errors: string[]): Omit<ConnectionSeed, 'profile'> {
  if (!isRecord(raw)) {
    errors.push(`${path}: expected an object with "profile".`);
    return {};
  }
  const out: Omit<ConnectionSeed, 'profile'> = {};
  if (raw.password !== undefined) {
    if (typeof raw.password === 'string') out.password = raw.password;
    else errors.push(`${path}.password: expected a string.`);
  }
  if (raw.s3Credentials !== undefined) {
    if (!isRecord(raw.s3Credentials)) errors.push(`${path}.s3Credentials: expected an object keyed by repository name.`);
    else out.s3Credentials = parseS3Keys(raw.s3Credentials, `${path}.s3Credentials`, errors);
  }
  return out;
}

function parseS3Keys(raw: Record<string, unknown>, path: string, errors: string[]): Record<string, SeedS3Keys> {
  const out: Record<string, SeedS3Keys> = {};
  for (const [repository, keys] of Object.entries(raw)) {
    if (
      !isRecord(keys) ||
      typeof keys.accessKeyId !== 'string' ||
      typeof keys.secretAccessKey !== 'string' ||
      (keys.sessionToken !== undefined && typeof keys.sessionToken !== 'string')
    ) {
      errors.push(`${path}.${repository}: expected accessKeyId and secretAccessKey (strings).`);
      continue;
    }
    out[repository] = {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    };
  }
  return out;
}

/** Adds the seeded profiles that do not exist yet (by name, case-insensitively), with their secrets. */
export async function applySeed(target: SeedTarget, seeds: readonly ConnectionSeed[]): Promise<SeedOutcome> {
  const outcome: SeedOutcome = { added: [], skipped: [], errors: [] };
  for (const seed of seeds) {
    const { s3Endpoints, ...draft } = seed.profile;
    const exists = target.listProfiles().some((p) => p.name.trim().toLowerCase() === draft.name.trim().toLowerCase());
    if (exists) {
      outcome.skipped.push(draft.name);
      continue;
    }
    let profile: ConnectionProfile;
    try {
      profile = await target.addProfile(draft, draft.passwordMode === 'stored' ? seed.password : undefined);
    } catch (error) {
      // The manager's validation messages name fields, never their values.
      outcome.errors.push(`${draft.name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const [repository, endpoint] of Object.entries(s3Endpoints ?? {})) await target.setS3Endpoint(profile.id, repository, endpoint);
    for (const [repository, keys] of Object.entries(seed.s3Credentials ?? {}))
      await target.setS3Credentials(profile.id, repository, { kind: 'keys', ...keys });
    outcome.added.push(profile.name);
  }
  return outcome;
}

/**
 * Reads `STARROCKS_BACKUP_SEED_CONNECTIONS` from `env` (and deletes it there), then applies it when
 * `allowed` (development or test mode). Logs what it did by connection name only.
 */
export async function seedFromEnvironment(
  target: SeedTarget,
  env: NodeJS.ProcessEnv,
  allowed: boolean,
  log: SeedLog,
): Promise<SeedOutcome> {
  const text = env[SEED_ENV];
  if (text === undefined) return NONE;
  delete env[SEED_ENV];
  if (!allowed) {
    log.warn(`${SEED_ENV} is set but ignored: seeded connections are only accepted when the extension runs in development or test mode.`);
    return NONE;
  }
  const { seeds, errors, warnings } = parseSeed(text);
  for (const warning of warnings) log.warn(`${SEED_ENV}: ${warning}`);
  if (errors.length > 0) {
    log.warn(`${SEED_ENV} was ignored: ${errors.join(' ')}`);
    return { ...NONE, errors };
  }
  const outcome = await applySeed(target, seeds);
  if (outcome.added.length > 0) log.info(`Added seeded connection(s): ${outcome.added.join(', ')} (passwords in the secret storage).`);
  if (outcome.skipped.length > 0) log.info(`Seeded connection(s) already present, left unchanged: ${outcome.skipped.join(', ')}.`);
  for (const error of outcome.errors) log.warn(`Seeded connection not added: ${error}`);
  return outcome;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
