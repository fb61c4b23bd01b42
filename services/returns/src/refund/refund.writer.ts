import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '@sc/db';
import { AppError, InvalidTransitionError } from '@sc/graphql';
import { WriteTx } from '@sc/kit';
import { ProjectedOrderEntity } from '../projections/projected-order.entity';
import { ProjectedOrderStatus } from '../projections/projected-order-status';
import { RefundEntity } from './refund.entity';
import { RefundLineEntity } from './refund-line.entity';
import { RefundStatus } from './refund-status';
import { PaidLine, refundOfLine } from './refund-amounts';
import { refundIssued } from './refund.events';
import { RefundedReturn } from './refunded-return';

/**
 * Issues the refund of a return request that just reached SUCCESS: the refund and its lines, priced from
 * the lines' current shares of the order's discount and fee (as placed, or as re-split by the newest partial
 * cancellation) net of what earlier refunds paid, and `refund.issued` in the outbox, inside the caller's
 * transaction and issued at its `now`. Every path to SUCCESS calls this once; the unique return_request_id
 * makes a second call fail rather than pay twice.
 */
@Injectable()
export class RefundWriter {
  async issueForReturn(tx: WriteTx, request: RefundedReturn): Promise<RefundEntity> {
    const { manager } = tx;
    // Locked so two refunds of one order count each other's units.
    const order = await manager
      .getRepository(ProjectedOrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id AND o.sellerId = :sellerId', { id: request.orderId, sellerId: request.sellerId })
      .getOne();
    // Only money that was captured goes back; a cancelled order's payment is returned by its cancellation.
    if (!order?.paidAt || !order.currencyCode || order.status === ProjectedOrderStatus.CANCELLED) {
      throw new InvalidTransitionError('Order', order?.paidAt ? (order?.status ?? 'UNKNOWN') : 'UNPAID', 'refund');
    }
    const paid = await this.paidLines(manager, request.id);
    const lineRefunds = paid.map(({ line, quantity, ordered, shippedLive }) => {
      if (line.refunded.quantity + quantity > ordered) {
        throw new AppError('CONFLICT', `Units of order line ${line.orderLineId} were already refunded`);
      }
      // Requests opened before after-sales required shipment may hold unshipped units: those are refunded by
      // their cancellation, and refunding them here too would take the money out of net sales twice.
      if (line.refunded.quantity + quantity > shippedLive) {
        throw new AppError('INVALID_TRANSITION', `Units of order line ${line.orderLineId} have not shipped: their cancellation refunds them`, {
          entity: 'Order',
          from: order.status,
          action: 'refund',
          reason: 'NOT_SHIPPED',
        });
      }
      return refundOfLine(line, quantity);
    });
    const sum = (pick: (r: (typeof lineRefunds)[number]) => bigint) => lineRefunds.reduce((s, r) => s + pick(r), 0n);
    const refund = manager.create(RefundEntity, {
      id: newId('rfd'),
      sellerId: request.sellerId,
      orderId: request.orderId,
      buyerId: request.buyerId,
      returnRequestId: request.id,
      cancellationId: null,
      currencyCode: order.currencyCode.trim(),
      subtotalMinor: sum((r) => r.subtotalMinor).toString(),
      shippingFeeMinor: sum((r) => r.shippingFeeMinor).toString(),
      totalMinor: sum((r) => r.amountMinor).toString(),
      status: RefundStatus.PENDING,
      issuedAt: tx.now,
    });
    await manager.insert(RefundEntity, refund);
    const lines = lineRefunds.map((r, position) =>
      manager.create(RefundLineEntity, {
        id: newId('rfl'),
        refundId: refund.id,
        sellerId: request.sellerId,
        orderLineId: r.orderLineId,
        quantity: r.quantity,
        subtotalMinor: r.subtotalMinor.toString(),
        shippingFeeMinor: r.shippingFeeMinor.toString(),
        amountMinor: r.amountMinor.toString(),
        position,
      }),
    );
    await manager.insert(RefundLineEntity, lines);
    await tx.emit('returns.refund.v1', [refundIssued(request, refund, lines, tx.cause)]);
    return refund;
  }

  /**
   * The request's lines with their order line's price and current shares (order_line_shares once a partial
   * cancellation re-split them, else as placed), what earlier refunds of the line paid back, and the units that
   * shipped and were not cancelled. The live units come with the shares they belong to.
   */
  private async paidLines(
    manager: EntityManager,
    requestId: string,
  ): Promise<Array<{ line: PaidLine; quantity: number; ordered: number; shippedLive: number }>> {
    const rows: Array<Record<string, string | number>> = await manager.query(
      `SELECT rl.order_line_id, rl.quantity AS requested, ol.quantity AS ordered, ol.unit_price_minor,
              COALESCE(s.live_quantity, ol.quantity) AS live_quantity,
              COALESCE(s.seller_discount_minor, ol.seller_discount_minor) AS seller_discount_minor,
              COALESCE(s.shipping_fee_minor, ol.shipping_fee_minor) AS shipping_fee_minor,
              COALESCE(f.quantity, 0)::int AS refunded_quantity, COALESCE(f.subtotal_minor, 0) AS refunded_subtotal_minor,
              COALESCE(f.shipping_fee_minor, 0) AS refunded_shipping_fee_minor,
              LEAST(COALESCE(u.shipped, 0), ol.quantity - COALESCE(u.cancelled, 0), COALESCE(s.live_quantity, ol.quantity))::int AS shipped_live
         FROM return_lines rl
         JOIN order_lines ol ON ol.id = rl.order_line_id
         LEFT JOIN order_line_shares s ON s.order_line_id = ol.id AND s.order_id = ol.order_id
         LEFT JOIN LATERAL (
              SELECT sum(x.quantity) AS quantity, sum(x.subtotal_minor) AS subtotal_minor, sum(x.shipping_fee_minor) AS shipping_fee_minor
                FROM refund_lines x JOIN refunds r ON r.id = x.refund_id
               WHERE x.order_line_id = ol.id AND r.status <> 'FAILED') f ON true
         LEFT JOIN LATERAL (
              SELECT sum(quantity) FILTER (WHERE kind = 'SHIPPED') AS shipped, sum(quantity) FILTER (WHERE kind = 'CANCELLED') AS cancelled
                FROM order_line_units WHERE order_id = ol.order_id AND order_line_id = ol.id) u ON true
        WHERE rl.return_request_id = $1
        ORDER BY rl.position`,
      [requestId],
    );
    return rows.map((r) => ({
      quantity: Number(r.requested),
      ordered: Number(r.ordered),
      shippedLive: Number(r.shipped_live),
      line: {
        orderLineId: String(r.order_line_id),
        liveQuantity: Number(r.live_quantity),
        unitPriceMinor: BigInt(r.unit_price_minor),
        sellerDiscountMinor: BigInt(r.seller_discount_minor),
        shippingFeeMinor: BigInt(r.shipping_fee_minor),
        refunded: {
          quantity: Number(r.refunded_quantity),
          subtotalMinor: BigInt(r.refunded_subtotal_minor),
          shippingFeeMinor: BigInt(r.refunded_shipping_fee_minor),
        },
      },
    }));
  }
}
