import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `l10n/bundle.l10n.json` is generated (`npm run l10n`, root `l10n.js`: @vscode/l10n-dev's exporter
 * plus the calls through the `t` alias). A new translated string without a bundle entry, or an
 * entry whose string is gone, fails here: run `npm run l10n` and commit the bundle.
 */
const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exporter = require(path.join(root, 'l10n.js')) as {
  exportBundle(root?: string): Promise<Record<string, unknown>>;
  bundlePath: string;
};

describe('l10n bundle', function () {
  this.timeout(60_000);
  let exported: Record<string, unknown>;
  let committed: Record<string, unknown>;

  before(async () => {
    exported = await exporter.exportBundle(root);
    committed = JSON.parse(fs.readFileSync(exporter.bundlePath, 'utf8')) as Record<string, unknown>;
  });

  it('holds every string the sources translate, and nothing else (run `npm run l10n` when this fails)', () => {
    assert.ok(Object.keys(exported).length > 100, 'the exporter found almost nothing; the check would be vacuous');
    assert.deepEqual(
      Object.keys(exported).filter((key) => !(key in committed)),
      [],
      'strings missing from l10n/bundle.l10n.json',
    );
    assert.deepEqual(
      Object.keys(committed).filter((key) => !(key in exported)),
      [],
      'strings in l10n/bundle.l10n.json that no source uses any more',
    );
    assert.deepEqual(committed, exported);
  });

  it("finds vscode.l10n.t calls as well as calls through the `t` alias and the pure modules' Translate", () => {
    // vscode.l10n.t in src/commands/workflows/common/sqlPreview.ts
    assert.ok('Open in Editor' in exported);
    // `const t = vscode.l10n.t` in src/connections/connectionManager.ts
    assert.ok('Connect to {0}' in exported);
    // a `t: Translate` parameter in src/connections/connectionError.ts
    assert.ok('Access denied for user "{0}" on {1}: {2}' in exported);
  });

  it('a new string in any of the three forms is exported, and a message built with ${…} is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      const file = path.join(dir, 'src', 'sample.ts');
      fs.writeFileSync(
        file,
        [
          "import * as vscode from 'vscode';",
          'const t = vscode.l10n.t;',
          "export const a = vscode.l10n.t('Brand new {0}', 1);",
          "export const b = t('Through the alias');",
          "export const c = (env: { l10n: { t(m: string): string } }) => env.l10n.t('Through a parameter');",
          '',
        ].join('\n'),
      );
      assert.deepEqual(await exporter.exportBundle(dir), {
        'Brand new {0}': 'Brand new {0}',
        'Through a parameter': 'Through a parameter',
        'Through the alias': 'Through the alias',
      });
      fs.writeFileSync(file, 'const t = (m: string) => m;\nexport const d = (n: number) => t(`Built ${n}`);\n');
      await assert.rejects(exporter.exportBundle(dir), /must not use \$\{…\}/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
