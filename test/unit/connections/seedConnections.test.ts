import * as assert from 'assert';
import { applySeed, parseSeed, SEED_ENV, seedFromEnvironment, type SeedTarget } from '../../../src/connections/seedConnections';
import type { ProfileDraft } from '../../../src/connections/profileDraft';
import type { ConnectionProfile, S3CredentialSource, S3EndpointSettings } from '../../../src/connections/types';

const PASSWORD = 'sandbox-pw-7f3a';
const SECRET_KEY = 'S3-SECRET-91c2';

/** The connection manager's seeding surface, in memory: profiles apart from secrets, as the real one keeps them. */
class MemoryTarget implements SeedTarget {
  profiles: ConnectionProfile[] = [];
  passwords = new Map<string, string>();
  endpoints = new Map<string, S3EndpointSettings>();
  s3 = new Map<string, S3CredentialSource>();
  listProfiles(): ConnectionProfile[] {
    return [...this.profiles];
  }
  async addProfile(draft: ProfileDraft, password?: string): Promise<ConnectionProfile> {
    if (!draft.host) throw new Error('Enter the host name or IP address of a StarRocks FE.');
    const profile = { ...draft, id: `id-${this.profiles.length + 1}` };
    this.profiles.push(profile);
    if (password !== undefined) this.passwords.set(profile.id, password);
    return profile;
  }
  async setS3Endpoint(profileId: string, repository: string, endpoint: S3EndpointSettings): Promise<void> {
    this.endpoints.set(`${profileId}/${repository}`, endpoint);
  }
  async setS3Credentials(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void> {
    this.s3.set(`${profileId}/${repository}`, credentials);
  }
}

class MemoryLog {
  lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
}

function seedText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    connections: [
      {
        profile: {
          name: 'Sandbox',
          host: '127.0.0.1',
          port: 19030,
          user: 'root',
          passwordMode: 'stored',
          environment: 'demo',
          s3Endpoints: { demo_repo: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true } },
        },
        password: PASSWORD,
        s3Credentials: { demo_repo: { accessKeyId: 'S3RVER', secretAccessKey: SECRET_KEY } },
        ...overrides,
      },
    ],
  });
}

