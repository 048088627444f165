import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_REPOSITORY, DEMO_SNAPSHOTS } from '../../sandbox/seed/demoSeed';
import { makeTempDir } from '../tempDir';

/** Statements about the sandbox's demo data, to try the SQL features (run, hovers, completion). */
function demoSql(): string {
  return [
    '-- StarRocks Backup & Restore demo, against the sandbox connection.',
    '-- Run a statement with the Run action above it; hover a keyword for its documentation.',
    '',
    'SHOW REPOSITORIES;',
    '',
    `SHOW SNAPSHOT ON ${DEMO_REPOSITORY};`,
    '',
    '-- Back up one table of demo_sales into the demo repository (watch it in the status bar).',
    `BACKUP DATABASE demo_sales SNAPSHOT demo_sales_try TO ${DEMO_REPOSITORY} ON (TABLE customers);`,
    '',
    'SHOW BACKUP FROM demo_sales;',
    '',
    `-- The demo snapshots: ${DEMO_SNAPSHOTS.base} (the whole database) and ${DEMO_SNAPSHOTS.orders} (orders only).`,
    '-- Restore one from the StarRocks Backup view: right-click it, Restore Snapshot….',
    '',
  ].join('\n');
}

/** A fresh folder with `demo.sql`; removed when the demo stops. */
export function createDemoWorkspace(): string {
  const dir = makeTempDir('demo-workspace');
  fs.writeFileSync(path.join(dir, 'demo.sql'), demoSql());
  return dir;
}
