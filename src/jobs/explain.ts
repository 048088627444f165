/**
 * What to do about a failed job. The Status column carries the FE's own message (spec §6.3); the
 * dialect knows those messages and what fixes them, so the tracker asks it rather than guessing.
 */
import { explainServerError } from '../starrocks/errors';

/** Advice for a job's Status message, or undefined when there is nothing to add to it. */
export function explainJobStatus(statusMessage: string | undefined): string | undefined {
  if (!statusMessage) return undefined;
  const explained = explainServerError({ message: statusMessage });
  const parts = [explained.summary !== statusMessage ? explained.summary : undefined, explained.advice, explained.grant];
  const text = parts.filter((p): p is string => typeof p === 'string' && p.length > 0 && !statusMessage.includes(p)).join(' ');
  return text || undefined;
}
