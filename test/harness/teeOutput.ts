import * as fs from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';

type Log = (...args: unknown[]) => void;
type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

/**
 * Makes `console[method]` also append to the file. The extension host has already replaced the
 * console methods with getters and no-op setters (to forward them to the workbench), so plain
 * assignment is ignored and the property is redefined instead.
 */
function teeConsole(method: ConsoleMethod, append: (args: unknown[]) => void): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(console, method);
  const original = console[method] as Log;
  const teed: Log = (...args) => {
    append(args);
    original.apply(console, args);
  };
  try {
    Object.defineProperty(console, method, { configurable: true, get: () => teed, set: () => undefined });
  } catch {
    return () => undefined; // not configurable: that console output stays in the workbench log
  }
  return () => {
    if (descriptor) Object.defineProperty(console, method, descriptor);
  };
}

/**
 * Inside the extension host, copies the mocha reporter's output and the tests' console output to
 * `file`, which the runner prints as it grows. The console alone is not enough: the workbench
 * forwards it mixed with its own log. Returns a function that undoes the patching.
 */
export function teeOutput(file: string): () => void {
  const append = (args: unknown[]) => fs.appendFileSync(file, `${format(...args)}\n`);
  const base = Mocha.reporters.Base as unknown as { consoleLog: Log };
  const reporterLog = base.consoleLog;
  // The reporter keeps its own reference to console.log, taken when mocha loaded.
  base.consoleLog = (...args) => {
    append(args);
    reporterLog(...args);
  };
  const restores = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => teeConsole(method, append));
  return () => {
    base.consoleLog = reporterLog;
    for (const restore of restores) restore();
  };
}
