import * as assert from 'assert';
import { explainServerError, serverMessage } from '../../../src/starrocks/errors';
import { V25, V34 } from './helpers/servers';

describe('starrocks/errors', () => {
  it('wrong password (1045)', () => {
    const e = explainServerError({
      errno: 1045,
      sqlState: '28000',
      message: "Access denied for user 'bob'@'10.0.0.1' (using password: YES)",
    });
    assert.strictEqual(e.kind, 'auth');
    assert.match(e.summary, /password is wrong/);
  });

  it('unreachable hosts and TLS failures', () => {
    assert.deepStrictEqual(
      ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'PROTOCOL_CONNECTION_LOST'].map(
        (code) => explainServerError({ code, message: `connect ${code}` }).kind,
      ),
      ['connection', 'connection', 'connection', 'connection'],
    );
    assert.match(explainServerError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9030' }).advice, /9030/);
    assert.match(explainServerError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND fe' }).summary, /could not be resolved/);
    assert.match(
      explainServerError({ code: 'HANDSHAKE_NO_SSL_SUPPORT', message: 'Server does not support secure connection' }).advice,
      /does not accept TLS/,
    );
    assert.match(explainServerError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }).advice, /CA file/);
    assert.match(explainServerError({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }).advice, /expired/);
    assert.match(
      explainServerError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }).advice,
      /another host name/,
    );
  });

  it('missing RBAC privileges become the exact GRANT', () => {
    const repo = explainServerError(
      {
        errno: 5203,
        sqlState: '42000',
        message:
          'Access denied; you need (at least one of) the REPOSITORY privilege(s) on SYSTEM for this operation. Please ask the admin to grant permission(s) or try activating existing roles using <set [default] role>. Current role(s): NONE. Inactivated role(s): NONE.',
      },
      { caps: V34, user: 'bob' },
    );
    assert.strictEqual(repo.kind, 'privilege');
    assert.strictEqual(repo.grant, "GRANT REPOSITORY ON SYSTEM TO USER 'bob'");
    const exp = explainServerError(
      { errno: 5203, message: 'Access denied; you need (at least one of) the EXPORT privilege(s) on TABLE tbl1 for this operation.' },
      { caps: V34, user: 'bob', database: 'db1' },
    );
    assert.strictEqual(exp.grant, "GRANT EXPORT ON TABLE db1.tbl1 TO USER 'bob'");
    const create = explainServerError(
      {
        errno: 5203,
        message: 'Access denied; you need (at least one of) the CREATE TABLE privilege(s) on DATABASE db1 for this operation',
      },
      { caps: V34 },
    );
    assert.strictEqual(create.grant, 'GRANT CREATE TABLE ON DATABASE db1 TO USER <user>');
    const weird = explainServerError(
      { errno: 5203, message: 'Access denied; you need (at least one of) the INSERT privilege(s) on TABLE my-db.`t t` for this operation' },
      { caps: V34 },
    );
    assert.strictEqual(weird.grant, 'GRANT INSERT ON TABLE `my-db`.`t t` TO USER <user>');
  });

  it('before 3.0 the fix is the ADMIN privilege', () => {
    const e = explainServerError(
      { errno: 1227, message: 'Access denied; you need (at least one of) the ADMIN privilege(s) for this operation' },
      { caps: V25, user: 'bob' },
    );
    assert.strictEqual(e.kind, 'privilege');
    assert.strictEqual(e.grant, "GRANT ADMIN_PRIV ON *.* TO 'bob'@'%'");
  });

  it("recognises each version's syntax-error wording", () => {
    const v25 = explainServerError({
      errno: 1064,
      sqlState: 'HY000',
      message:
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'DATABASE' at line 1",
    });
    const v3 = explainServerError({
      errno: 1064,
      sqlState: '42000',
      message:
        "Getting syntax error at line 1, column 7. Detail message: Unexpected input 'DATABASE', the most similar input is {'SNAPSHOT'}.",
    });
    assert.deepStrictEqual([v25.kind, v3.kind], ['syntax', 'syntax']);
  });

  it('explains the refusal of a view by a BACKUP before 3.4, in the 2.x and the 3.x wording', () => {
    for (const message of ["Table 'order_ids' is not a OLAP table", 'Table: order_ids can not support backup restore, type: VIEW']) {
      const e = explainServerError({ errno: 1064, message });
      assert.strictEqual(e.summary, message);
      assert.match(e.advice, /cannot back up views \(3\.4 can/);
    }
  });

  it('explains the 4.2 DROP SNAPSHOT analyzer messages', () => {
    assert.match(
      explainServerError({ errno: 5064, message: 'Getting analyzing error. Detail message: Repository [nope] does not exist.' }).advice,
      /SHOW REPOSITORIES/,
    );
    assert.match(
      explainServerError({ errno: 1064, message: 'Getting analyzing error. Detail message: Must specify a snapshot name.' }).advice,
      /DROP SNAPSHOT <snapshot> ON <repository>/,
    );
    assert.match(
      explainServerError({ errno: 1064, message: "Getting analyzing error. Detail message: Incorrect repository name 'bad-name'." }).advice,
      /start with a letter/,
    );
  });

  it('unwraps the analyzer wrapper and Doris-style messages', () => {
    assert.strictEqual(
      serverMessage("Getting analyzing error from line 1, column 0 to line 1, column 30. Detail message: Unknown database 'test1'."),
      "Unknown database 'test1'",
    );
    assert.strictEqual(
      serverMessage('errCode = 2, detailMessage = Can only run one backup or restore job of a database at same time'),
      'Can only run one backup or restore job of a database at same time',
    );
    const e = explainServerError({
      errno: 5501,
      sqlState: '3F000',
      message: "Getting analyzing error. Detail message: Unknown database 'test1'.",
    });
    assert.strictEqual(e.kind, 'notFound');
    assert.strictEqual(e.summary, "Unknown database 'test1'");
  });

  it('classifies the backup messages of spec §6 by text, not by code', () => {
    const cases: [number, string, string][] = [
      [5064, 'Can only run one backup or restore job of a database at same time', 'busy'],
      [1064, 'Can only run one backup or restore job of a database at same time', 'busy'],
      [5064, 'Another backup or restore job is being submitted. Please wait and try again', 'busy'],
      [1064, "Getting syntax error at line 1, column 7. Detail message: Unexpected input 'SNAPSHT'.", 'syntax'],
      [5064, 'Repository [r1] does not exist', 'notFound'],
      [5064, 'Table t9 does not exist in snapshot snap1', 'notFound'],
      [
        5064,
        "Failed to get info of snapshot 'snap1' because: [COMMON_ERROR, msg: Expected one file with path: x. get: 0]. Maybe specified wrong backup timestamp",
        'notFound',
      ],
      [5064, 'No backup job is currently running', 'notFound'],
      [
        5064,
        'Failed to create repository: failed to list remote path: s3a://b/__starrocks_repository_r/__repo_info. msg: java.lang.IllegalArgumentException: bucket is null/empty',
        'storage',
      ],
      [5064, 'Failed to create repository: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)', 'storage'],
      [5064, "Snapshot with name 'snap1' already exist in repository", 'other'],
      [5064, 'Repository r1 is read only', 'other'],
      [5064, 'timeout must be at least 10 min', 'other'],
      [5064, 'something nobody has seen before', 'other'],
    ];
    for (const [errno, message, kind] of cases) {
      assert.strictEqual(explainServerError({ errno, message }).kind, kind, message);
    }
    assert.match(explainServerError({ message: 'bucket is null/empty' }).advice, /s3a:\/\//);
    assert.match(explainServerError({ message: 'Failed to create repository: AccessDenied' }).advice, /s3:ListBucket/);
    assert.strictEqual(explainServerError({ message: 'something nobody has seen before' }).advice, '');
  });
});
