/**
 * Access-denied errors → the GRANT that fixes them. 3.0+ (RBAC) messages name the privilege and the
 * object: `Access denied; you need (at least one of) the EXPORT privilege(s) on TABLE t1 for this
 * operation. …`. Before 3.0 every backup statement needs the global ADMIN privilege.
 */
import { quoteIdentifier, quoteString } from '../identifiers';
import { ErrorContext, ExplainedError } from './types';

const NEEDS = /you need \(at least one of\) the (.+?) privilege\(s\)(?: on (.+?))? for this operation/i;
const SIMPLE_NAME = /^[A-Za-z_][\w]*$/;

function grantee(context: ErrorContext): string {
  return context.user ? `USER ${quoteString(context.user)}` : 'USER <user>';
}

/** Splits `a.b` at dots outside backticks, and unquotes backticked parts. */
function nameParts(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of name) {
    if (ch === '`') quoted = !quoted;
    if (ch === '.' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((part) => (/^`.*`$/s.test(part) ? part.slice(1, -1).replace(/``/g, '`') : part));
}

/** The object's name as it must be written in GRANT: plain when simple, backticked otherwise. */
function objectName(name: string): string {
  return nameParts(name)
    .map((part) => (SIMPLE_NAME.test(part) ? part : quoteIdentifier(part)))
    .join('.');
}

/** `TABLE t1` → `TABLE db.t1` (with the current database), `SYSTEM` → `SYSTEM`. */
function grantObject(object: string, context: ErrorContext): string {
  const m = /^(TABLE|DATABASE|CATALOG|VIEW|MATERIALIZED VIEW|FUNCTION|RESOURCE|STORAGE VOLUME|WAREHOUSE)\s+(.+)$/i.exec(object.trim());
  if (!m) {
    return object.trim().toUpperCase();
  }
  const type = m[1].toUpperCase();
  const name = m[2].trim();
  const qualified = type === 'TABLE' && !name.includes('.') && context.database ? `${context.database}.${name}` : name;
  return `${type} ${objectName(qualified)}`;
}

function adminGrant(context: ErrorContext): string {
  return `GRANT ADMIN_PRIV ON *.* TO ${context.user ? quoteString(context.user) + "@'%'" : "'<user>'@'%'"}`;
}

/** The explanation of an access-denied error, or undefined when `message` is not one. */
export function explainPrivilegeError(message: string, errno: number | undefined, context: ErrorContext): ExplainedError | undefined {
  const m = NEEDS.exec(message);
  const denied = m !== null || errno === 5203 || errno === 1227 || errno === 1044 || /^Access denied; /i.test(message);
  if (!denied) {
    return undefined;
  }
  const privilege = m?.[1]
    .split(/\s*,\s*|\s+or\s+/i)[0]
    .trim()
    .toUpperCase();
  const preRbac = context.caps?.rbac === false || privilege === 'ADMIN' || privilege === 'ADMIN_PRIV';
  if (preRbac) {
    return {
      kind: 'privilege',
      summary: 'The user lacks the ADMIN privilege, which backup and restore need before StarRocks 3.0.',
      advice: 'Ask an administrator to grant ADMIN_PRIV, or connect as a user that has it.',
      grant: adminGrant(context),
    };
  }
  if (!privilege) {
    return {
      kind: 'privilege',
      summary: `Access denied: ${message}`,
      advice: 'Ask an administrator for the privilege this operation needs.',
    };
  }
  const object = m?.[2] ? grantObject(m[2], context) : 'SYSTEM';
  return {
    kind: 'privilege',
    summary: `The user lacks the ${privilege} privilege on ${object}.`,
    advice: 'Ask an administrator to grant it (or activate a role that has it with SET ROLE).',
    grant: `GRANT ${privilege} ON ${object} TO ${grantee(context)}`,
  };
}
