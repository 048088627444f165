import * as assert from 'assert';
import {
  credentialProperties,
  credentialsFromProperties,
  type RepositoryCredentials,
} from '../../../../src/starrocks/builders/credentials';

/** `c` without its undefined fields, as deepStrictEqual compares them. */
function defined(c: RepositoryCredentials): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}

describe('starrocks/builders/credentials: credentialsFromProperties', () => {
  it('reads back every method the wizard writes', () => {
    const methods: RepositoryCredentials[] = [
      { method: 'instanceProfile', region: 'us-west-2' },
      { method: 'assumeRole', roleArn: 'arn:aws:iam::123456789012:role/sr', externalId: 'ext-1', region: 'eu-west-1' },
      { method: 'accessKeys', accessKey: 'AKIAEXAMPLE', secretKey: 'sk/1', region: 'us-east-1' },
      {
        method: 'accessKeys',
        accessKey: 'ASIAEXAMPLE',
        secretKey: 'sk/2',
        sessionToken: 'tok',
        region: 'us-east-1',
        endpoint: 'https://s3.us-east-1.amazonaws.com',
      },
      {
        method: 's3Compatible',
        endpoint: 'http://minio:9000',
        accessKey: 'minio',
        secretKey: 'minio-secret',
        region: 'us-east-1',
        pathStyle: true,
        ssl: false,
      },
      { method: 'defaultChain', region: 'ap-south-1' },
      { method: 'none' },
    ];
    for (const c of methods) {
      assert.deepStrictEqual(defined(credentialsFromProperties(credentialProperties(c))), defined(c), c.method);
    }
  });

  it('reads the properties as a hand-written statement has them', () => {
    const props = {
      'aws.s3.access_key': 'AK',
      'aws.s3.secret_key': 'SK',
      'aws.s3.endpoint': 'http://127.0.0.1:9000',
      'aws.s3.region': 'us-east-1',
      'aws.s3.enable_path_style_access': 'TRUE',
    };
    assert.deepStrictEqual(defined(credentialsFromProperties(props)), {
      method: 's3Compatible',
      endpoint: 'http://127.0.0.1:9000',
      accessKey: 'AK',
      secretKey: 'SK',
      region: 'us-east-1',
      pathStyle: true,
    });
    assert.deepStrictEqual(
      defined(credentialsFromProperties({ 'aws.s3.access_key': 'AK', 'aws.s3.secret_key': 'SK', 'aws.s3.region': 'us-east-1' })),
      { method: 'accessKeys', accessKey: 'AK', secretKey: 'SK', region: 'us-east-1' },
    );
  });

  it('needs both keys, and reads an instance profile without a region as the default chain', () => {
    assert.deepStrictEqual(credentialsFromProperties({ 'aws.s3.access_key': 'AK', 'aws.s3.region': 'us-east-1' }), { method: 'none' });
    assert.deepStrictEqual(credentialsFromProperties({ 'aws.s3.use_instance_profile': 'true' }), {
      method: 'defaultChain',
      region: undefined,
    });
    assert.deepStrictEqual(credentialsFromProperties({ 'aws.s3.use_aws_sdk_default_behavior': 'true', 'aws.s3.region': 'us-east-2' }), {
      method: 'defaultChain',
      region: 'us-east-2',
    });
    assert.deepStrictEqual(credentialsFromProperties({}), { method: 'none' });
  });
});
