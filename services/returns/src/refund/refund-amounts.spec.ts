import { PaidLine, refundOfLine } from './refund-amounts';

const line = (over: Partial<PaidLine> = {}): PaidLine => ({
  orderLineId: 'oln_a',
  liveQuantity: 3,
  unitPriceMinor: 2500n,
  sellerDiscountMinor: 0n,
  shippingFeeMinor: 0n,
  refunded: { quantity: 0, subtotalMinor: 0n, shippingFeeMinor: 0n },
  ...over,
});

/** `earlier` applied to `paid` as refunded, the way the writer reads them back from refund_lines. */
const after = (paid: PaidLine, ...earlier: Array<{ quantity: number; subtotalMinor: bigint; shippingFeeMinor: bigint }>): PaidLine => ({
  ...paid,
  refunded: earlier.reduce(
    (sum, r) => ({
      quantity: sum.quantity + r.quantity,
      subtotalMinor: sum.subtotalMinor + r.subtotalMinor,
      shippingFeeMinor: sum.shippingFeeMinor + r.shippingFeeMinor,
    }),
    paid.refunded,
  ),
});

describe('refundOfLine', () => {
  it('pays back unit price × quantity when nothing was discounted or charged for shipping', () => {
    expect(refundOfLine(line(), 2)).toEqual({ orderLineId: 'oln_a', quantity: 2, subtotalMinor: 5000n, shippingFeeMinor: 0n, amountMinor: 5000n });
  });

  it('splits an uneven discount and shipping fee so the parts add up to exactly what was paid', () => {
    const paid = line({ liveQuantity: 3, unitPriceMinor: 3333n, sellerDiscountMinor: 1000n, shippingFeeMinor: 500n }); // 9999 − 1000 + 500
    const first = refundOfLine(paid, 1);
    const second = refundOfLine(after(paid, first), 1);
    const last = refundOfLine(after(paid, first, second), 1);
    expect([first, second, last].map((r) => [r.subtotalMinor, r.shippingFeeMinor])).toEqual([
      [2999n, 166n],
      [3000n, 167n],
      [3000n, 167n],
    ]);
    expect(first.amountMinor + second.amountMinor + last.amountMinor).toBe(9999n - 1000n + 500n);
    expect(refundOfLine(paid, 3).amountMinor).toBe(9499n);
  });

  it('prices from the current shares over the live units, and catches up when they changed since the last refund', () => {
    // 3 units at 2500, discount 601, fee 300 at placement; 1 unit refunded then.
    const placed = line({ sellerDiscountMinor: 601n, shippingFeeMinor: 300n });
    const first = refundOfLine(placed, 1);
    expect(first).toMatchObject({ subtotalMinor: 2299n, shippingFeeMinor: 100n });
    // Another line's units were cancelled: the whole fee of 500 now rests on this line.
    const resplit = after({ ...placed, shippingFeeMinor: 500n }, first);
    const rest = refundOfLine(resplit, 2);
    expect(rest).toMatchObject({ subtotalMinor: 7500n - 601n - 2299n, shippingFeeMinor: 400n });
    expect(first.amountMinor + rest.amountMinor).toBe(7500n - 601n + 500n);
  });

  it('never pays a negative part when the shares fell below what was already paid back', () => {
    const paid = after(line({ liveQuantity: 2, unitPriceMinor: 100n, shippingFeeMinor: 9n }), { quantity: 1, subtotalMinor: 100n, shippingFeeMinor: 6n });
    expect(refundOfLine(paid, 1)).toMatchObject({ subtotalMinor: 100n, shippingFeeMinor: 3n });
    expect(refundOfLine({ ...paid, shippingFeeMinor: 2n }, 1)).toMatchObject({ subtotalMinor: 100n, shippingFeeMinor: 0n });
  });

  it('handles amounts beyond 2^53 exactly', () => {
    const big = line({ liveQuantity: 1, unitPriceMinor: 9_007_199_254_740_993n });
    expect(refundOfLine(big, 1).amountMinor).toBe(9_007_199_254_740_993n);
  });

  it('refuses units that were already refunded, cancelled or do not exist', () => {
    expect(() => refundOfLine(line({ refunded: { quantity: 2, subtotalMinor: 5000n, shippingFeeMinor: 0n } }), 2)).toThrow(RangeError);
    expect(() => refundOfLine(line({ liveQuantity: 1 }), 2)).toThrow(RangeError);
    expect(() => refundOfLine(line(), 0)).toThrow(RangeError);
  });
});

