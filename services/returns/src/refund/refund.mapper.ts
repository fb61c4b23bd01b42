import { toMoney } from '@sc/graphql';
import { RefundEntity } from './refund.entity';
import { RefundLineEntity } from './refund-line.entity';
import { Refund } from './refund.model';

export const toRefund = (r: RefundEntity, lines: RefundLineEntity[]): Refund => ({
  id: r.id,
  status: r.status,
  amount: toMoney(r.totalMinor, r.currencyCode),
  subtotal: toMoney(r.subtotalMinor, r.currencyCode),
  shippingFee: toMoney(r.shippingFeeMinor, r.currencyCode),
  issuedAt: r.issuedAt,
  lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, amount: toMoney(l.amountMinor, r.currencyCode) })),
});
