import { isIdOf } from '@sc/db';
import { addDays, localDay } from '../dashboard/day-range';
import { orderAmounts } from '../order/money/order-amounts';
import { OrderStatus } from '../order/order-status';
import { TimerKind } from '../order/order-timers';
import { Region, REGION_POLICIES } from '../order/policy/region-policy';
import { PackageStatus } from '../fulfilment/package-status';
import { shippingFeeFor } from '../shop-settings/shipping-fee';
import { DemoHistoryInput, HISTORY_BUYER_PREFIX, PlannedOrder, ordersOnDay, planDemoHistory, season, zonedInstant } from './demo-history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The demo shop as orders knows it after the live seed: its five SKUs, 4.99 shipping free from 50.00, Jakarta time.
const input = (overrides: Partial<DemoHistoryInput> = {}): DemoHistoryInput => ({
  sellerId: 'shp_demo',
  now: new Date('2026-12-04T01:30:00Z'),
  days: 120,
  timeZone: 'Asia/Jakarta',
  region: Region.US,
  skus: [
    ['sku_lamp', 'prd_lamp', '5900'],
    ['sku_mug', 'prd_mug', '1450'],
    ['sku_serum', 'prd_serum', '2450'],
    ['sku_tee_l', 'prd_tee', '1900'],
    ['sku_tee_m', 'prd_tee', '1900'],
  ].map(([skuId, productId, priceMinor]) => ({ skuId, productId, priceMinor, currencyCode: 'USD' })),
  shipping: { currencyCode: 'USD', flatFeeMinor: 499n, freeFromMinor: 5000n },
  ...overrides,
});

const byDay = (orders: PlannedOrder[]): Map<string, PlannedOrder[]> => {
  const days = new Map<string, PlannedOrder[]>();
  for (const order of orders) days.set(order.day, [...(days.get(order.day) ?? []), order]);
  return days;
};

