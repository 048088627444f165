import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Every file under `dir` (recursively), or none when it does not exist; for searching logs for leaked secrets. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
