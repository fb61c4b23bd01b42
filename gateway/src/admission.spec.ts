import { Admission, AdmissionRefused } from './admission';

describe('Admission', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits up to maxInFlight at once, queues the next ones in order and admits each as a slot frees up', async () => {
    const admission = new Admission({ maxInFlight: 2, maxQueued: 5, maxWaitMs: 1000 });
    const first = await admission.acquire();
    await admission.acquire();
    const order: string[] = [];
    const third = admission.acquire().then((release) => (order.push('third'), release));
    const fourth = admission.acquire().then((release) => (order.push('fourth'), release));
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 2 });
    first();
    first(); // a second release of the same slot changes nothing
    await third;
    expect(order).toEqual(['third']);
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('refuses at once when the queue is full, and a queued request whose wait runs out, each with a retry-after hint', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 500 });
    await admission.acquire();
    const queued = admission.acquire();
    await expect(admission.acquire()).rejects.toEqual(expect.objectContaining({ reason: 'QUEUE_FULL' }));
    jest.advanceTimersByTime(500);
    const refusal = await queued.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AdmissionRefused);
    expect(refusal).toMatchObject({ reason: 'WAIT_EXPIRED' });
    expect((refusal as AdmissionRefused).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(admission.stats()).toMatchObject({ inFlight: 1, queued: 0, refused: 2 });
  });

  it('with no queue refuses everything past the slots', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueued: 0, maxWaitMs: 500 });
    const release = await admission.acquire();
    await expect(admission.acquire()).rejects.toBeInstanceOf(AdmissionRefused);
    release();
    await expect(admission.acquire()).resolves.toEqual(expect.any(Function));
  });

  it('bases the retry-after hint on how long slots are held', async () => {
    let now = 0;
    const admission = new Admission({ maxInFlight: 1, maxQueued: 0, maxWaitMs: 500 }, () => now);
    for (let i = 0; i < 50; i += 1) {
      const release = await admission.acquire();
      now += 4000;
      release();
    }
    await admission.acquire();
    const refusal = (await admission.acquire().catch((error: unknown) => error)) as AdmissionRefused;
    expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(3);
  });
});