describe('connections/seedConnections', () => {
  it('adds the profile with its password and S3 keys through the manager, secrets apart from the profile', async () => {
    const target = new MemoryTarget();
    const log = new MemoryLog();
    const env: NodeJS.ProcessEnv = { [SEED_ENV]: seedText() };
    const outcome = await seedFromEnvironment(target, env, true, log);
    assert.deepStrictEqual(outcome, { added: ['Sandbox'], skipped: [], errors: [] });
    assert.strictEqual(target.profiles.length, 1);
    const [profile] = target.profiles;
    assert.deepStrictEqual(
      {
        name: profile.name,
        host: profile.host,
        port: profile.port,
        user: profile.user,
        passwordMode: profile.passwordMode,
        environment: profile.environment,
      },
      { name: 'Sandbox', host: '127.0.0.1', port: 19030, user: 'root', passwordMode: 'stored', environment: 'demo' },
    );
    assert.ok(!JSON.stringify(target.profiles).includes(PASSWORD), 'the password must not be part of the profile');
    assert.ok(!JSON.stringify(target.profiles).includes(SECRET_KEY), 'the S3 secret must not be part of the profile');
    assert.strictEqual(target.passwords.get(profile.id), PASSWORD);
    assert.deepStrictEqual(target.endpoints.get(`${profile.id}/demo_repo`), { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    assert.deepStrictEqual(target.s3.get(`${profile.id}/demo_repo`), { kind: 'keys', accessKeyId: 'S3RVER', secretAccessKey: SECRET_KEY });
    assert.ok(!(SEED_ENV in env), 'the variable is removed once read');
    assert.ok(
      log.lines.some((l) => l.includes('Sandbox')),
      log.lines.join('\n'),
    );
    assert.ok(!log.lines.join('\n').includes(PASSWORD) && !log.lines.join('\n').includes(SECRET_KEY), log.lines.join('\n'));
  });

  it('leaves an existing profile of the same name (any case) and its password alone', async () => {
    const target = new MemoryTarget();
    target.profiles.push({ id: 'old', name: 'sandbox', host: 'elsewhere', port: 9030, user: 'admin', tls: 'off', passwordMode: 'stored' });
    target.passwords.set('old', 'kept');
    const outcome = await applySeed(target, parseSeed(seedText()).seeds);
    assert.deepStrictEqual(outcome, { added: [], skipped: ['Sandbox'], errors: [] });
    assert.deepStrictEqual(
      target.profiles.map((p) => p.host),
      ['elsewhere'],
    );
    assert.strictEqual(target.passwords.get('old'), 'kept');
    assert.strictEqual(target.s3.size, 0);
  });

  it('stores no password for a profile that asks for it on connect', async () => {
    const target = new MemoryTarget();
    const text = JSON.stringify({
      connections: [{ profile: { name: 'Ask', host: 'fe1', user: 'u', passwordMode: 'ask' }, password: PASSWORD }],
    });
    await applySeed(target, parseSeed(text).seeds);
    assert.strictEqual(target.profiles.length, 1);
    assert.strictEqual(target.passwords.size, 0);
  });

  it('is ignored outside development and test mode, and still removed from the environment', async () => {
    const target = new MemoryTarget();
    const log = new MemoryLog();
    const env: NodeJS.ProcessEnv = { [SEED_ENV]: seedText() };
    const outcome = await seedFromEnvironment(target, env, false, log);
    assert.deepStrictEqual(outcome, { added: [], skipped: [], errors: [] });
    assert.strictEqual(target.profiles.length, 0);
    assert.ok(!(SEED_ENV in env));
    assert.ok(
      log.lines.some((l) => l.startsWith('warn') && l.includes('development or test mode')),
      log.lines.join('\n'),
    );
  });

  it('does nothing without the variable', async () => {
    const target = new MemoryTarget();
    const log = new MemoryLog();
    assert.deepStrictEqual(await seedFromEnvironment(target, {}, true, log), { added: [], skipped: [], errors: [] });
    assert.deepStrictEqual(log.lines, []);
  });

  it('rejects malformed JSON without quoting it (its text holds the password)', async () => {
    const log = new MemoryLog();
    const broken = seedText().slice(0, -3);
    const outcome = await seedFromEnvironment(new MemoryTarget(), { [SEED_ENV]: broken }, true, log);
    assert.deepStrictEqual(outcome.added, []);
    assert.deepStrictEqual(outcome.errors, [`${SEED_ENV} is not valid JSON.`]);
    assert.ok(!log.lines.join('\n').includes(PASSWORD), log.lines.join('\n'));
  });

  it('rejects the whole seed when any entry is invalid, naming the entry and field but no value', () => {
    const text = JSON.stringify({
      connections: [
        { profile: { name: 'ok', host: 'h', user: 'u' }, password: PASSWORD },
        { profile: { name: 'bad', host: 'h', user: 'u', port: 70000 }, password: 42, s3Credentials: { r: { accessKeyId: 'a' } } },
      ],
    });
    const { seeds, errors } = parseSeed(text);
    assert.deepStrictEqual(seeds, []);
    assert.ok(
      errors.some((e) => e.startsWith('connections[1].password')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('connections[1].s3Credentials.r')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('connections[1].port')),
      errors.join('\n'),
    );
    assert.ok(!errors.join('\n').includes(PASSWORD));
  });

  it('reports a profile the manager refuses and goes on with the others', async () => {
    const target = new MemoryTarget();
    const seeds = parseSeed(seedText()).seeds;
    const refused = { ...seeds[0], profile: { ...seeds[0].profile, name: 'Broken', host: '' } };
    const outcome = await applySeed(target, [refused, seeds[0]]);
    assert.deepStrictEqual(outcome.added, ['Sandbox']);
    assert.strictEqual(outcome.errors.length, 1);
    assert.match(outcome.errors[0], /^Broken: Enter the host name/);
  });
});
