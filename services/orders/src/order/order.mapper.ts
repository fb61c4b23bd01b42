import { toMoney } from '@sc/graphql';
import { DiscountFunder, PriceLayerKind } from '@sc/graphql/pricing';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { Order, OrderLine, Recipient } from './order.model';
import { OrderStatus } from './order-status';
import { Region } from './policy/region-policy';

/** The recipient as callers may see it: hidden while the buyer may still change their mind (ON_HOLD). */
export function recipientOf(o: OrderEntity): Recipient | null {
  if (!o.recipientName && !o.recipientPhone && !o.recipientAddress) return null;
  if (o.status === OrderStatus.ON_HOLD) return { masked: true, name: null, phone: null, address: null };
  return { masked: false, name: o.recipientName, phone: o.recipientPhone, address: o.recipientAddress };
}

export const toOrder = (o: OrderEntity): Order => {
  const currency = o.currencyCode.trim();
  return {
    id: o.id,
    status: o.status,
    buyerId: o.buyerId,
    total: toMoney(o.totalMinor, currency),
    subtotal: toMoney(o.subtotalMinor, currency),
    shippingFee: toMoney(o.shippingFeeMinor, currency),
    sellerDiscount: toMoney(o.sellerDiscountMinor, currency),
    region: o.region as Region,
    recipient: recipientOf(o),
    cancelReason: o.cancelReason,
    cancelledBy: o.cancelledBy,
    paidAt: o.paidAt,
    unpaidExpiresAt: o.unpaidExpiresAt,
    remorseEndsAt: o.remorseEndsAt,
    shipByDeadline: o.shipByAt,
    autoCancelAt: o.autoCancelAt,
    deliveredAt: o.deliveredAt,
    completesAt: o.completesAt,
    hasOpenCancellation: o.openCancellationId !== null,
    openCancellationId: o.openCancellationId,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
};

export const toOrderLine = (l: OrderLineEntity, currencyCode: string): OrderLine => ({
  id: l.id,
  sku: { id: l.skuId },
  product: { id: l.productId },
  quantity: l.quantity,
  unitPrice: toMoney(l.unitPriceMinor, currencyCode),
  lineTotal: toMoney(l.lineTotalMinor, currencyCode),
  cancelledQuantity: l.cancelledQuantity,
  shippedQuantity: l.shippedQuantity,
  shippingFee: toMoney(l.shippingFeeMinor, currencyCode),
  sellerDiscount: toMoney(l.sellerDiscountMinor, currencyCode),
  priceBreakdown: (l.priceLayers ?? []).map((layer) => ({
    layer: layer.layer as PriceLayerKind,
    promotionId: layer.promotionId,
    fundedBy: layer.funder as DiscountFunder,
    amount: toMoney(layer.amountMinor, currencyCode),
  })),
  creatorId: l.creatorId,
  contentId: l.contentId,
  adCampaignId: l.adCampaignId,
});
