/** Runs every diagnostic rule over every backup/restore statement of a document. */
import { parseStatement } from '../parser';
import { documentStatements } from '../documentStatements';
import { propertyRule } from './propertyRules';
import { clearSecretRule, locationRule, missingRegionRule } from './repositoryRules';
import { objectRule } from './objectRules';
import { statementRule } from './statementRules';
import type { AnalysisEnv, LanguageIssue, Rule } from './types';
import { versionRule } from './versionRules';

const RULES: readonly Rule[] = [propertyRule, locationRule, clearSecretRule, missingRegionRule, objectRule, versionRule, statementRule];

/** Issues of the whole document `text`, in document offsets. */
export function analyzeDocument(text: string, env: AnalysisEnv): LanguageIssue[] {
  return documentStatements(text).flatMap((statement) => {
    const parsed = parseStatement(statement);
    if (parsed.kind === 'other') return [];
    return RULES.flatMap((rule) => rule(parsed, text, env));
  });
}
