import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { GuideContext } from '../../src/commands/guide/walkthroughIds';
import { childLabelled, childrenOf, connectionNodeOf } from './support/explorer';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { addSandboxProfile } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';

const PASSWORD = 'guide-secret';
const ACCOUNT = '123456789012';
const MACHINE_ARN = `arn:aws:iam::${ACCOUNT}:user/laptop`;
const TRUSTED_ROLE = `arn:aws:iam::${ACCOUNT}:role/starrocks-backup`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/not-trusting-this-machine`;

/**
 * A loopback STS answering GetCallerIdentity and AssumeRole in the awsQuery XML the SDK reads; the
 * role TRUSTED_ROLE may be assumed, any other is denied. Real HTTP, so the extension's STS client,
 * credential chain and request signing run as they would against AWS.
 */
async function startFakeSts(): Promise<{ server: Server; url: string; actions: string[] }> {
  const actions: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const action = form.get('Action') ?? '';
      actions.push(action === 'AssumeRole' ? `AssumeRole ${form.get('RoleArn')}` : action);
      const ns = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"';
      res.setHeader('content-type', 'text/xml');
      if (action === 'GetCallerIdentity') {
        res.end(
          `<GetCallerIdentityResponse ${ns}><GetCallerIdentityResult><Arn>${MACHINE_ARN}</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      } else if (action === 'AssumeRole' && form.get('RoleArn') === TRUSTED_ROLE) {
        res.end(
          `<AssumeRoleResponse ${ns}><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>temporary</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:starrocks-backup-access-check</AssumedRoleId><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/starrocks-backup/starrocks-backup-access-check</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        );
      } else {
        res.statusCode = 403;
        res.end(
          `<ErrorResponse ${ns}><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${MACHINE_ARN} is not authorized to perform: sts:AssumeRole on resource: ${form.get('RoleArn')}</Message></Error><RequestId>3</RequestId></ErrorResponse>`,
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, actions };
}

describe('The guide: notes, privileges, IAM policies, access report', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let root: ConnectionProfile;
  let operator: ConnectionProfile;

  const suite = useSandboxSuite({
    main: {
      options: {
        seed: 'demo',
        version: '3.4',
        password: PASSWORD,
        users: [{ user: 'operator', password: PASSWORD, privileges: ['REPOSITORY ON SYSTEM'] }],
      },
      profile: 'guide root',
    },
  });
  before(async () => {
    ({ api, originalPrompter } = suite);
    root = suite.profile('main');
    operator = await addSandboxProfile(api, suite.sandbox('main'), 'guide operator', { user: 'operator' });
  });
  after(async () => {
    if (api.connections.getProfile(operator.id)) await api.connections.removeProfile(operator.id);
  });
  afterEach(() => {
    api.prompter = originalPrompter;
  });

  function script(): ScriptedPrompter {
    const scripted = new ScriptedPrompter();
    api.prompter = scripted;
    return scripted;
  }

  async function backUpPreview(profile: ConnectionProfile): Promise<{ detail: string }> {
    const prompts = script()
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Choose tables and partitions…')
      .chooseMany(/Tables to back up/, ['customers'])
      .choose(/Repository to write/, 'demo_repo')
      .answer(/^Snapshot label/, `guide_${Date.now()}`)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_sales to repository/, undefined);
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.backup', { profileId: profile.id })) as WorkflowOutcome;
    prompts.assertFinished();
    assert.equal(outcome.status, 'cancelled');
    const preview = prompts.transcript.find((r) => r.kind === 'confirm');
    return { detail: preview?.detail ?? '' };
  }

  it('the Back Up preview names the missing GRANT from SHOW GRANTS, and says what a snapshot does not hold', async () => {
    const { detail } = await backUpPreview(operator);
    assert.match(detail, /SHOW GRANTS shows no privilege/);
    assert.match(detail, /GRANT EXPORT ON TABLE `demo_sales`\.`customers` TO USER 'operator'@'%'/);
    assert.doesNotMatch(detail, /GRANT REPOSITORY/, 'REPOSITORY ON SYSTEM is held');
    assert.match(detail, /Asynchronous materialized views are not backed up as materialized views/);
    assert.match(detail, /User accounts, privileges and resource groups are not backed up, and Colocate Join/);
    assert.match(detail, /compression of the backed-up data cannot be chosen/);
    assert.match(detail, /quiet hours/);

    const admin = await backUpPreview(root);
    assert.doesNotMatch(admin.detail, /GRANT|privileges could not be checked/, 'root holds everything: nothing to say');
  });

  it('says the privileges could not be checked when SHOW GRANTS fails, and lets the user go on', async () => {
    const sandbox = suite.sandbox('main');
    await sandbox.control.failStatements(/^SHOW GRANTS/i, { message: 'injected: SHOW GRANTS unavailable' });
    try {
      const { detail } = await backUpPreview(operator);
      assert.match(
        detail,
        /The privileges could not be checked \(SHOW GRANTS failed: .*injected: SHOW GRANTS unavailable.*\); the server decides/,
      );
    } finally {
      await sandbox.control.failStatements(/^SHOW GRANTS/i, undefined);
    }
  });

  it("ticks the walkthrough's steps from what the tree reads, and opens the walkthrough", async () => {
    const connection = await connectionNodeOf(api, root.id);
    api.tree.refresh(connection);
    const repo = await childLabelled(api, connection, 'demo_repo');
    assert.ok(api.guide.has(GuideContext.hasRepository), 'a repository exists');
    const snapshot = await childLabelled(api, repo.node, 'demo_sales_orders');
    assert.ok(api.guide.has(GuideContext.hasSnapshot), 'a snapshot exists');
    await childrenOf(api, snapshot.node);
    assert.ok(api.guide.has(GuideContext.snapshotChecked), "the snapshot's contents were read (SHOW SNAPSHOT … WHERE SNAPSHOT =)");
    await vscode.commands.executeCommand('starrocksBackup.openWalkthrough');
  });

  it('offers both IAM policies for a bucket before any repository exists', async () => {
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.showIamPolicies', {
      location: 's3a://guide-bucket/backups/prod',
    })) as WorkflowOutcome & { text?: string };
    assert.equal(outcome.status, 'done');
    const text = outcome.text ?? '';
    assert.equal(vscode.window.activeTextEditor?.document.getText(), text, 'opened as a document');
    assert.match(
      text,
      /"Sid": "s3",\s*"Effect": "Allow",\s*"Action": \[\s*"s3:GetObject"\s*\],\s*"Resource": \[\s*"arn:aws:s3:::guide-bucket\/\*"/,
    );
    assert.match(text, /"Sid": "s3list"[\s\S]*"arn:aws:s3:::guide-bucket"/);
    assert.match(
      text,
      /"s3:PutObject",\s*"s3:DeleteObject",\s*"s3:AbortMultipartUpload"\s*\],\s*"Resource": \[\s*"arn:aws:s3:::guide-bucket\/backups\/prod\/\*"/,
    );
    assert.match(text, /\| `s3:DeleteObject` \| backup \(each file is uploaded as a \.part object/);
  });

  describe('Check S3 Access for a repository the cluster reaches through an assumed role', () => {
    let sts: Awaited<ReturnType<typeof startFakeSts>>;
    const saved: Record<string, string | undefined> = {};
    const ENV = ['AWS_ENDPOINT_URL_STS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'];

    before(async () => {
      sts = await startFakeSts();
      for (const key of ENV) saved[key] = process.env[key];
      // The extension host is this process: its default credential chain reads these.
      const { accessKey, secretKey } = suite.sandbox('main').info;
      process.env.AWS_ENDPOINT_URL_STS = sts.url;
      process.env.AWS_ACCESS_KEY_ID = accessKey;
      process.env.AWS_SECRET_ACCESS_KEY = secretKey;
      delete process.env.AWS_PROFILE;
    });
    after(async () => {
      for (const key of ENV) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await new Promise((resolve) => sts.server.close(resolve));
    });

    async function checkWithRole(roleArn: string): Promise<string> {
      const { s3Endpoint, region } = suite.sandbox('main').info;
      await api.connections.setS3Credentials(root.id, 'demo_repo', { kind: 'defaultChain' });
      await api.connections.setS3Endpoint(root.id, 'demo_repo', {
        endpoint: s3Endpoint,
        region,
        forcePathStyle: true,
        repositoryAuth: { method: 'assumeRole', roleArn, region },
      });
      const outcome = (await vscode.commands.executeCommand('starrocksBackup.checkS3Access', {
        profileId: root.id,
        repository: 'demo_repo',
      })) as WorkflowOutcome & { text?: string };
      assert.equal(outcome.status, 'done', JSON.stringify(outcome));
      return outcome.text ?? '';
    }

    it("says it could only use this machine's credentials, names the identity and reports the AssumeRole result", async () => {
      const ok = await checkWithRole(TRUSTED_ROLE);
      assert.match(ok, /through an assumed role: the credentials of its FE and BE hosts, which this machine does not have/);
      assert.match(ok, new RegExp(`This machine's identity \\(sts:GetCallerIdentity\\): \`${MACHINE_ARN}\` in account \`${ACCOUNT}\``));
      assert.match(ok, /sts:AssumeRole of `arn:aws:iam::123456789012:role\/starrocks-backup` from this identity succeeded/);

      const denied = await checkWithRole(OTHER_ROLE);
      assert.match(
        denied,
        /sts:AssumeRole of `arn:aws:iam::123456789012:role\/not-trusting-this-machine` from this identity failed: AccessDenied/,
      );
      assert.deepEqual(sts.actions, ['GetCallerIdentity', `AssumeRole ${TRUSTED_ROLE}`, 'GetCallerIdentity', `AssumeRole ${OTHER_ROLE}`]);
    });
  });
});