// A model of orders' money rules (services never share code): shares split by largest remainder; cancelled
// units take their share of the line's discount; the fee stays whole and is re-split over the live line totals.
function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  const effective = sum === 0n ? weights.map(() => 1n) : weights;
  const denominator = sum === 0n ? BigInt(weights.length) : sum;
  const parts = effective.map((w, index) => ({ index, floor: (total * w) / denominator, remainder: (total * w) % denominator }));
  let leftover = total - parts.reduce((s, p) => s + p.floor, 0n);
  const result = parts.map((p) => p.floor);
  for (const p of [...parts].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))) {
    if (leftover === 0n) break;
    result[p.index] += 1n;
    leftover -= 1n;
  }
  return result;
}

interface ModelLine {
  unit: bigint;
  quantity: number;
  shipped: number;
  cancelled: number;
  discount: bigint;
  fee: bigint;
  refunded: { quantity: number; subtotalMinor: bigint; shippingFeeMinor: bigint };
}

class ModelOrder {
  readonly lines: ModelLine[];

  constructor(
    lines: Array<{ unit: bigint; quantity: number; shipped: number }>,
    discount: bigint,
    private readonly fee: bigint,
  ) {
    const totals = lines.map((l) => l.unit * BigInt(l.quantity));
    const [discounts, fees] = [allocate(discount, totals), allocate(fee, totals)];
    this.lines = lines.map((l, i) => ({
      ...l,
      cancelled: 0,
      discount: discounts[i],
      fee: fees[i],
      refunded: { quantity: 0, subtotalMinor: 0n, shippingFeeMinor: 0n },
    }));
  }

  live = (l: ModelLine) => l.quantity - l.cancelled;

  /** What the buyer now pays for the first `units` live units of a line (the same rounding as a refund). */
  paidFor(l: ModelLine, units: number): bigint {
    if (units === 0) return 0n;
    const live = BigInt(this.live(l));
    return ((l.unit * live - l.discount) * BigInt(units)) / live + (l.fee * BigInt(units)) / live;
  }

  cancel(units: number[]): void {
    const kept = this.lines.map((l, i) => (units[i] ? allocate(l.discount, [BigInt(this.live(l) - units[i]), BigInt(units[i])])[0] : l.discount));
    this.lines.forEach((l, i) => (l.cancelled += units[i] ?? 0));
    const fees = allocate(
      this.fee,
      this.lines.map((l) => l.unit * BigInt(this.live(l))),
    );
    this.lines.forEach((l, i) => Object.assign(l, { discount: kept[i], fee: fees[i] }));
  }

  refund(i: number, units: number): void {
    const l = this.lines[i];
    const r = refundOfLine(
      {
        orderLineId: `oln_${i}`,
        liveQuantity: this.live(l),
        unitPriceMinor: l.unit,
        sellerDiscountMinor: l.discount,
        shippingFeeMinor: l.fee,
        refunded: l.refunded,
      },
      units,
    );
    l.refunded = {
      quantity: l.refunded.quantity + units,
      subtotalMinor: l.refunded.subtotalMinor + r.subtotalMinor,
      shippingFeeMinor: l.refunded.shippingFeeMinor + r.shippingFeeMinor,
    };
  }

  totalRefunded = () => this.lines.reduce((s, l) => s + l.refunded.subtotalMinor + l.refunded.shippingFeeMinor, 0n);
  paidForRefunded = () => this.lines.reduce((s, l) => s + this.paidFor(l, l.refunded.quantity), 0n);
  paidForShipped = () => this.lines.reduce((s, l) => s + this.paidFor(l, l.shipped), 0n);
  /** What the buyer pays for the order now: every live unit, with the whole fee while anything is live. */
  total = () => this.lines.reduce((s, l) => s + l.unit * BigInt(this.live(l)) - l.discount + l.fee, 0n);
}

type Step = { cancel: number[] } | { refund: [line: number, units: number] };

/**
 * Orders (lines: unit price, quantity, units shipped; discount; fee) and sequences of partial cancellations
 * (unshipped units only, as orders allows) and refunds (shipped units). Each ends with every line's shipped
 * units refunded in full; no line is refunded in full before a later cancellation changes its shares.
 */
