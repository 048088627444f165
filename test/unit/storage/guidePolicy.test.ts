import * as assert from 'assert';
import { guideReadPolicy, guideWritePolicy, policyJson } from '../../../src/storage/iamPolicy';

describe('storage/iamPolicy: the guide policies', () => {
  it("the read policy is the guide's document, word for word", () => {
    const expected = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 's3', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::my-bucket/*'] },
        { Sid: 's3list', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::my-bucket'] },
      ],
    };
    assert.deepStrictEqual(JSON.parse(policyJson(guideReadPolicy('my-bucket'))), expected);
  });

  it('the write policy adds PutObject, DeleteObject and AbortMultipartUpload, scoped to the prefix when given', () => {
    const scoped = guideWritePolicy('my-bucket', '/backups/prod/');
    assert.deepStrictEqual(scoped.Statement.slice(0, 2), guideReadPolicy('my-bucket').Statement);
    assert.deepStrictEqual(scoped.Statement[2], {
      Sid: 's3write',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      Resource: ['arn:aws:s3:::my-bucket/backups/prod/*'],
    });
    assert.deepStrictEqual(guideWritePolicy('my-bucket', undefined).Statement[2].Resource, ['arn:aws:s3:::my-bucket/*']);
  });

  it('uses the partition of China and GovCloud regions', () => {
    assert.deepStrictEqual(guideReadPolicy('b', { region: 'cn-north-1' }).Statement[1].Resource, ['arn:aws-cn:s3:::b']);
    assert.deepStrictEqual(guideWritePolicy('b', 'p', { region: 'us-gov-west-1' }).Statement[2].Resource, ['arn:aws-us-gov:s3:::b/p/*']);
  });
});
