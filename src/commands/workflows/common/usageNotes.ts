import type { BuiltStatement } from '../../../starrocks/builtStatement';

/** The statement with the guide's usage notes (`starrocks/usageNotes.ts`) after its own, for the preview. */
export function withUsageNotes(statement: BuiltStatement, notes: readonly string[]): BuiltStatement {
  return { ...statement, notes: [...statement.notes, ...notes] };
}