describe('demo history plan', () => {
  const base = input();
  const plan = planDemoHistory(base);
  const today = localDay(base.now, base.timeZone);

  it('plans the same orders for the same input, and the same orders for a day whatever the run', () => {
    expect(planDemoHistory(input())).toEqual(plan);
    // A shorter history a day later plans the days it shares with the same ids, buyers, lines and amounts
    // (only where the orders stand may differ, a day later).
    const later = planDemoHistory(input({ now: new Date(base.now.getTime() + DAY), days: 30 }));
    const identity = (o: PlannedOrder) => ({
      id: o.id,
      buyer: o.buyerId,
      lines: o.lines,
      total: o.totalMinor,
      paidAt: o.paidAt,
      timers: o.timers.slice(0, 3).map((t) => t.id),
    });
    const shared = later.filter((o) => o.day < today);
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.map(identity)).toEqual(plan.filter((o) => o.day >= addDays(today, -29)).map(identity));
  });

  it('covers every day before today, 2–4 orders a day, two more on weekends, plus up to 3 in the season', () => {
    const days = byDay(plan);
    expect([...days.keys()]).toEqual(Array.from({ length: 120 }, (_, i) => addDays(today, i - 120)));
    for (const [day, orders] of days) {
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
      const extra = (weekend ? 2 : 0) + season(day);
      expect(orders.length).toBe(ordersOnDay(day));
      expect(orders.length).toBeGreaterThanOrEqual(2 + extra);
      expect(orders.length).toBeLessThanOrEqual(4 + extra);
      expect(orders.map((o) => o.index)).toEqual(orders.map((_, i) => i));
    }
    expect(season('2026-12-03')).toBe(3);
    expect(season('2026-12-20')).toBe(2);
    expect(season('2027-01-01')).toBe(1); // the peak before, across the new year
    expect(season('2026-08-15')).toBe(0);
  });

  it('places and pays each order on its own local day, in daytime, and releases it before today began', () => {
    const startOfToday = zonedInstant(today, 0, base.timeZone);
    for (const order of plan) {
      expect(localDay(order.placedAt, base.timeZone)).toBe(order.day);
      expect(localDay(order.paidAt, base.timeZone)).toBe(order.day);
      expect(order.paidAt > order.placedAt).toBe(true);
      expect(order.remorseEndsAt.getTime()).toBe(order.paidAt.getTime() + REGION_POLICIES.US.remorseHours * HOUR);
      expect(order.remorseEndsAt < startOfToday).toBe(true);
    }
    expect(zonedInstant('2026-07-01', 8 * 3600, 'Asia/Jakarta')).toEqual(new Date('2026-07-01T01:00:00Z'));
    expect(zonedInstant('2026-07-01', 8 * 3600, 'America/New_York')).toEqual(new Date('2026-07-01T12:00:00Z'));
    expect(zonedInstant('2026-01-15', 8 * 3600, 'America/New_York')).toEqual(new Date('2026-01-15T13:00:00Z'));
  });

  it('gives every order the status its dates put it in at now, with the timers the service would hold', () => {
    const { now } = base;
    for (const order of plan) {
      expect(order.updatedAt <= now).toBe(true);
      if (order.status === OrderStatus.CANCELLED) {
        // Cancelled by the buyer within the remorse window, never shipped.
        expect(order.cancelledBy).toBe('BUYER');
        expect(order.cancelledAt! > order.paidAt && order.cancelledAt! < order.remorseEndsAt).toBe(true);
        expect(order.package).toBeNull();
        expect(order.version).toBe(4);
      } else {
        const pkg = order.package!;
        const shippedAfter = pkg.shippedAt.getTime() - order.paidAt.getTime();
        expect(shippedAfter).toBeGreaterThanOrEqual(HOUR);
        expect(shippedAfter).toBeLessThanOrEqual(18 * HOUR);
        expect(pkg.createdAt >= order.remorseEndsAt && pkg.createdAt <= pkg.shippedAt).toBe(true);
        const arrival = order.deliveredAt ?? pkg.deliveredAt;
        const expected =
          pkg.inTransitAt === null
            ? OrderStatus.AWAITING_COLLECTION
            : arrival === null
              ? OrderStatus.IN_TRANSIT
              : order.completesAt! <= now
                ? OrderStatus.COMPLETED
                : OrderStatus.DELIVERED;
        expect(order.status).toBe(expected);
        expect(pkg.status).toBe(
          { AWAITING_COLLECTION: PackageStatus.AWAITING_COLLECTION, IN_TRANSIT: PackageStatus.IN_TRANSIT }[expected as string] ?? PackageStatus.DELIVERED,
        );
        if (arrival) {
          const deliveredAfter = arrival.getTime() - pkg.shippedAt.getTime();
          expect(deliveredAfter).toBeGreaterThanOrEqual(2 * DAY);
          expect(deliveredAfter).toBeLessThanOrEqual(4 * DAY);
          expect(order.completesAt!.getTime()).toBe(arrival.getTime() + REGION_POLICIES.US.afterSalesDays * DAY);
          expect(arrival <= now).toBe(true);
        }
        expect(order.version).toBe({ AWAITING_COLLECTION: 6, IN_TRANSIT: 7, DELIVERED: 8, COMPLETED: 9 }[order.status as string]);
      }
      const kinds = order.timers.map((t) => t.kind);
      expect(kinds).toEqual([TimerKind.UNPAID_EXPIRY, TimerKind.REMORSE_END, TimerKind.AUTO_CANCEL, ...(order.deliveredAt ? [TimerKind.COMPLETE] : [])]);
      for (const timer of order.timers) expect(timer.firedAt).toEqual(timer.dueAt <= now ? timer.dueAt : null);
      expect(order.timers.find((t) => t.kind === TimerKind.COMPLETE)?.dueAt ?? null).toEqual(order.completesAt);
    }
    // Months back everything has completed; the last days still have parcels on their way.
    const statuses = new Set(plan.map((o) => o.status));
    for (const status of [OrderStatus.COMPLETED, OrderStatus.DELIVERED, OrderStatus.IN_TRANSIT, OrderStatus.CANCELLED]) expect(statuses).toContain(status);
    expect(statuses).not.toContain(OrderStatus.AWAITING_SHIPMENT);
    const cancelled = plan.filter((o) => o.status === OrderStatus.CANCELLED).length / plan.length;
    expect(cancelled).toBeGreaterThan(0.01);
    expect(cancelled).toBeLessThan(0.12);
  });

  it("prices every order from the shop's SKU prices and shipping rule, with the amounts placeOrder computes", () => {
    const prices = new Map(base.skus.map((s) => [s.skuId, s]));
    for (const order of plan) {
      expect(order.lines.length).toBeGreaterThanOrEqual(1);
      expect(order.lines.length).toBeLessThanOrEqual(2);
      expect(new Set(order.lines.map((l) => l.skuId)).size).toBe(order.lines.length);
      for (const line of order.lines) {
        expect(line.unitPriceMinor).toBe(BigInt(prices.get(line.skuId)!.priceMinor));
        expect(line.productId).toBe(prices.get(line.skuId)!.productId);
        expect(line.lineTotalMinor).toBe(line.unitPriceMinor * BigInt(line.quantity));
      }
      const totals = order.lines.map((l) => l.lineTotalMinor);
      const subtotal = totals.reduce((a, b) => a + b, 0n);
      const expected = orderAmounts(totals, 'USD', { amount: shippingFeeFor(base.shipping, subtotal, 'USD'), currencyCode: 'USD' }, null);
      expect({ subtotal: order.subtotalMinor, fee: order.shippingFeeMinor, discount: order.sellerDiscountMinor, total: order.totalMinor }).toEqual({
        subtotal: expected.subtotalMinor,
        fee: expected.shippingFeeMinor,
        discount: 0n,
        total: expected.totalMinor,
      });
      expect(order.lines.map((l) => l.shippingFeeMinor)).toEqual(expected.lines.map((l) => l.shippingFeeMinor));
    }
    // Both sides of the free-shipping threshold occur.
    expect(new Set(plan.map((o) => o.shippingFeeMinor))).toEqual(new Set([0n, 499n]));
    // A shop without a shipping setting charges none.
    expect(planDemoHistory(input({ shipping: null, days: 10 })).every((o) => o.shippingFeeMinor === 0n)).toBe(true);
  });

  it('buys from a pool of 80 customers in which the 12 loyal ones come back often', () => {
    const counts = new Map<number, number>();
    for (const order of plan) {
      expect(order.buyerId).toMatch(new RegExp(`^${HISTORY_BUYER_PREFIX}\\d{2}$`));
      const n = Number(order.buyerId.slice(HISTORY_BUYER_PREFIX.length));
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(80);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const average = (from: number, to: number) => {
      let sum = 0;
      for (let n = from; n <= to; n += 1) sum += counts.get(n) ?? 0;
      return sum / (to - from + 1);
    };
    expect(average(1, 12)).toBeGreaterThan(2 * average(13, 80));
    for (let n = 1; n <= 12; n += 1) expect(counts.get(n) ?? 0).toBeGreaterThanOrEqual(5);
  });

  it('derives ids in the shape of the service ids from shop, day and index, unique and ordered by placement', () => {
    const ids = plan.flatMap((o) => [o.id, ...o.lines.map((l) => l.id), ...(o.package ? [o.package.id] : []), ...o.timers.map((t) => t.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const order of plan) {
      expect(isIdOf('ord', order.id)).toBe(true);
      for (const line of order.lines) expect(isIdOf('oln', line.id)).toBe(true);
      if (order.package) expect(isIdOf('pkg', order.package.id)).toBe(true);
      for (const timer of order.timers) expect(isIdOf('tmr', timer.id)).toBe(true);
    }
    // Newest-first lists (ORDER BY id DESC) show the history in time order, older than anything placed today.
    expect(plan.map((o) => o.id)).toEqual([...plan].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime()).map((o) => o.id));
    expect([...plan.map((o) => o.id)].sort()).toEqual(plan.map((o) => o.id));
    // Another shop's history never collides with this one's.
    const other = planDemoHistory(input({ sellerId: 'shp_other', days: 10 }));
    expect(other.some((o) => ids.includes(o.id))).toBe(false);
  });

  it('plans nothing for a shop with no SKUs to sell', () => {
    expect(planDemoHistory(input({ skus: [] }))).toEqual([]);
  });
});
