import { EventEnvelope, RefundIssuedV1, createEvent } from '@sc/events';
import { Cause } from '../return-request/return-request.events';
import { ReturnRequestEntity } from '../return-request/return-request.entity';
import { RefundEntity } from './refund.entity';
import { RefundLineEntity } from './refund-line.entity';

const money = (amountMinor: string, currencyCode: string) => ({ amountMinor, currencyCode });

/** `refund.issued` for a return request's refund; the request is the aggregate (its new version). */
export const refundIssued = (request: ReturnRequestEntity, refund: RefundEntity, lines: RefundLineEntity[], cause: Cause): EventEnvelope<RefundIssuedV1> =>
  createEvent<RefundIssuedV1>({
    type: 'refund.issued',
    source: 'returns',
    sellerId: refund.sellerId,
    aggregateType: 'ReturnRequest',
    aggregateId: request.id,
    aggregateVersion: request.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    occurredAt: refund.issuedAt,
    payload: {
      refundId: refund.id,
      returnId: refund.returnRequestId,
      cancellationId: refund.cancellationId,
      orderId: refund.orderId,
      buyerId: refund.buyerId,
      issuedAt: refund.issuedAt.toISOString(),
      total: money(refund.totalMinor, refund.currencyCode),
      breakdown: { subtotal: money(refund.subtotalMinor, refund.currencyCode), shippingFee: money(refund.shippingFeeMinor, refund.currencyCode) },
      lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, amount: money(l.amountMinor, refund.currencyCode) })),
    },
  });
