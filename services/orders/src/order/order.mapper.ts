import { toMoney } from '@sc/graphql';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { Order, OrderLine } from './order.model';

export const toOrder = (o: OrderEntity): Order => ({
  id: o.id,
  status: o.status,
  buyerId: o.buyerId,
  total: toMoney(o.totalMinor, o.currencyCode.trim()),
  cancelReason: o.cancelReason,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
});

export const toOrderLine = (l: OrderLineEntity, currencyCode: string): OrderLine => ({
  id: l.id,
  sku: { id: l.skuId },
  product: { id: l.productId },
  quantity: l.quantity,
  unitPrice: toMoney(l.unitPriceMinor, currencyCode),
  lineTotal: toMoney(l.lineTotalMinor, currencyCode),
});
