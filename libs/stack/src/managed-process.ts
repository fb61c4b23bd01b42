import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExitStatus } from './supervisor';

const live = new Set<ChildProcess>();
// Children must not outlive their parent (a crashed test run or launcher would otherwise leave them bound to ports).
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A child process whose output goes to `<logDir>/<name>.log` and that can be stopped gracefully. */
export class ManagedProcess {
  readonly child: ChildProcess;
  private exited: Promise<ExitStatus>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile, { flags: 'a' });
    this.child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    live.add(this.child);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        live.delete(this.child);
        resolve({ code, signal });
      }),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code when the process ends (null when a signal ended it). */
  async whenExited(): Promise<number | null> {
    return (await this.exited).code;
  }

  /** Resolves with the exit code or the signal when the process ends. */
  exitStatus(): Promise<ExitStatus> {
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
