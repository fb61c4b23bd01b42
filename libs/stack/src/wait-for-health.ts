import { readFileSync } from 'node:fs';
import { ManagedProcess } from './managed-process';

/**
 * Polls `url` until it answers 200; fails early (with the log tail) if the process dies, and at once when
 * `signal` aborts (a supervisor stopping while a restart waits for health).
 */
export async function waitForHealth(url: string, proc: ManagedProcess, timeoutMs = 60_000, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error(`${proc.name}: start-up abandoned (stopping)`);
    if (!proc.running) throw new Error(`${proc.name} exited during start-up:\n${tail(proc.logFile)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${proc.name} did not become healthy at ${url} within ${timeoutMs} ms:\n${tail(proc.logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}
