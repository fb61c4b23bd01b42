import { ControlledClock } from '@sc/kit';
import { ExitStatus, SupervisableChild, Supervisor, SupervisorEvent, SupervisorTimers, describeSupervisorEvent } from './supervisor';

// The supervisor against fake processes and hand-driven time: nothing here waits on a real timer, so each
// test states exactly which waits have elapsed.

class FakeChild implements SupervisableChild {
  stopped = false;
  private end!: (status: ExitStatus) => void;
  private readonly ended = new Promise<ExitStatus>((resolve) => (this.end = resolve));

  constructor(readonly id: number) {}

  exitStatus(): Promise<ExitStatus> {
    return this.ended;
  }

  crash(status: ExitStatus): void {
    this.end(status);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.end({ code: 0, signal: null });
  }
}

/** Waits the supervisor asked for, resolved only when the test lets them elapse. */
class ManualTimers implements SupervisorTimers {
  readonly clock = new ControlledClock();
  readonly waits: Array<{ ms: number; resolve: () => void }> = [];

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      this.waits.push({ ms, resolve });
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Lets the oldest pending wait elapse (moving the clock by it) and returns its length. */
  async elapse(): Promise<number> {
    const wait = this.waits.shift();
    if (!wait) throw new Error('The supervisor is not waiting');
    this.clock.advance(wait.ms);
    wait.resolve();
    await settle();
    return wait.ms;
  }
}

// Lets the supervisor's promise chain run until it waits on something the test controls.
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const KILLED: ExitStatus = { code: null, signal: 'SIGKILL' };

/** A supervised fake whose starts succeed unless the test queued failures. */
async function supervised() {
  const timers = new ManualTimers();
  const events: SupervisorEvent[] = [];
  const children: FakeChild[] = [];
  const failures: string[] = [];
  // A start the test drives itself, used once instead of the default.
  const held: { next?: (signal: AbortSignal) => Promise<FakeChild> } = {};
  let starts = 0;
  const signals: AbortSignal[] = [];
  const supervisor = await Supervisor.start<FakeChild>({
    name: 'orders',
    timers,
    report: (event) => events.push(event),
    start: async (signal) => {
      starts += 1;
      signals.push(signal);
      const next = held.next;
      held.next = undefined;
      if (next) return next(signal);
      const failure = failures.shift();
      if (failure) throw new Error(`${failure}:\nlog tail line 1\nlog tail line 2`);
      const child = new FakeChild(children.length);
      children.push(child);
      return child;
    },
  });
  await settle();
  return { supervisor, timers, events, children, failures, held, signals, starts: () => starts, lines: () => events.map(describeSupervisorEvent) };
}

describe('process supervisor', () => {
  it('restarts a process that exited unasked after 0.5 s, and says so on the crash and on the recovery', async () => {
    const s = await supervised();
    s.children[0].crash(KILLED);
    await settle();
    expect(s.lines()).toEqual(['orders exited with signal SIGKILL; restarting in 0.5 s (attempt 1)']);
    expect(s.starts()).toBe(1); // nothing restarts before the backoff elapsed

    expect(await s.timers.elapse()).toBe(500);
    expect(s.starts()).toBe(2);
    expect(s.supervisor.current).toBe(s.children[1]);
    expect(s.lines()).toEqual(['orders exited with signal SIGKILL; restarting in 0.5 s (attempt 1)', 'orders is healthy again (restart attempt 1)']);
  });

  it('doubles the wait while restarts fail, and reports each with the first line of its reason', async () => {
    const s = await supervised();
    s.failures.push('orders exited during start-up', 'orders did not become healthy at http://127.0.0.1:1/health within 60000 ms');
    s.children[0].crash({ code: 1, signal: null });
    await settle();
    expect([await s.timers.elapse(), await s.timers.elapse(), await s.timers.elapse()]).toEqual([500, 1_000, 2_000]);
    expect(s.lines()).toEqual([
      'orders exited with code 1; restarting in 0.5 s (attempt 1)',
      'orders did not come back (orders exited during start-up); restarting in 1 s (attempt 2)',
      'orders did not come back (orders did not become healthy at http://127.0.0.1:1/health within 60000 ms); restarting in 2 s (attempt 3)',
      'orders is healthy again (restart attempt 3)',
    ]);
    expect(s.supervisor.current).toBe(s.children[1]);
  });

  it('keeps doubling for a process that crashes soon after each restart, and starts over after a healthy minute', async () => {
    const s = await supervised();
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      s.children[i].crash({ code: 1, signal: null });
      await settle();
      delays.push(await s.timers.elapse());
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000]);

    s.timers.clock.advance(60_000);
    s.children[7].crash({ code: 1, signal: null });
    await settle();
    expect(s.events.at(-1)).toEqual({ type: 'exited', name: 'orders', status: { code: 1, signal: null }, attempt: 1, delayMs: 500 });
  });

  it('never restarts after an orderly stop', async () => {
    const s = await supervised();
    await s.supervisor.stop();
    await settle();
    expect(s.children[0].stopped).toBe(true);
    expect(s.timers.waits).toEqual([]);
    expect(s.starts()).toBe(1);
    expect(s.events).toEqual([]);
  });

  it('cancels a restart that is still waiting out its backoff when stopped', async () => {
    const s = await supervised();
    s.children[0].crash(KILLED);
    await settle();
    await s.supervisor.stop();
    await settle();
    expect(s.starts()).toBe(1);
    expect(s.events.map((e) => e.type)).toEqual(['exited']);
  });

  it('abandons a restart under way when stopped, and stops a process that became healthy meanwhile', async () => {
    const s = await supervised();
    let finishStart!: () => void;
    const slow = new FakeChild(99);
    // The next start waits for the test; it resolves despite the abort, as a process that got healthy just then.
    s.held.next = () => new Promise((resolve) => (finishStart = () => resolve(slow)));
    s.children[0].crash(KILLED);
    await settle();
    await s.timers.elapse();

    const stopping = s.supervisor.stop();
    await settle();
    expect(s.signals.at(-1)!.aborted).toBe(true);
    finishStart();
    await stopping;
    expect(slow.stopped).toBe(true);
    expect(s.events.map((e) => e.type)).toEqual(['exited']);
  });
});
