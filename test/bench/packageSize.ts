/**
 * What users download: packs the extension with `vsce package --no-dependencies` (the bundle holds
 * the dependencies) in a temp copy of the project, so the production build does not overwrite the
 * dist/extension.js that concurrent test runs are using. Reports the .vsix size and its files, and
 * flags any file outside what the package should hold.
 *
 * CLI: node out/test/bench/packageSize.js   (exit 1 when a file is unexpected or the .vsix > 3 MB)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..', '..');
const vsce = path.join(projectRoot, 'node_modules', '.bin', 'vsce');
export const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Everything the package may contain; anything else means .vscodeignore lets too much through. */
const ALLOWED = /^(package\.json|package\.nls(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/extension\.js|dist\/lazy\/[\w-]+\.js|media\/.+|l10n\/.+|snippets\/.+)$/;
/** Never copied into the temp project: big, generated, or irrelevant to packaging. */
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'bench-results', '.vscode-test']);

export interface PackageResult {
  vsixBytes: number;
  bundleBytes: number;
  files: string[];
  unexpected: string[];
}

function copyProject(to: string): void {
  for (const entry of fs.readdirSync(projectRoot)) {
    if (SKIP.has(entry) || entry.endsWith('.vsix')) continue;
    fs.cpSync(path.join(projectRoot, entry), path.join(to, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(to, 'node_modules'));
}

export function measurePackage(): PackageResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-package-'));
  try {
    copyProject(dir);
    const vsix = path.join(dir, 'extension.vsix');
    // --allow-missing-repository: vsce would otherwise stop to ask when package.json has none; with no
    // repository URL the README's relative image links stay relative (the images ship in the package).
    execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { cwd: dir, stdio: 'pipe' });
    const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').sort();
    return {
      vsixBytes: fs.statSync(vsix).size,
      bundleBytes: fs.statSync(path.join(dir, 'dist', 'extension.js')).size,
      files,
      unexpected: files.filter((file) => !ALLOWED.test(file)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const result = measurePackage();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(`.vsix ${kb(result.vsixBytes)}; production bundle ${kb(result.bundleBytes)}; ${result.files.length} files:`);
  for (const file of result.files) console.log(`  ${file}`);
  const problems = [
    ...result.unexpected.map((file) => `unexpected file in the package: ${file}`),
    ...(result.files.includes('dist/extension.js') ? [] : ['dist/extension.js is missing from the package']),
    ...(result.vsixBytes > MAX_VSIX_BYTES ? [`the .vsix is larger than ${kb(MAX_VSIX_BYTES)}`] : []),
  ];
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