const scenarios: Array<[name: string, lines: Array<{ unit: bigint; quantity: number; shipped: number }>, discount: bigint, fee: bigint, steps: Step[]]> = [
  [
    'even split, cancel then refund all',
    [
      { unit: 2500n, quantity: 3, shipped: 3 },
      { unit: 2500n, quantity: 2, shipped: 1 },
    ],
    1001n,
    500n,
    [{ cancel: [0, 1] }],
  ],
  [
    'uneven split, refund in parts after the cancellation',
    [
      { unit: 3333n, quantity: 3, shipped: 3 },
      { unit: 999n, quantity: 7, shipped: 2 },
      { unit: 1n, quantity: 1, shipped: 1 },
    ],
    1003n,
    7n,
    [{ cancel: [0, 5, 0] }, { refund: [0, 1] }, { refund: [1, 1] }, { refund: [0, 1] }],
  ],
  [
    'refund, cancellation re-splits the fee, refund the rest',
    [
      { unit: 2500n, quantity: 3, shipped: 3 },
      { unit: 2500n, quantity: 2, shipped: 0 },
    ],
    1001n,
    500n,
    [{ refund: [0, 1] }, { cancel: [0, 1] }, { refund: [0, 1] }],
  ],
  [
    'two cancellations around refunds of three lines',
    [
      { unit: 1999n, quantity: 4, shipped: 2 },
      { unit: 4999n, quantity: 3, shipped: 2 },
      { unit: 7n, quantity: 9, shipped: 3 },
    ],
    2345n,
    999n,
    [{ cancel: [1, 0, 2] }, { refund: [1, 1] }, { refund: [2, 2] }, { cancel: [1, 1, 4] }, { refund: [0, 1] }],
  ],
  [
    'no discount, fee only, one unit left of a big line',
    [
      { unit: 100n, quantity: 10, shipped: 1 },
      { unit: 250n, quantity: 1, shipped: 1 },
    ],
    0n,
    333n,
    [{ cancel: [9, 0] }, { refund: [1, 1] }, { refund: [0, 1] }],
  ],
  [
    'discount larger than a line, fee of one minor unit',
    [
      { unit: 10n, quantity: 3, shipped: 3 },
      { unit: 5000n, quantity: 2, shipped: 1 },
    ],
    4000n,
    1n,
    [{ cancel: [0, 1] }, { refund: [1, 1] }],
  ],
  [
    'nothing cancelled',
    [
      { unit: 3333n, quantity: 3, shipped: 3 },
      { unit: 3333n, quantity: 1, shipped: 1 },
    ],
    1000n,
    500n,
    [{ refund: [0, 2] }],
  ],
];

describe('refunds of an order across partial cancellations (property table)', () => {
  it.each(scenarios)(
    '%s: never more than paid for the refunded units, exactly what was paid once everything shipped is refunded',
    (_name, lines, discount, fee, steps) => {
      const order = new ModelOrder(lines, discount, fee);
      const placedTotal = order.total();
      let cancelledSoFar = 0n;
      for (const step of steps) {
        if ('cancel' in step) {
          const before = order.total();
          order.cancel(step.cancel);
          cancelledSoFar += before - order.total();
        } else {
          order.refund(...step.refund);
        }
        expect(order.totalRefunded()).toBeLessThanOrEqual(order.paidForRefunded());
      }
      order.lines.forEach((l, i) => l.shipped > l.refunded.quantity && order.refund(i, l.shipped - l.refunded.quantity));
      expect(order.totalRefunded()).toBe(order.paidForShipped());
      // When everything live shipped, that is the order's total: what the buyer paid less what cancellations gave back.
      if (order.lines.every((l) => l.shipped === order.live(l))) expect(order.totalRefunded()).toBe(placedTotal - cancelledSoFar);
    },
  );

  it('holds for a seeded sweep of random orders and sequences', () => {
    let seed = 20261126;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 2000; run += 1) {
      const lines = Array.from({ length: 1 + random(3) }, () => {
        const quantity = 1 + random(6);
        return { unit: BigInt(1 + random(5000)), quantity, shipped: random(quantity + 1) };
      });
      lines[0].shipped = Math.max(1, lines[0].shipped);
      const subtotal = lines.reduce((s, l) => s + l.unit * BigInt(l.quantity), 0n);
      const order = new ModelOrder(lines, BigInt(random(Number(subtotal / 2n) + 1)), BigInt(random(1000)));
      for (let step = 0; step < 6; step += 1) {
        if (random(2) === 0) {
          const units = order.lines.map((l) => random(order.live(l) - l.shipped + 1));
          const fullyRefunded = order.lines.some((l) => l.refunded.quantity > 0 && l.refunded.quantity === l.shipped);
          if (fullyRefunded || units.every((u) => u === 0) || order.lines.every((l, i) => order.live(l) === units[i])) continue;
          order.cancel(units);
        } else {
          const i = random(order.lines.length);
          const open = order.lines[i].shipped - order.lines[i].refunded.quantity;
          if (open > 0) order.refund(i, 1 + random(open));
        }
        expect(order.totalRefunded()).toBeLessThanOrEqual(order.paidForRefunded());
      }
      order.lines.forEach((l, i) => l.shipped > l.refunded.quantity && order.refund(i, l.shipped - l.refunded.quantity));
      expect(order.totalRefunded()).toBe(order.paidForShipped());
    }
  });
});
