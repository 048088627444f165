import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from './tempDir';

/** SQL files in the test workspace, for language features (completion, hovers, snippets). */
const FILES: Record<string, string> = {
  'backup.sql': [
    '-- A full database backup to an S3 repository.',
    'BACKUP DATABASE sales SNAPSHOT sales_20250101_000000',
    'TO s3_repo',
    'PROPERTIES ("type" = "full");',
    '',
  ].join('\n'),
  'restore.sql': [
    '-- Restore one table of a snapshot under a new name.',
    'RESTORE SNAPSHOT sales.sales_20250101_000000',
    'FROM s3_repo',
    'ON (orders AS orders_restored)',
    'PROPERTIES ("backup_timestamp" = "2025-01-01-00-00-00-000", "replication_num" = "1");',
    '',
  ].join('\n'),
};

/** Writes the workspace's files into `dir` (also used by .vscode-test.mjs for the desktop route). */
export function writeWorkspaceFiles(dir: string): void {
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
}

/** A fresh workspace folder with a few SQL files; removed at cleanup. */
export function createTestWorkspace(): string {
  const dir = makeTempDir('workspace');
  writeWorkspaceFiles(dir);
  return dir;
}
