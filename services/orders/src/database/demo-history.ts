import { createHash } from 'node:crypto';
import { addDays, localDay } from '../dashboard/day-range';
import { orderAmounts } from '../order/money/order-amounts';
import { SkuPrice, priceLines } from '../order/order-pricing';
import { OrderStatus } from '../order/order-status';
import { TimerKind } from '../order/order-timers';
import { completesAt, paymentDeadlines, unpaidExpiresAt } from '../order/policy/deadlines';
import { Region, policyOf } from '../order/policy/region-policy';
import { PackageStatus } from '../fulfilment/package-status';
import { ShippingSetting, shippingFeeFor } from '../shop-settings/shipping-fee';

// The demo shop's past: months of orders planned day by day, as the service would have left them had buyers
// placed and paid them and the seller shipped them. It is imported history (demo-history.repository.ts writes
// it without events), so catalog, returns, marketing and creators know nothing of these orders.

/** What the plan needs to know about the shop, read from orders' own tables (demo-history.repository.ts). */
export interface DemoHistoryInput {
  sellerId: string;
  now: Date;
  /** Days of history before today (today is the live demo seed's). */
  days: number;
  /** The shop's time zone: history days are its local days, as the dashboard buckets them. */
  timeZone: string;
  region: Region;
  /** Sellable SKUs with their current prices, in a stable order (the plan picks from them by position). */
  skus: SkuPrice[];
  shipping: ShippingSetting | null;
}

/** One planned order line, priced like a placed one. */
export interface PlannedLine {
  id: string;
  position: number;
  skuId: string;
  productId: string;
  quantity: number;
  unitPriceMinor: bigint;
  lineTotalMinor: bigint;
  shippingFeeMinor: bigint;
  sellerDiscountMinor: bigint;
}

/** The one package of a shipped history order. */
export interface PlannedPackage {
  id: string;
  status: PackageStatus;
  carrier: string;
  trackingNumber: string;
  createdAt: Date;
  shippedAt: Date;
  inTransitAt: Date | null;
  deliveredAt: Date | null;
}

/** A deadline row as the scheduler would hold it: fired when it fell due before now, pending otherwise. */
export interface PlannedTimer {
  id: string;
  kind: TimerKind;
  createdAt: Date;
  dueAt: Date;
  firedAt: Date | null;
}

/** One history order as it stands at `now`. */
export interface PlannedOrder {
  id: string;
  /** The shop-local day it was placed and paid on. */
  day: string;
  index: number;
  buyerId: string;
  status: OrderStatus;
  version: number;
  region: Region;
  currencyCode: string;
  subtotalMinor: bigint;
  shippingFeeMinor: bigint;
  sellerDiscountMinor: bigint;
  totalMinor: bigint;
  recipient: { name: string; phone: string; address: string };
  placedAt: Date;
  updatedAt: Date;
  paidAt: Date;
  unpaidExpiresAt: Date;
  remorseEndsAt: Date;
  shipByAt: Date;
  autoCancelAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  cancelledBy: 'BUYER' | null;
  deliveredAt: Date | null;
  completesAt: Date | null;
  lines: PlannedLine[];
  package: PlannedPackage | null;
  timers: PlannedTimer[];
}

/** Default length of the demo history. */
export const DEFAULT_HISTORY_DAYS = 120;
/** Buyers of the history: `usr_demo_customer_01` … `_80`; the first twelve come back often. */
export const HISTORY_CUSTOMERS = 80;
export const LOYAL_CUSTOMERS = 12;
/** Id prefix of the history's buyers, which tells its orders apart from the live seed's. */
export const HISTORY_BUYER_PREFIX = 'usr_demo_customer_';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CARRIERS = ['UPS', 'FedEx', 'USPS'];
const CANCEL_REASONS = ['Ordered by mistake', 'Found it cheaper elsewhere', 'Changed my mind'];
// The peak of the season bonus: early December (month, day).
const SEASON_PEAK = { month: 12, day: 3 };

/**
 * A small deterministic PRNG (mulberry32) seeded from a string: the same calendar day always plans the same
 * orders, whenever and however often the history is imported.
 */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Extra orders of a day for the season: 3 around early December, falling to 0 six weeks away. */
export function season(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const at = Date.UTC(year, month - 1, date);
  // The nearest peak, this year's or a neighbouring one's, so late December and January count too.
  const distance = Math.min(...[year - 1, year, year + 1].map((y) => Math.abs(at - Date.UTC(y, SEASON_PEAK.month - 1, SEASON_PEAK.day)) / DAY));
  return Math.max(0, 3 - Math.floor(distance / 12));
}

const isWeekend = (day: string): boolean => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** Orders planned for a day: 2–4, two more on weekends, plus the season's bonus. */
export function ordersOnDay(day: string): number {
  const random = seededRandom(`demo-history:count:${day}`);
  return 2 + Math.floor(random() * 3) + (isWeekend(day) ? 2 : 0) + season(day);
}

