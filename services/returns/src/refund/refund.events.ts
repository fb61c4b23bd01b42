import { EventEnvelope, RefundIssuedV1 } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';
import { returnSubject } from '../shared/return-subject';
import { RefundEntity } from './refund.entity';
import { RefundLineEntity } from './refund-line.entity';
import { RefundedReturn } from './refunded-return';

const money = (amountMinor: string, currencyCode: string) => ({ amountMinor, currencyCode });

/**
 * `refund.issued` for a return request's refund; the request is the aggregate (its new version). The
 * refund is issued at the cause's instant, so `occurredAt` and `issuedAt` agree.
 */
export const refundIssued = (request: RefundedReturn, refund: RefundEntity, lines: RefundLineEntity[], cause: Cause): EventEnvelope<RefundIssuedV1> =>
  aggregateEvent<RefundIssuedV1>({ ...returnSubject(request), sellerId: refund.sellerId }, 'refund.issued', cause, {
    refundId: refund.id,
    returnId: refund.returnRequestId,
    cancellationId: refund.cancellationId,
    orderId: refund.orderId,
    buyerId: refund.buyerId,
    issuedAt: refund.issuedAt.toISOString(),
    total: money(refund.totalMinor, refund.currencyCode),
    breakdown: { subtotal: money(refund.subtotalMinor, refund.currencyCode), shippingFee: money(refund.shippingFeeMinor, refund.currencyCode) },
    lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, amount: money(l.amountMinor, refund.currencyCode) })),
  });
