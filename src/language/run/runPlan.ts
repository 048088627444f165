/**
 * What running a statement from a SQL file involves: whether it needs a confirmation, which
 * database and tables a RESTORE writes to (to look for tables it would overwrite), and what the
 * job tracker needs to follow a BACKUP/RESTORE. Pure (no `vscode`).
 */
import { isReadOnlyStatement } from '../../starrocks/statementClass';
import type { JobKind } from '../../starrocks/models';
import type { ParsedStatement } from '../parser';

export type ConfirmReason = 'dropRepository' | 'dropSnapshot' | 'cancel';

export interface RunPlan {
  /** Always-destructive statements; a RESTORE is judged by `restoreTarget` instead. */
  confirm?: ConfirmReason;
  /**
   * RESTORE: where it writes, read from the parsed statement. `tables` undefined means every table
   * of the snapshot (no ON clause, ALL TABLES, or views/functions); a table's `partitions`
   * undefined means every partition the snapshot holds for it.
   */
  restoreTarget?: {
    database?: string;
    tables?: { source: string; target: string; partitions?: string[] }[];
    snapshot: { repository?: string; label?: string; timestamp?: string };
  };
  /** BACKUP/RESTORE: what the tracker follows once the server accepted the job. */
  track?: { kind: JobKind; database?: string; label?: string; repository?: string; timestamp?: string };
  /** True when the statement can change what the server lists (repositories, snapshots, databases). */
  changesServer: boolean;
}

/**
 * The plan for one statement, or undefined for statements that are not run from here: anything
 * other than the backup/restore statements, except reads (SHOW, SELECT …), which are harmless.
 */
export function planRun(p: ParsedStatement, text: string, defaultDatabase: string | undefined): RunPlan | undefined {
  switch (p.kind) {
    case 'backup':
      return {
        changesServer: true,
        track: {
          kind: 'BACKUP',
          database: p.database?.name?.value ?? p.snapshot?.qualifier?.value ?? defaultDatabase,
          label: p.snapshot?.name?.value,
          repository: p.repository?.value,
        },
      };
    case 'restore': {
      const database = p.database?.alias?.value ?? p.database?.name?.value ?? p.snapshot?.qualifier?.value ?? defaultDatabase;
      const tables =
        !p.on || p.on.objects.some((o) => o.all || o.type !== 'table')
          ? undefined // the whole snapshot, ALL TABLES, or views/functions: everything of the snapshot may be written
          : p.on.objects.flatMap((o) => {
              const source = o.name?.name?.value;
              if (source === undefined) return [];
              const partitions = o.partitions && !o.partitions.temporary ? o.partitions.names.map((n) => n.value) : undefined;
              return [{ source, target: o.alias?.name?.value ?? source, ...(partitions ? { partitions } : {}) }];
            });
      const timestamp = p.properties?.items.find((i) => i.key.value === 'backup_timestamp')?.value?.value;
      return {
        changesServer: true,
        restoreTarget: { database, tables, snapshot: { repository: p.repository?.value, label: p.snapshot?.name?.value, timestamp } },
        track: { kind: 'RESTORE', database, label: p.snapshot?.name?.value, repository: p.repository?.value, timestamp },
      };
    }
    case 'dropRepository':
      return { confirm: 'dropRepository', changesServer: true };
    case 'dropSnapshot':
      return { confirm: 'dropSnapshot', changesServer: true };
    case 'cancelBackup':
    case 'cancelRestore':
      return { confirm: 'cancel', changesServer: true };
    case 'createRepository':
      return { changesServer: true };
    case 'showRepositories':
    case 'showSnapshot':
    case 'showBackup':
    case 'showRestore':
      return { changesServer: false };
    case 'other':
      return isReadOnlyStatement(text) ? { changesServer: false } : undefined;
  }
}
