import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { EventEnvelope } from '@sc/events';
import { FixtureLineSpec, OrderFixture, TestStack, publishRaw } from '@sc/testing';
import { waitForInbox, waitForProjection, waitForShipped } from './returns-db';

// Orders' side of returns' e2e tests: returns runs alone and hears of orders exactly as orders would tell
// it, on orders.order.v1 (OrderFixture: the same types, versions, actors and payloads orders emits). The
// chain across the real services (placed through orders, refunded in returns, seen by orders' dashboard)
// is tested in gateway/test/flows/returns-refund-flow.e2e-spec.ts.

/** Feeds returns orders' events: publishes them as orders would (keyed by order id) and waits until returns' inbox holds every one. */
export class OrderFeed {
  constructor(
    private readonly stack: TestStack,
    private readonly returnsDb: Client,
  ) {}

  /** Publishes without waiting (a test that checks what returns makes of a partial or reordered history). */
  publish(events: EventEnvelope[]): Promise<void> {
    return publishRaw(this.stack.settings, 'orders.order.v1', events);
  }

  /** Publishes and waits until returns has applied (or deduplicated) each event. */
  async feed(events: EventEnvelope[]): Promise<void> {
    await this.publish(events);
    await waitForInbox(
      this.returnsDb,
      events.map((e) => e.id),
    );
  }

  /** Orders placed and confirmed by catalog's reservation (UNPAID, nothing shipped), once returns holds them. */
  async placed(orders: OrderFixture[]): Promise<void> {
    await this.feed(orders.flatMap((o) => [...o.place(), ...o.confirm()]));
    for (const o of orders) await waitForProjection(this.returnsDb, o.orderId, 'UNPAID', o.lines.length);
  }

  /**
   * Orders placed, paid, released from the remorse hold and shipped in one package (every unit), then, with
   * `deliver`, scanned and delivered, once returns holds them. With `at`, every step is dated then (the
   * delivery, where the after-sales window starts, included); otherwise now.
   */
  async shipped(orders: OrderFixture[], options: { deliver?: boolean; at?: Date } = {}): Promise<void> {
    const step = { at: options.at };
    const events = orders.flatMap((o) => [
      ...o.place(step),
      ...o.confirm(step),
      ...o.pay(step),
      ...o.releaseHold(step),
      ...o.ship(step),
      ...(options.deliver ? [...o.inTransit(step), ...o.deliver(step)] : []),
    ]);
    await this.feed(events);
    for (const o of orders) {
      await waitForProjection(this.returnsDb, o.orderId, o.status, o.lines.length);
      await waitForShipped(this.returnsDb, o.orderId, liveUnits(o));
    }
  }
}

/** A new fixture order of `seller` bought by `buyer` (one line of 1 unit at 25.00 unless `lines` say otherwise). */
export const fixtureOrder = (seller: Identity, buyer: Identity, lines?: FixtureLineSpec[]): OrderFixture => new OrderFixture(seller, buyer, { lines });

/** The order line ids of a fixture order, in position order. */
export const lineIdsOf = (order: OrderFixture): string[] => order.lines.map((l) => l.orderLineId);

/** Every unit of the order as placed (what {@link OrderFeed.shipped} ships: it places the orders itself, so nothing is cancelled). */
const liveUnits = (order: OrderFixture): number => order.lines.reduce((sum, l) => sum + l.quantity, 0);
