/**
 * The extension as users install it: `vsce package --no-dependencies` (the bundle holds the
 * dependencies; `vscode:prepublish` builds it for production) run in a temp copy of the project, so
 * the production build does not overwrite the dist/extension.js that concurrent test runs are using.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from './paths';

const vsce = path.join(projectRoot, 'node_modules', '.bin', 'vsce');
/** Never copied into the temp project: big, generated, or irrelevant to packaging. */
const SKIP = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'bench-results', '.vscode-test']);

export interface PackedExtension {
  /** The .vsix file. */
  vsix: string;
  /** The temp copy it was built in (its dist/ holds the production bundle). */
  dir: string;
  /** Removes the temp copy and the .vsix. */
  dispose(): void;
}

function copyProject(to: string): void {
  for (const entry of fs.readdirSync(projectRoot)) {
    if (SKIP.has(entry) || entry.endsWith('.vsix')) continue;
    fs.cpSync(path.join(projectRoot, entry), path.join(to, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(to, 'node_modules'));
}

/** Packs the project into a .vsix in a fresh temp folder; the caller disposes of it. */
export function packVsix(): PackedExtension {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-package-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    copyProject(dir);
    const vsix = path.join(dir, 'extension.vsix');
    // --allow-missing-repository: vsce would otherwise stop to ask when package.json has none; with no
    // repository URL the README's relative image links stay relative (the images ship in the package).
    execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], {
      cwd: dir,
      stdio: 'pipe',
    });
    return { vsix, dir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The files `vsce` puts into the package of the project copy in `dir`. */
export function packagedFiles(dir: string): string[] {
  return execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').sort();
}
