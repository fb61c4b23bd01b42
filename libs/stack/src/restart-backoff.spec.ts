import { DEFAULT_BACKOFF, RestartBackoff, restartDelayMs } from './restart-backoff';

describe('restart backoff', () => {
  it('waits 0.5 s before the first restart and doubles up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((attempt) => restartDelayMs(DEFAULT_BACKOFF, attempt))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(() => restartDelayMs(DEFAULT_BACKOFF, 0)).toThrow();
  });

  it('counts crashes in a row, and failed restarts with them', () => {
    const backoff = new RestartBackoff();
    expect(backoff.next(5_000)).toEqual({ attempt: 1, delayMs: 500 });
    expect(backoff.next(undefined)).toEqual({ attempt: 2, delayMs: 1_000 });
    expect(backoff.next(2_000)).toEqual({ attempt: 3, delayMs: 2_000 });
    expect(backoff.next(59_999)).toEqual({ attempt: 4, delayMs: 4_000 });
  });

  it('starts again from 0.5 s once the process stayed healthy for a minute', () => {
    const backoff = new RestartBackoff();
    for (let i = 0; i < 5; i += 1) backoff.next(1_000);
    expect(backoff.next(60_000)).toEqual({ attempt: 1, delayMs: 500 });
    expect(backoff.next(10)).toEqual({ attempt: 2, delayMs: 1_000 });
  });

  it('follows another policy', () => {
    const backoff = new RestartBackoff({ initialDelayMs: 100, maxDelayMs: 250, resetAfterHealthyMs: 1_000 });
    expect([backoff.next(0), backoff.next(0), backoff.next(0), backoff.next(1_000)]).toEqual([
      { attempt: 1, delayMs: 100 },
      { attempt: 2, delayMs: 200 },
      { attempt: 3, delayMs: 250 },
      { attempt: 1, delayMs: 100 },
    ]);
  });
});