/**
 * The instant of a local wall-clock time (`secondOfDay` seconds after midnight of `day`) in a time zone. The
 * zone's offset is read at a first guess and again at the result, which settles it across a DST change.
 */
export function zonedInstant(day: string, secondOfDay: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + secondOfDay * 1000;
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return new Date(at);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * A stable id shaped like `newId`'s (`<prefix>_<time base36><16 hex>`): the time part is when the order was
 * placed, so history sorts before the live seed in newest-first lists; the rest is a hash of shop, day and index.
 */
export function historyId(prefix: string, placedAt: Date, sellerId: string, day: string, index: number, part = ''): string {
  const time = placedAt.getTime().toString(36).padStart(9, '0');
  const hash = createHash('sha256').update(`${sellerId}|${day}|${index}|${prefix}|${part}`).digest('hex').slice(0, 16);
  return `${prefix}_${time}${hash}`;
}

const customerNumber = (random: () => number): number =>
  random() < 0.4 ? 1 + Math.floor(random() * LOYAL_CUSTOMERS) : LOYAL_CUSTOMERS + 1 + Math.floor(random() * (HISTORY_CUSTOMERS - LOYAL_CUSTOMERS));

/**
 * Plans the history: every local day of the `days` before today, oldest first, with {@link ordersOnDay} orders
 * placed between 08:00 and 22:00 and paid within minutes. About one in twenty is cancelled by its buyer within the
 * remorse window; every other one is packed and shipped 1–18 h after payment, scanned 2–10 h later and delivered
 * 2–4 days after shipping, then completes when the after-sales window ends. Each order stands where those moments
 * put it at `now` (a later step that has not happened yet is left out), with the timers the service would hold.
 * Pure: the same input plans the same orders, ids included.
 */
export function planDemoHistory(input: DemoHistoryInput): PlannedOrder[] {
  if (input.skus.length === 0) return [];
  const today = localDay(input.now, input.timeZone);
  const orders: PlannedOrder[] = [];
  for (let back = input.days; back >= 1; back -= 1) orders.push(...planDay(input, addDays(today, -back)));
  return orders;
}

function planDay(input: DemoHistoryInput, day: string): PlannedOrder[] {
  const random = seededRandom(`demo-history:${day}`);
  // Placement times first, sorted, so index order is time order (and id order, whose time part is placement).
  const seconds = Array.from({ length: ordersOnDay(day) }, () => 8 * 3600 + Math.floor(random() * 14 * 3600)).sort((a, b) => a - b);
  return seconds.map((second, index) => planOrder(input, day, index, zonedInstant(day, second, input.timeZone), random));
}

function planOrder(input: DemoHistoryInput, day: string, index: number, placedAt: Date, random: () => number): PlannedOrder {
  const { sellerId, now } = input;
  // The marketplace's region policy as production runs it: a demo stack's shortened remorse window
  // (ORDER_REMORSE_WINDOW_SECONDS) only lets the live seed ship at once; the past had the real one.
  const policy = policyOf(input.region);
  const id = (prefix: string, part = '') => historyId(prefix, placedAt, sellerId, day, index, part);
  const customer = customerNumber(random);
  const buyerId = `${HISTORY_BUYER_PREFIX}${String(customer).padStart(2, '0')}`;

  // Lines: one or two distinct SKUs, mostly a single unit, priced and charged exactly as placeOrder does.
  const first = Math.floor(random() * input.skus.length);
  const picks = random() < 0.3 && input.skus.length > 1 ? [first, (first + 1 + Math.floor(random() * (input.skus.length - 1))) % input.skus.length] : [first];
  const requested = picks.map((i) => ({ skuId: input.skus[i].skuId, quantity: random() < 0.75 ? 1 : 2 + Math.floor(random() * 2) }));
  const priced = priceLines(requested, input.skus);
  const sellerDiscountMinor = 0n;
  const shippingFee = shippingFeeFor(input.shipping, priced.totalMinor - sellerDiscountMinor, priced.currencyCode);
  const amounts = orderAmounts(
    priced.lines.map((l) => l.lineTotalMinor),
    priced.currencyCode,
    { amount: shippingFee, currencyCode: priced.currencyCode },
    { amount: sellerDiscountMinor, currencyCode: priced.currencyCode },
  );
  const lines: PlannedLine[] = priced.lines.map((line, position) => ({
    id: id('oln', String(position)),
    position,
    skuId: line.skuId,
    productId: line.productId,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    lineTotalMinor: line.lineTotalMinor,
    shippingFeeMinor: amounts.lines[position].shippingFeeMinor,
    sellerDiscountMinor: amounts.lines[position].sellerDiscountMinor,
  }));

  // The moments of the order's life. Payment ends by 22:20 local and the remorse window lasts an hour, so
  // everything up to release happened before today began, hence before now.
  const confirmedAt = new Date(placedAt.getTime() + 2_000);
  const paidAt = new Date(placedAt.getTime() + (1 + Math.floor(random() * 20)) * MINUTE);
  const deadlines = paymentDeadlines(paidAt, policy);
  const remorseMs = deadlines.remorseEndsAt.getTime() - paidAt.getTime();
  const cancelled = random() < 0.05;
  const cancelledAt = cancelled ? new Date(paidAt.getTime() + Math.round(remorseMs * (0.1 + 0.8 * random()))) : null;
  let shippedAt = new Date(paidAt.getTime() + HOUR + Math.floor(random() * 17 * HOUR));
  // Shipping never lies ahead: that would leave an order awaiting shipment on the seller's live counters.
  if (shippedAt > now) shippedAt = deadlines.remorseEndsAt;
  const packedAt = new Date(Math.max(deadlines.remorseEndsAt.getTime(), shippedAt.getTime() - 20 * MINUTE));
  const scannedAt = new Date(shippedAt.getTime() + 2 * HOUR + Math.floor(random() * 8 * HOUR));
  const arrivedAt = new Date(shippedAt.getTime() + 2 * DAY + Math.floor(random() * 2 * DAY));
  const completion = completesAt(arrivedAt, policy);
  const carrier = CARRIERS[Math.floor(random() * CARRIERS.length)];
  const cancelReason = CANCEL_REASONS[Math.floor(random() * CANCEL_REASONS.length)];

  const timer = (kind: TimerKind, createdAt: Date, dueAt: Date): PlannedTimer => ({
    id: id('tmr', kind),
    kind,
    createdAt,
    dueAt,
    firedAt: dueAt <= now ? dueAt : null,
  });
  const expiresAt = unpaidExpiresAt(confirmedAt, policy);
  const timers = [
    timer(TimerKind.UNPAID_EXPIRY, confirmedAt, expiresAt),
    timer(TimerKind.REMORSE_END, paidAt, deadlines.remorseEndsAt),
    timer(TimerKind.AUTO_CANCEL, paidAt, deadlines.autoCancelAt),
  ];
  const common = {
    id: id('ord'),
    day,
    index,
    buyerId,
    region: input.region,
    currencyCode: priced.currencyCode,
    subtotalMinor: amounts.subtotalMinor,
    shippingFeeMinor: amounts.shippingFeeMinor,
    sellerDiscountMinor: amounts.sellerDiscountMinor,
    totalMinor: amounts.totalMinor,
    recipient: {
      name: `Demo Customer ${String(customer).padStart(2, '0')}`,
      phone: `+1555${String(customer).padStart(7, '0')}`,
      address: `${customer} Market Street, Springfield`,
    },
    placedAt,
    paidAt,
    unpaidExpiresAt: expiresAt,
    remorseEndsAt: deadlines.remorseEndsAt,
    shipByAt: deadlines.shipByAt,
    autoCancelAt: deadlines.autoCancelAt,
    lines,
    timers,
  };
  if (cancelledAt) {
    // placed (1), stock confirmed (2), paid (3), cancelled by the buyer while on hold (4).
    return {
      ...common,
      status: OrderStatus.CANCELLED,
      version: 4,
      updatedAt: cancelledAt,
      cancelledAt,
      cancelReason,
      cancelledBy: 'BUYER',
      deliveredAt: null,
      completesAt: null,
      package: null,
    };
  }
  // Released (4), packed (5), shipped (6), scanned (7), delivered (8), completed (9): as far as `now` allows.
  const scanned = scannedAt <= now;
  const delivered = arrivedAt <= now;
  const completed = delivered && completion <= now;
  if (delivered) timers.push(timer(TimerKind.COMPLETE, arrivedAt, completion));
  const status = completed ? OrderStatus.COMPLETED : delivered ? OrderStatus.DELIVERED : scanned ? OrderStatus.IN_TRANSIT : OrderStatus.AWAITING_COLLECTION;
  const version = completed ? 9 : delivered ? 8 : scanned ? 7 : 6;
  const updatedAt = completed ? completion : delivered ? arrivedAt : scanned ? scannedAt : shippedAt;
  return {
    ...common,
    status,
    version,
    updatedAt,
    cancelledAt: null,
    cancelReason: null,
    cancelledBy: null,
    deliveredAt: delivered ? arrivedAt : null,
    completesAt: delivered ? completion : null,
    package: {
      id: id('pkg'),
      status: delivered ? PackageStatus.DELIVERED : scanned ? PackageStatus.IN_TRANSIT : PackageStatus.AWAITING_COLLECTION,
      carrier,
      trackingNumber: `1ZH${day.replace(/-/g, '')}${String(index).padStart(3, '0')}`,
      createdAt: packedAt,
      shippedAt,
      inTransitAt: scanned ? scannedAt : null,
      deliveredAt: delivered ? arrivedAt : null,
    },
  };
}
