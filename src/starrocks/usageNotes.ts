/**
 * The usage notes of CelerData's "Back up and restore data with AWS S3" guide, each written once
 * here and shown in the flow where it matters (the Back Up and Restore previews, the overwrite
 * confirmation, `.sql` completion and diagnostics, the migration command, the walkthrough). Pure:
 * the caller passes its translate function (`vscode.l10n.t` in the extension), so the strings are in
 * the l10n bundle.
 */

/** `vscode.l10n.t`'s shape. */
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** Why an asynchronous materialized view in a backup does not do what a user expects of it. */
export function materializedViewNote(t: Translate): string {
  return t(
    'Asynchronous materialized views are not backed up as materialized views: only their physical tables are, and a restored one cannot accelerate or rewrite queries. Recreate the materialized view on the restored cluster instead.',
  );
}

/** What a snapshot never holds, whatever is chosen. */
export function notInSnapshotNote(t: Translate): string {
  return t(
    'User accounts, privileges and resource groups are not backed up, and Colocate Join relationships between tables are not kept: set them up again on the cluster you restore to.',
  );
}

/** The notes of a BACKUP, in the order the guide gives them. */
export function backupNotes(t: Translate): string[] {
  return [
    materializedViewNote(t),
    notInSnapshotNote(t),
    t('The compression of the backed-up data cannot be chosen.'),
    t('Backup and restore jobs take resources from the cluster: run them at quiet hours.'),
    partitionAdviceNote(t),
  ];
}

/** Advice for regular backups. */
export function partitionAdviceNote(t: Translate): string {
  return t('Back up large tables by partition, and for regular backups only the partitions that are new since the last snapshot.');
}

/** The notes of a RESTORE, whatever it lands on. */
export function restoreNotes(t: Translate): string[] {
  return [
    t('The restored tables cannot be used until the job finishes.'),
    t('The job creates the restored tables: there is nothing to create first.'),
    t(
      'An existing table with the same name but another schema makes the job fail: restore it under another name (AS) or drop the existing table first.',
    ),
  ];
}

/** Said in the confirmation before a restore overwrites existing tables. */
export function pastCommitNote(t: Translate): string {
  return t(
    'Once the restore job passes COMMIT, the overwritten data cannot be recovered; if the job fails or is cancelled after that point, the tables can stay unusable until a restore completes.',
  );
}

/** The notes of a migration to another cluster (backup on one, restore on the other). */
export function migrationNotes(t: Translate): string[] {
  return [
    t(
      'Data loaded after the snapshot was taken is not in it: load it into the new cluster too, or take another snapshot before switching.',
    ),
    t('Load both clusters in parallel for a while, and switch your applications to the new cluster after verifying its data.'),
  ];
}
