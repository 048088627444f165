import * as vscode from 'vscode';
import { checkPrivileges, grantFor, type GrantSet, type PrivilegeNeed } from '../../../starrocks/grants';
import { readGrants, readRoleGrants } from '../../../starrocks/reads';
import { errorText } from '../../../ui/errorText';
import type { WorkflowDeps } from './deps';

/** Custom roles read with SHOW GRANTS FOR ROLE at most; beyond that the answer is "unknown". */
const MAX_ROLES = 5;

/**
 * The privilege precheck of Back Up and Restore (spec §7), as lines for the statement's preview:
 * the GRANTs that are missing, or why the check could not tell. Never a refusal: SHOW GRANTS does
 * not show everything (inactive roles, privileges through roles it cannot read), so on any doubt
 * the preview says what was not checked and the server decides when the statement runs.
 */
export async function privilegeNotes(
  deps: WorkflowDeps,
  profileId: string,
  needsOf: (rbac: boolean) => PrivilegeNeed[],
): Promise<string[]> {
  const session = await deps.connections.getSession(profileId);
  const needs = needsOf(session.server.capabilities.rbac);
  let read: Awaited<ReturnType<typeof readGrants>>;
  try {
    read = await readGrants(session);
  } catch (error) {
    return [notChecked(vscode.l10n.t('SHOW GRANTS failed: {0}', errorText(error)))];
  }
  if (!read.set) return [notChecked(vscode.l10n.t('the SHOW GRANTS output has a shape the extension does not read'))];
  const roles = new Map<string, GrantSet>();
  for (const role of read.set.roles.filter((r) => !['root', 'db_admin', 'public'].includes(r.toLowerCase())).slice(0, MAX_ROLES)) {
    try {
      const set = await readRoleGrants(session, role);
      if (set) roles.set(role, set);
    } catch {
      // Not readable (no privilege to see roles): the check says the role was not read.
    }
  }
  const check = checkPrivileges(read.set, needs, roles);
  if (check.status === 'ok') return [];
  if (check.status === 'unknown') {
    return [notChecked(vscode.l10n.t('the privileges of role(s) {0} could not be read', check.roles.join(', ')))];
  }
  const user = read.user ?? "'<user>'@'%'";
  return [
    vscode.l10n.t(
      'SHOW GRANTS shows no privilege for part of this statement; the server will likely refuse it. An administrator can grant it with:\n{0}',
      check.missing.map((need) => grantFor(need, user)).join(';\n') + ';',
    ),
  ];
}

function notChecked(why: string): string {
  return vscode.l10n.t('The privileges could not be checked ({0}); the server decides when the statement runs.', why);
}
