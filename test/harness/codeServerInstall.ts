import { spawnSync } from 'node:child_process';
import { installScript } from './paths';

/**
 * Installs code-server on first use (the script is idempotent and locked against concurrent runs)
 * and returns the path of its launcher. Progress goes to the terminal; the script's one stdout line
 * is the launcher path.
 */
export function ensureCodeServer(): string {
  const started = Date.now();
  const result = spawnSync('bash', [installScript], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`installing code-server failed (exit ${result.status ?? result.signal})`);
  }
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 5) console.log(`[harness] code-server ready after ${seconds.toFixed(0)} s`);
  return result.stdout.trim().split('\n').pop() ?? '';
}
