/** How a supervisor spaces the restarts of a process that keeps exiting. */
export interface BackoffPolicy {
  /** Delay before the first restart after a crash. */
  initialDelayMs: number;
  /** Ceiling of the doubling delay. */
  maxDelayMs: number;
  /**
   * A process that had been healthy at least this long when it exited is counted as recovered: its next
   * restart waits {@link initialDelayMs} again, not the delay its earlier crashes had built up.
   */
  resetAfterHealthyMs: number;
}

/** 0.5 s doubling to 30 s; one minute of health forgives earlier crashes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, resetAfterHealthyMs: 60_000 };

/** The delay before restart attempt `attempt` (1-based): initial × 2^(attempt − 1), at most the ceiling. */
export function restartDelayMs(policy: BackoffPolicy, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`A restart attempt is a positive integer, not ${attempt}`);
  // Past ~60 doublings the power overflows to Infinity; the ceiling is reached long before that anyway.
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 60));
}

/** The next restart: its number since the process was last healthy for long enough, and how long to wait first. */
export interface PlannedRestart {
  attempt: number;
  delayMs: number;
}

/** Counts consecutive crashes of one process and answers how long to wait before restarting it. */
export class RestartBackoff {
  private attempts = 0;

  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF) {}

  /**
   * Plans the restart after an exit. `healthyForMs` is how long the process had been healthy when it exited,
   * or undefined when it never became healthy (a restart that failed): that never resets the count.
   */
  next(healthyForMs: number | undefined): PlannedRestart {
    if (healthyForMs !== undefined && healthyForMs >= this.policy.resetAfterHealthyMs) this.attempts = 0;
    this.attempts += 1;
    return { attempt: this.attempts, delayMs: restartDelayMs(this.policy, this.attempts) };
  }
}
