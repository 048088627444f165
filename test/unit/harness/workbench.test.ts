import * as assert from 'node:assert/strict';
import type { CodeServer } from '../../harness/codeServer';
import { workbenchUrl } from '../../harness/workbench';

const server: CodeServer = { port: 41234, origin: 'http://127.0.0.1:41234', logFile: '/dev/null', stop: async () => undefined };

function payloadOf(url: string): [string, string][] {
  return JSON.parse(new URL(url).searchParams.get('payload') ?? 'null');
}

describe('harness workbenchUrl', () => {
  it('opens the folder and passes the extension and tests as vscode-remote URIs', () => {
    const url = workbenchUrl(server, {
      workspace: '/tmp/ws one',
      extensionDevelopmentPath: '/work/ext',
      extensionTestsPath: '/work/ext/out/test/integration/index.js',
    });
    assert.equal(new URL(url).origin, server.origin);
    assert.equal(new URL(url).searchParams.get('folder'), '/tmp/ws one');
    assert.deepEqual(payloadOf(url), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:41234/work/ext'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:41234/work/ext/out/test/integration/index.js'],
      ['skipWelcome', 'true'],
    ]);
  });

  it('leaves the tests out for a plain workbench (UI checks)', () => {
    const payload = payloadOf(workbenchUrl(server, { workspace: '/w', extensionDevelopmentPath: '/e' }));
    assert.deepEqual(
      payload.map(([key]) => key),
      ['extensionDevelopmentPath', 'skipWelcome'],
    );
  });
});
