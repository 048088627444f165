/**
 * Server and connection errors explained: what went wrong, what to do, and for a missing privilege
 * the GRANT that fixes it. The texts are plain English; the VS Code side localizes around them.
 */
import { MESSAGE_RULES } from './messageRules';
import { explainNetworkError } from './network';
import { explainPrivilegeError } from './privileges';
import { ErrorContext, ExplainedError, ServerErrorInput } from './types';

export type { ErrorContext, ErrorKind, ExplainedError, ServerErrorInput } from './types';

const AUTH_FAILED = /Access denied for user .*\(using password/i;

/**
 * The message without the FE's wrappers: `Getting analyzing error[ from line …]. Detail message: X.`
 * and Doris' `errCode = 2, detailMessage = X`.
 */
export function serverMessage(message: string): string {
  const analyzing = /Getting (?:analyzing|syntax) error.*?Detail message:\s*([\s\S]*?)\.?\s*$/i.exec(message);
  if (analyzing) {
    return analyzing[1].trim();
  }
  const doris = /errCode = \d+, detailMessage = ([\s\S]*)$/.exec(message);
  return (doris ? doris[1] : message).trim();
}

export function explainServerError(error: ServerErrorInput, context: ErrorContext = {}): ExplainedError {
  const network = explainNetworkError(error);
  if (network) {
    return network;
  }
  const message = serverMessage(error.message);
  if (error.errno === 1045 || AUTH_FAILED.test(message)) {
    return {
      kind: 'auth',
      summary: 'The user name or password is wrong.',
      advice: 'Check the user and the password of the connection. LDAP users need TLS and the clear-text password option.',
    };
  }
  const privilege = explainPrivilegeError(message, error.errno, context);
  if (privilege) {
    return privilege;
  }
  // The syntax wrapper is checked on the raw text: its detail message alone may look like anything.
  const text = /Getting syntax error/i.test(error.message) ? 'syntax error' : message;
  const rule = MESSAGE_RULES.find((candidate) => candidate.pattern.test(text));
  return rule ? { kind: rule.kind, summary: message, advice: rule.advice } : { kind: 'other', summary: message, advice: '' };
}
