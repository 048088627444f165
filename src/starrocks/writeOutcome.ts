/**
 * What to tell the user when a statement that changes the server got no answer (the client's time
 * limit ran out, or the connection dropped while it ran). BACKUP, RESTORE, CREATE REPOSITORY, DROP
 * SNAPSHOT and the rest keep running on the FE after the client gives up, so the outcome is
 * unknown: it may still be running, or may already have taken effect. Sending it again could start
 * a second job or act twice, so the advice is always "look first", never "try again". Pure, English
 * texts (the connection layer localizes them).
 */
import { isWord, significantTokens, type Token } from './sqlLexer';
import { leadingKeywords } from './statementClass';

export type WriteKind = 'backup' | 'restore' | 'createRepository' | 'dropRepository' | 'dropSnapshot' | 'cancel' | 'other';

export interface UnknownOutcome {
  kind: WriteKind;
  /** The statement's leading keywords, e.g. `BACKUP`, `CREATE REPOSITORY`. */
  statement: string;
  /** Where its effect shows and what to do before running it again. */
  advice: string;
}

/** What a write statement is, from its leading tokens. */
export function writeKindOf(sql: string): { kind: WriteKind; statement: string } {
  const words = significantTokens(sql).slice(0, 4);
  const at = (i: number, word: string): boolean => isWord(words[i], word);
  if (at(0, 'BACKUP')) return { kind: 'backup', statement: 'BACKUP' };
  if (at(0, 'RESTORE')) return { kind: 'restore', statement: 'RESTORE' };
  if (at(0, 'CREATE') && (at(1, 'REPOSITORY') || (at(1, 'READ') && at(2, 'ONLY') && at(3, 'REPOSITORY'))))
    return { kind: 'createRepository', statement: 'CREATE REPOSITORY' };
  if (at(0, 'DROP') && at(1, 'REPOSITORY')) return { kind: 'dropRepository', statement: 'DROP REPOSITORY' };
  if (at(0, 'DROP') && at(1, 'SNAPSHOT')) return { kind: 'dropSnapshot', statement: 'DROP SNAPSHOT' };
  if (at(0, 'CANCEL') && (at(1, 'BACKUP') || at(1, 'RESTORE'))) return { kind: 'cancel', statement: `CANCEL ${upper(words[1])}` };
  return { kind: 'other', statement: leadingKeywords(sql).join(' ') || 'statement' };
}

const ADVICE: Record<WriteKind, string> = {
  backup:
    'Its job appears under Jobs of the connection once the server has it (Refresh, or run SHOW BACKUP FROM the database); look there before starting it again.',
  restore:
    'Its job appears under Jobs of the connection once the server has it (Refresh, or run SHOW RESTORE FROM the database); look there before starting it again.',
  createRepository:
    'The repository may have been created all the same: Refresh and look for it under the connection (SHOW REPOSITORIES) before creating it again.',
  dropRepository:
    'The repository may have been dropped all the same: Refresh and look for it under the connection (SHOW REPOSITORIES) before dropping it again.',
  dropSnapshot:
    'The snapshot may be deleted all the same, or its deletion may still be running: Refresh the repository (SHOW SNAPSHOT ON the repository) before deleting it again.',
  cancel:
    'The job may have been cancelled all the same: Refresh and look at its state under Jobs of the connection before cancelling it again.',
  other: 'Check its effect before running it again.',
};

/** The advice for a write that got no answer. */
export function unknownOutcomeOf(sql: string): UnknownOutcome {
  const { kind, statement } = writeKindOf(sql);
  return { kind, statement, advice: ADVICE[kind] };
}

function upper(token: Token | undefined): string {
  return token ? token.text.toUpperCase() : '';
}
