import { WriteTx } from '@sc/kit';
import { amountsAfterLineCancellation } from '../money/line-cancellation';
import { orderLinesCancelled } from '../order.events';
import { OrderEntity } from '../order.entity';
import { OrderLineEntity } from '../order-line.entity';

/**
 * Cancels `units` per line id of a locked order (and its locked lines): the lines' cancelled counts, the
 * order's subtotal, discount and total and the lines' shares of them, and `order.lines_cancelled` carrying
 * the amount that left the order and every line's new shares (catalog releases the units; the dashboard takes
 * the amount out of net sales; returns prices refunds from the shares). `lines` must be all of the order's
 * lines. The caller has checked the units are cancellable and applied the order's transition.
 */
export async function cancelLineUnits(
  tx: WriteTx,
  order: OrderEntity,
  lines: OrderLineEntity[],
  units: ReadonlyMap<string, number>,
  reason: string,
): Promise<void> {
  const amounts = amountsAfterLineCancellation(
    lines.map((l) => ({
      id: l.id,
      unitPriceMinor: BigInt(l.unitPriceMinor),
      quantity: l.quantity,
      cancelledQuantity: l.cancelledQuantity,
      sellerDiscountMinor: BigInt(l.sellerDiscountMinor),
    })),
    units,
    BigInt(order.shippingFeeMinor),
  );
  for (const [i, line] of lines.entries()) {
    const share = amounts.lines[i];
    line.cancelledQuantity += units.get(line.id) ?? 0;
    line.shippingFeeMinor = share.shippingFeeMinor.toString();
    line.sellerDiscountMinor = share.sellerDiscountMinor.toString();
    await tx.manager.update(
      OrderLineEntity,
      { id: line.id },
      { cancelledQuantity: line.cancelledQuantity, shippingFeeMinor: line.shippingFeeMinor, sellerDiscountMinor: line.sellerDiscountMinor },
    );
  }
  Object.assign(order, {
    subtotalMinor: amounts.subtotalMinor.toString(),
    sellerDiscountMinor: amounts.sellerDiscountMinor.toString(),
    totalMinor: amounts.totalMinor.toString(),
  });
  await tx.manager.update(
    OrderEntity,
    { id: order.id },
    { subtotalMinor: order.subtotalMinor, sellerDiscountMinor: order.sellerDiscountMinor, totalMinor: order.totalMinor },
  );
  const cancelled = lines.filter((l) => (units.get(l.id) ?? 0) > 0).map((l) => ({ orderLineId: l.id, skuId: l.skuId, quantity: units.get(l.id)! }));
  await tx.emit('orders.order.v1', [orderLinesCancelled(order, reason, cancelled, lines, amounts.cancelledMinor, tx.cause)]);
}
