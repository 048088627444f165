import * as assert from 'node:assert/strict';
import { DEFAULT_DEMO_PORT, parseDemoArgs } from '../../harness/demo/args';
import { DEFAULT_CLI_PORT, parseCliArgs, toCliArgs } from '../../sandbox/cliArgs';

/** The two command lines (`npm run demo`, `npm run sandbox`), parsed with node:util's parseArgs. */
describe('harness/demo and sandbox command-line options', () => {
  it('demo: defaults, every option, and -h', () => {
    assert.deepEqual(parseDemoArgs([]), { port: DEFAULT_DEMO_PORT, browser: false, version: '3.4', jobSpeed: 'normal', help: false });
    assert.deepEqual(parseDemoArgs(['--browser', '--port', '9000', '--version', '3.3', '--job-speed', 'fast']), {
      port: 9000,
      browser: true,
      version: '3.3',
      jobSpeed: 'fast',
      help: false,
    });
    assert.equal(parseDemoArgs(['-h']).help, true);
    assert.equal(parseDemoArgs(['--port=8181']).port, 8181);
  });

  it('demo: rejects unknown options, missing values and bad values', () => {
    assert.throws(() => parseDemoArgs(['--nope']), /Unknown option '--nope'/);
    assert.throws(() => parseDemoArgs(['--port']), /--port/);
    assert.throws(() => parseDemoArgs(['--port', '0']), /--port must be a port number/);
    assert.throws(() => parseDemoArgs(['--version', '1.0']), /--version must be one of/);
    assert.throws(() => parseDemoArgs(['--job-speed', 'warp']), /--job-speed must be fast, normal or slow/);
    assert.throws(() => parseDemoArgs(['stray']), /positional/);
  });

  it('sandbox: defaults, every option, and the round trip through toCliArgs', () => {
    assert.deepEqual(parseCliArgs([]), { port: DEFAULT_CLI_PORT });
    const options = parseCliArgs([
      '--port',
      '0',
      '--s3-port',
      '9100',
      '--version',
      '3.3',
      '--seed',
      'empty',
      '--job-speed',
      'slow',
      '--user',
      'admin',
      '--password',
      '',
      '--shared-data',
    ]);
    assert.deepEqual(options, {
      port: 0,
      s3Port: 9100,
      version: '3.3',
      seed: 'empty',
      jobSpeed: 'slow',
      user: 'admin',
      password: '',
      sharedData: true,
    });
    assert.deepEqual(parseCliArgs(toCliArgs(options)), options);
    assert.equal(parseCliArgs(['--help']).help, true);
  });

  it('sandbox: rejects unknown options, missing values and bad values', () => {
    assert.throws(() => parseCliArgs(['--nope']), /Unknown option '--nope'/);
    assert.throws(() => parseCliArgs(['--user']), /--user/);
    assert.throws(() => parseCliArgs(['--s3-port', 'x']), /--s3-port must be a port number/);
    assert.throws(() => parseCliArgs(['--seed', 'full']), /--seed must be demo or empty/);
  });
});
