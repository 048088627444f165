import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The activation bundle (dist/extension.js) holds only what activation needs: `src/activation/`,
 * `src/extension.ts` and the plain-data modules below. Features load on first use from
 * dist/features.js (docs/architecture.md, "Activation"). A static import of a feature module into
 * the activation path — easy to add in a merge — fails here, with the chain that pulled it in.
 *
 * Reads the metafile of a production build made by esbuild.js itself, into a temporary folder.
 */
const root = path.resolve(__dirname, '..', '..', '..');

/** Modules outside src/activation/ that activation may bundle, each plain data or one tiny helper, and why. */
const ALLOWED: Record<string, string> = {
  'src/extension.ts': 'the activation entry itself',
  'src/commands/commandIds.ts': 'the command ids the proxies register',
  'src/connections/stateKeys.ts': 'the profiles key and the context key set before the features load',
  'src/jobs/core/historyKey.ts': 'whether a job history exists to follow again',
  'src/documentSchemes.ts': 'the schemes of the virtual documents the proxies serve',
  'src/language/providers/registration.ts': 'selector, trigger characters and code action kinds of the SQL providers',
  'src/exportedApi.ts': 'whether this mode exports the API',
};

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<
    string,
    { bytes: number; entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }
  >;
}

describe('Activation bundle', function () {
  this.timeout(120_000);
  let meta: Metafile;
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-activation-bundle-'));
    const metafile = path.join(dir, 'meta.json');
    const result = spawnSync(process.execPath, ['esbuild.js', '--production', '--outdir', dir, '--metafile', metafile], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `esbuild.js failed:\n${result.stderr}${result.stdout}`);
    meta = JSON.parse(fs.readFileSync(metafile, 'utf8')) as Metafile;
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function output(entry: string): Metafile['outputs'][string] {
    const found = Object.values(meta.outputs).find((o) => o.entryPoint === entry);
    assert.ok(found, `no bundle for ${entry}: ${Object.keys(meta.outputs).join(', ')}`);
    return found;
  }

  /** How `module` was reached from the entry, for the failure message. */
  function chainTo(module: string, entry: string): string {
    const parents = new Map<string, string>();
    const queue = [entry];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const imported of meta.inputs[current]?.imports ?? []) {
        if (imported.external || imported.kind === 'dynamic-import' || parents.has(imported.path)) continue;
        parents.set(imported.path, current);
        queue.push(imported.path);
      }
    }
    const chain = [module];
    while (parents.has(chain[0]) && chain[0] !== entry) chain.unshift(parents.get(chain[0]) as string);
    return chain.join(' → ');
  }

  it('holds only src/activation/ and the allowed plain-data modules', () => {
    const activation = output('src/extension.ts');
    const stray = Object.keys(activation.inputs).filter((input) => !input.startsWith('src/activation/') && !(input in ALLOWED));
    assert.deepEqual(
      stray.map((input) => chainTo(input, 'src/extension.ts')),
      [],
      'activation pulls in feature modules: load them through the FeatureLoader instead (docs/architecture.md, "Activation")',
    );
  });

  it('loads the features from their own bundle, and the drivers only from the features', () => {
    const activation = output('src/extension.ts');
    assert.deepEqual(
      activation.imports.filter((i) => i.path !== 'vscode').map((i) => i.path),
      ['./features.js'],
      'activation requires nothing but vscode and the features bundle',
    );
    const features = output('src/features.ts');
    assert.ok('src/views/explorerTreeProvider.ts' in features.inputs && 'src/catalog/serverCatalog.ts' in features.inputs);
    assert.ok(!Object.keys(features.inputs).some((input) => input.includes('node_modules/mysql2/')), 'mysql2 stays in dist/lazy/');
  });

  it('stays small: a tenth of the features at most', () => {
    const activation = output('src/extension.ts').bytes;
    const features = output('src/features.ts').bytes;
    assert.ok(activation * 10 < features, `activation ${activation} bytes, features ${features} bytes`);
  });
});
