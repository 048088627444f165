import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundlePath, projectRoot } from './paths';

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Rebuilds dist/extension.js when it is missing or older than src/: the extension host loads the
 * bundle, so testing a stale one would test code that is no longer there.
 */
export function ensureBundle(): void {
  const built = fs.existsSync(bundlePath) ? fs.statSync(bundlePath).mtimeMs : 0;
  if (built > 0 && built >= newestMtime(path.join(projectRoot, 'src'))) return;
  console.log('[harness] bundling the extension (dist/extension.js is missing or stale)');
  // Parallel runs of this checkout must not write the bundle at the same moment.
  const lock = path.join(os.tmpdir(), `starrocks-backup-bundle-${createHash('sha1').update(projectRoot).digest('hex').slice(0, 8)}.lock`);
  const result = spawnSync('flock', [lock, process.execPath, 'esbuild.js'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('bundling the extension failed');
}
