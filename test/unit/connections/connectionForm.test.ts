import * as assert from 'node:assert/strict';
import { parseConnectionAddress, type ParsedAddress } from '../../../src/connections/connectionAddress';
import { draftOf, formProblems, formValuesOf, readFormMessage, type ConnectionFormValues } from '../../../src/connections/connectionForm';
import { cleanDraft } from '../../../src/connections/profileDraft';
import { profileProblems, sshProblems } from '../../../src/connections/profileValidation';
import type { ConnectionProfile } from '../../../src/connections/types';

const PROFILE: ConnectionProfile = {
  id: 'p1',
  name: 'prod',
  host: 'fe1.example.com',
  port: 9030,
  user: 'admin',
  tls: 'off',
  passwordMode: 'stored',
  environment: 'production',
  ssh: {
    host: 'bastion',
    port: 2222,
    user: 'ops',
    auth: 'key',
    keyFile: '/home/ops/.ssh/id_ed25519',
    hostKey: { algorithm: 'ssh-ed25519', sha256: 'AAA' },
  },
};

const NOTHING_STORED = { password: false, sshSecret: false };

function values(overrides: Partial<ConnectionFormValues> = {}): ConnectionFormValues {
  return { ...formValuesOf(PROFILE), ...overrides };
}

describe('connection form model: fields, draft, problems, messages', () => {
  it('round-trips a profile with its tunnel through the form fields, keeping the accepted host key', () => {
    const { id: _id, ...expected } = PROFILE;
    assert.deepEqual(cleanDraft(draftOf(formValuesOf(PROFILE), PROFILE)), expected);
  });

  it('drops the accepted host key when the bastion changes, and the tunnel when it is switched off', () => {
    assert.equal(draftOf(values({ sshHost: 'other' }), PROFILE).ssh?.hostKey, undefined);
    assert.equal(draftOf(values({ sshPort: '22' }), PROFILE).ssh?.hostKey, undefined);
    assert.equal(draftOf(values({ sshEnabled: false }), PROFILE).ssh, undefined);
    assert.equal(draftOf(values({ sshAuth: 'agent' }), PROFILE).ssh?.keyFile, undefined, 'a key file only with key authentication');
  });

  it('fills a new form from a pasted address, and names it user@host:port when the name is left empty', () => {
    const parsed = parseConnectionAddress('jdbc:mysql://fe2:9131/sales?user=etl&password=x&useSSL=true') as ParsedAddress;
    const v = formValuesOf(undefined, parsed);
    assert.deepEqual([v.host, v.port, v.user, v.database, v.tls, v.sshEnabled, v.name], ['fe2', '9131', 'etl', 'sales', 'on', false, '']);
    assert.equal(draftOf(v).name, 'etl@fe2:9131');
    assert.ok(!JSON.stringify(v).includes('"x"'), 'the password is not a form value');
  });

  it("puts the validators' messages on the form fields, the tunnel's on the SSH fields", () => {
    const problems = formProblems(
      values({ host: 'bad host', port: 'x', sshHost: '', sshPort: '0', sshUser: ' ', sshKeyFile: 'relative/key', name: 'Taken' }),
      [{ name: 'taken' }],
      {},
      { password: true, sshSecret: false },
    );
    assert.match(problems.host ?? '', /cannot contain spaces/);
    assert.match(problems.port ?? '', /from 1 to 65535/);
    assert.match(problems.name ?? '', /already exists/);
    assert.match(problems.sshHost ?? '', /host name or IP address of the SSH bastion/);
    assert.match(problems.sshPort ?? '', /SSH port must be a number/);
    assert.match(problems.sshUser ?? '', /user to log in to the bastion/);
    assert.match(problems.sshKeyFile ?? '', /absolute path/);
    assert.equal(problems.password, undefined, 'a stored password is kept');
  });

  it('asks for the secrets a connection needs: the password when stored, the SSH password for password auth; a passphrase is optional', () => {
    assert.match(formProblems(values(), [], {}, NOTHING_STORED).password ?? '', /Enter the password/);
    assert.equal(formProblems(values({ passwordMode: 'ask' }), [], {}, NOTHING_STORED).password, undefined);
    assert.equal(formProblems(values(), [], { password: 'pw' }, NOTHING_STORED).sshSecret, undefined, 'no passphrase needed');
    assert.match(formProblems(values({ sshAuth: 'password' }), [], { password: 'pw' }, NOTHING_STORED).sshSecret ?? '', /SSH password/);
    assert.equal(
      formProblems(values({ sshAuth: 'password' }), [], { password: 'pw', sshSecret: 's' }, NOTHING_STORED).sshSecret,
      undefined,
    );
    assert.deepEqual(formProblems(values({ sshAuth: 'password' }), [], {}, { password: true, sshSecret: true }), {});
  });

  it('checks SSH settings in the profile validation too (imports and saves)', () => {
    assert.deepEqual(
      sshProblems({ host: 'ops@bastion', port: 22, user: 'ops', auth: 'agent' }).map((p) => p.field),
      ['host'],
    );
    assert.deepEqual(
      sshProblems({ host: 'bastion', port: 22, user: 'ops', auth: 'key' }).map((p) => p.field),
      ['keyFile'],
    );
    assert.deepEqual(sshProblems({ host: 'bastion', port: 22, user: 'ops', auth: 'key', keyFile: 'C:\\keys\\id' }), []);
    const { id: _id, ...draft } = PROFILE;
    assert.deepEqual(
      profileProblems({ ...draft, ssh: { ...PROFILE.ssh!, auth: 'telnet' as never } }, []).map((p) => p.field),
      ['ssh'],
    );
  });

  it('accepts only the messages the webview sends, with their fields typed', () => {
    const v = values();
    assert.deepEqual(readFormMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(readFormMessage({ type: 'save', values: v, secrets: { password: 'pw', sshSecret: '', extra: 1 } }), {
      type: 'save',
      values: v,
      secrets: { password: 'pw', sshSecret: undefined },
    });
    assert.equal(readFormMessage({ type: 'save', values: { ...v, tls: 'maybe' }, secrets: {} }), undefined);
    assert.equal(readFormMessage({ type: 'save', values: { ...v, host: 1 } }), undefined);
    assert.equal(readFormMessage({ type: 'pickFile', field: '/etc/passwd' }), undefined);
    assert.equal(readFormMessage({ type: 'eval', code: '1' }), undefined);
    assert.equal(readFormMessage(null), undefined);
    assert.equal(readFormMessage(['save']), undefined);
  });
});
