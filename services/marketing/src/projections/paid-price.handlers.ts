import { Injectable } from '@nestjs/common';
import { EventEnvelope, OrderPaidV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';

/**
 * Orders' `order.paid` → the lowest unit price paid per SKU and day (`sku_paid_prices`), in the inbox
 * transaction. A unit's price is the line's paid amount over its units, rounded down (so a flash deal judged
 * against it is never above what a buyer really paid). Keeping the lower of the stored and the new price makes a
 * redelivery change nothing. Lines of older producers, without `paid`, are skipped.
 */
@Injectable()
export class PaidPriceHandlers {
  @OnEvent('orders.order.v1', 'order.paid')
  async onOrderPaid(event: EventEnvelope<OrderPaidV1>, { manager }: WriteTx): Promise<void> {
    const lines = event.payload.lines.filter((l) => l.paid && l.quantity > 0);
    if (lines.length === 0) return;
    await manager.query(
      `INSERT INTO sku_paid_prices AS p (sku_id, paid_on, seller_id, currency_code, lowest_unit_minor)
       SELECT l.sku_id, ($2::timestamptz AT TIME ZONE 'UTC')::date, $1, l.currency_code, min(l.unit_minor)
         FROM unnest($3::text[], $4::text[], $5::bigint[]) AS l(sku_id, currency_code, unit_minor)
        GROUP BY l.sku_id, l.currency_code
       ON CONFLICT (sku_id, paid_on) DO UPDATE SET lowest_unit_minor = LEAST(p.lowest_unit_minor, EXCLUDED.lowest_unit_minor)`,
      [
        event.sellerId,
        event.payload.paidAt,
        lines.map((l) => l.skuId),
        lines.map((l) => l.paid!.currencyCode),
        lines.map((l) => (BigInt(l.paid!.amountMinor) / BigInt(l.quantity)).toString()),
      ],
    );
  }
}
