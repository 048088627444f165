import * as assert from 'node:assert/strict';
import { endpointOrigin } from '../../../src/storage/client';
import { bypassesProxy, proxyFor, withoutCredentials, type ProxyChoice, type ProxyConfig } from '../../../src/storage/proxy';

const S3 = 'https://s3.us-east-1.amazonaws.com';

function via(choice: ProxyChoice): string {
  if (choice.kind === 'direct') return 'direct';
  if (choice.kind === 'invalid') return `invalid ${choice.source} ${choice.shown}`;
  return `${choice.url.href} ${choice.source} strict=${choice.strictSSL}`;
}

const route = (endpoint: string, config: Partial<ProxyConfig>): string => via(proxyFor(endpoint, { env: {}, ...config }));

describe('storage proxy: which proxy an S3 endpoint goes through', () => {
  it('goes directly when nothing is configured', () => {
    assert.equal(route(S3, {}), 'direct');
    assert.equal(route(S3, { proxySetting: '  ' }), 'direct');
  });

  it('prefers the http.proxy setting over the environment, and keeps http.proxyStrictSSL', () => {
    assert.equal(
      route(S3, { proxySetting: 'http://proxy.corp:3128', strictSSL: false, env: { HTTPS_PROXY: 'http://env:1' } }),
      'http://proxy.corp:3128/ http.proxy strict=false',
    );
    assert.equal(route(S3, { proxySetting: 'http://proxy.corp:3128' }), 'http://proxy.corp:3128/ http.proxy strict=true');
  });

  it('takes HTTPS_PROXY for https endpoints (falling back to HTTP_PROXY) and only HTTP_PROXY for http ones', () => {
    const env = { HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2' };
    assert.equal(route(S3, { env }), 'http://secure:1/ HTTPS_PROXY strict=true');
    assert.equal(route('http://minio.local:9000', { env }), 'http://plain:2/ HTTP_PROXY strict=true');
    assert.equal(route(S3, { env: { HTTP_PROXY: 'http://plain:2' } }), 'http://plain:2/ HTTP_PROXY strict=true');
    assert.equal(route('http://minio.local:9000', { env: { HTTPS_PROXY: 'http://secure:1' } }), 'direct');
    assert.equal(route(S3, { env: { https_proxy: 'http://lower:3' } }), 'http://lower:3/ https_proxy strict=true');
    assert.equal(
      route(S3, { env: { HTTPS_PROXY: 'http://upper:4', https_proxy: 'http://lower:3' } }),
      'http://upper:4/ HTTPS_PROXY strict=true',
    );
  });

  it('reads host:port without a scheme as an http proxy, and refuses what is not an http(s) URL without showing its password', () => {
    assert.equal(route(S3, { proxySetting: 'proxy.corp:8080' }), 'http://proxy.corp:8080/ http.proxy strict=true');
    assert.equal(route(S3, { proxySetting: 'socks5://user:s3cret@proxy:1080' }), 'invalid http.proxy socks5://proxy:1080');
    assert.equal(route(S3, { env: { HTTPS_PROXY: 'http://user:s3cret@[bad' } }), 'invalid HTTPS_PROXY http://[bad');
    assert.ok(!route(S3, { proxySetting: 'socks5://user:s3cret@proxy:1080' }).includes('s3cret'));
  });

  it('keeps proxy credentials in the URL the agent uses, and never in the text shown', () => {
    const choice = proxyFor(S3, { env: {}, proxySetting: 'http://alice:pa%40ss@proxy:3128' });
    assert.equal(choice.kind, 'proxy');
    if (choice.kind !== 'proxy') return;
    assert.equal(choice.url.username, 'alice');
    assert.equal(withoutCredentials(choice.url), 'http://proxy:3128');
    assert.equal(withoutCredentials('alice:pw@proxy:3128'), 'proxy:3128');
  });

  it('sends NO_PROXY hosts (from the environment and http.noProxy) directly, whichever proxy applies', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: 'localhost, .internal,10.0.0.0/8' };
    assert.equal(route('http://localhost:9000', { env }), 'direct');
    assert.equal(route('https://minio.internal', { env }), 'direct');
    assert.equal(route('https://internal', { env }), 'direct');
    assert.equal(route('https://10.1.2.3:9000', { env }), 'direct');
    assert.equal(route('https://11.1.2.3:9000', { env }), 'http://p:1/ HTTPS_PROXY strict=true');
    assert.equal(route(S3, { env }), 'http://p:1/ HTTPS_PROXY strict=true');
    assert.equal(route(S3, { proxySetting: 'http://s:2', noProxySetting: ['amazonaws.com'], env: {} }), 'direct');
    assert.equal(route(S3, { env: { HTTPS_PROXY: 'http://p:1', no_proxy: '*' } }), 'direct');
  });

  it('does not bypass the proxy for loopback unless NO_PROXY says so', () => {
    assert.equal(
      route('http://127.0.0.1:4568', { env: { HTTP_PROXY: 'http://127.0.0.1:8888' } }),
      'http://127.0.0.1:8888/ HTTP_PROXY strict=true',
    );
    assert.equal(route('http://127.0.0.1:4568', { env: { HTTP_PROXY: 'http://127.0.0.1:8888', NO_PROXY: '127.0.0.1' } }), 'direct');
  });

  it('matches NO_PROXY entries by domain boundary, port and CIDR, never by substring', () => {
    const bypass = (url: string, ...entries: string[]) => bypassesProxy(new URL(url), entries);
    assert.equal(bypass('https://example.com', 'example.com'), true);
    assert.equal(bypass('https://a.b.example.com', '*.example.com'), true);
    assert.equal(bypass('https://notexample.com', 'example.com'), false);
    assert.equal(bypass('https://example.com.evil.net', 'example.com'), false);
    assert.equal(bypass('https://example.com', 'example.com:443'), true);
    assert.equal(bypass('https://example.com', 'example.com:8443'), false);
    assert.equal(bypass('http://example.com', 'example.com:80'), true);
    assert.equal(bypass('http://[::1]:9000', '::1'), true, 'a bare IPv6 address is not read as host:port');
    assert.equal(bypass('http://[::1]:9000', '[::1]'), true);
    assert.equal(bypass('http://[::1]:9000', '[::1]:9000'), true);
    assert.equal(bypass('http://192.168.1.7', '192.168.0.0/16'), true);
    assert.equal(bypass('http://192.169.1.7', '192.168.0.0/16'), false);
    assert.equal(bypass('http://1.2.3.4', '0.0.0.0/0'), true);
    assert.equal(bypass('http://host', '10.0.0.0/99', '', '.'), false);
    assert.equal(bypass('https://EXAMPLE.com', 'Example.COM'), true);
  });

  it('decides on the custom endpoint, or on the regional AWS endpoint when there is none', () => {
    assert.equal(endpointOrigin({}).href, 'https://s3.us-east-1.amazonaws.com/');
    assert.equal(endpointOrigin({ region: 'eu-west-1' }).href, 'https://s3.eu-west-1.amazonaws.com/');
    assert.equal(endpointOrigin({ endpoint: 'minio.local:9000' }).href, 'https://minio.local:9000/');
    assert.equal(endpointOrigin({ endpoint: 'http://127.0.0.1:4568/' }).href, 'http://127.0.0.1:4568/');
  });
});
