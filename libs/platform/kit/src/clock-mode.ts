/** Whether this process runs on wall-clock time or a test-controlled clock. */
export type ClockMode = 'system' | 'controlled';

/**
 * Reads CLOCK_MODE. `controlled` lets a caller move time, so it is refused (the process does not start)
 * unless NODE_ENV is `test` or ALLOW_CONTROLLED_CLOCK=true, and always when NODE_ENV is `production`.
 */
export function readClockMode(env: NodeJS.ProcessEnv = process.env): ClockMode {
  const mode = env.CLOCK_MODE ?? 'system';
  if (mode === 'system') return 'system';
  if (mode !== 'controlled') throw new Error(`CLOCK_MODE must be "system" or "controlled", not "${mode}"`);
  if (env.NODE_ENV === 'production') throw new Error('CLOCK_MODE=controlled is refused when NODE_ENV=production');
  if (env.NODE_ENV !== 'test' && env.ALLOW_CONTROLLED_CLOCK !== 'true') {
    throw new Error('CLOCK_MODE=controlled needs NODE_ENV=test or ALLOW_CONTROLLED_CLOCK=true');
  }
  return 'controlled';
}
