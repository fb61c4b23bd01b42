/**
 * Admission control for writes: at most `maxInFlight` mutations run at once, at most `maxQueued` wait for a
 * slot, and none waits longer than `maxWaitMs`. A mutation that cannot be admitted is refused before any
 * subgraph sees it, so nothing is written for it and the client can safely retry.
 *
 * Why: without a bound, a burst of 2,000 `placeOrder`s went to orders at once; every one queued for a database
 * connection, the gateway's subgraph timeout fired while they were still committing, and buyers whose orders
 * were written were told their order failed. Bounding what runs keeps each admitted write well inside its
 * timeout; what cannot be served soon is told so at once (OVERLOADED, with a retry-after hint).
 */
export interface AdmissionLimits {
  maxInFlight: number;
  maxQueued: number;
  maxWaitMs: number;
}

/** Why a request was not admitted: the queue was full or the wait for a slot ran out. */
export class AdmissionRefused extends Error {
  constructor(
    readonly reason: 'QUEUE_FULL' | 'WAIT_EXPIRED',
    /** When a retry has a fair chance, in whole seconds (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(reason === 'QUEUE_FULL' ? 'Too many writes are waiting' : 'A write waited too long for its turn');
    this.name = 'AdmissionRefused';
  }
}

/** Gives back the slot; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  admit: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface AdmissionStats {
  inFlight: number;
  queued: number;
  admitted: number;
  refused: number;
}

export class Admission {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private admitted = 0;
  private refused = 0;
  /** Smoothed time a slot is held, for the retry-after hint. */
  private holdMs = 50;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** A slot (resolves at once or when one frees up), or rejects with {@link AdmissionRefused}. */
  acquire(): Promise<Release> {
    if (this.inFlight < this.limits.maxInFlight && this.waiting.length === 0) return Promise.resolve(this.grant());
    if (this.waiting.length >= this.limits.maxQueued) return Promise.reject(this.refuse('QUEUE_FULL'));
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve(this.grant());
        },
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(this.refuse('WAIT_EXPIRED'));
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.waiting.length, admitted: this.admitted, refused: this.refused };
  }

  private grant(): Release {
    this.inFlight += 1;
    this.admitted += 1;
    const since = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holdMs = 0.9 * this.holdMs + 0.1 * Math.max(0, this.now() - since);
      this.inFlight -= 1;
      this.waiting.shift()?.admit();
    };
  }

  private refuse(reason: AdmissionRefused['reason']): AdmissionRefused {
    this.refused += 1;
    // The time for everything ahead (the queue and those running) to go through the slots, rounded up.
    const drainMs = ((this.waiting.length + this.inFlight) * this.holdMs) / this.limits.maxInFlight;
    return new AdmissionRefused(reason, Math.min(30, Math.max(1, Math.ceil(drainMs / 1000))));
  }
}
