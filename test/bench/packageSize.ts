/**
 * What users download: packs the extension (test/harness/vsix.ts), reports the .vsix size and its
 * files, and flags any file outside what the package should hold.
 *
 * CLI: node out/test/bench/packageSize.js   (exit 1 when a file is unexpected or the .vsix > 3 MB)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packagedFiles, packVsix } from '../harness/vsix';

export const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Everything the package may contain; anything else means .vscodeignore lets too much through. */
const ALLOWED =
  /^(package\.json|package\.nls(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/extension\.js|dist\/features\.js|dist\/lazy\/[\w-]+\.js|dist\/webview\/[\w-]+\.js|media\/.+|l10n\/.+|snippets\/.+|schemas\/[\w-]+\.schema\.json)$/;

/** What the package cannot work without: activation, the features loaded on first use, and the connection form's two webview scripts. */
export const REQUIRED_FILES = ['dist/extension.js', 'dist/features.js', 'dist/webview/elements.js', 'dist/webview/connectionForm.js'];

export interface PackageResult {
  vsixBytes: number;
  bundleBytes: number;
  files: string[];
  unexpected: string[];
}

export function measurePackage(): PackageResult {
  const packed = packVsix();
  try {
    const files = packagedFiles(packed.dir);
    return {
      vsixBytes: fs.statSync(packed.vsix).size,
      bundleBytes: fs.statSync(path.join(packed.dir, 'dist', 'extension.js')).size,
      files,
      unexpected: files.filter((file) => !ALLOWED.test(file)),
    };
  } finally {
    packed.dispose();
  }
}

if (require.main === module) {
  const result = measurePackage();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(`.vsix ${kb(result.vsixBytes)}; production bundle ${kb(result.bundleBytes)}; ${result.files.length} files:`);
  for (const file of result.files) console.log(`  ${file}`);
  const problems = [
    ...result.unexpected.map((file) => `unexpected file in the package: ${file}`),
    ...REQUIRED_FILES.filter((file) => !result.files.includes(file)).map((file) => `${file} is missing from the package`),
    ...(result.vsixBytes > MAX_VSIX_BYTES ? [`the .vsix is larger than ${kb(MAX_VSIX_BYTES)}`] : []),
  ];
  for (const problem of problems) console.error(problem);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
