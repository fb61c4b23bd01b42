import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole } from '@sc/auth';
import { newId, firstVersionAt } from '@sc/db';
import { assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderStatus } from './order-status';
import { CartPricing } from './cart-pricing';
import { PlaceOrderInput } from './place-order.input';
import { validatePlaceOrder } from './place-order.validation';
import { orderPlaced } from './order.events';
import { orderAmounts } from './money/order-amounts';
import { DEFAULT_REGION } from './policy/region-policy';

/**
 * Buyer checkout: prices the lines from the server's own data (catalog prices and marketing's promotions as
 * orders' read models hold them, the shop's shipping setting) with @sc/pricing, the function marketing's quotes
 * use, and stores a PENDING order, its lines with their price layers and `order.placed` in one transaction.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly pricing: CartPricing,
  ) {}

  async place(input: PlaceOrderInput): Promise<OrderEntity> {
    const buyer = requireRole('BUYER');
    assertValid(validatePlaceOrder(input));
    const orderId = await this.runner.run({ operation: 'placeOrder', actor: 'BUYER', input }, async (tx) => {
      const { manager } = tx;
      // Every amount is the server's, priced as priceCart quotes it, at the command's instant.
      const { priced, settings } = await this.pricing.price(manager, input.shopId, input.lines, tx.now);
      const region = settings.region ?? input.region ?? DEFAULT_REGION;
      // Marketing's promotions are all seller-funded so far; a platform-funded layer needs its own columns first.
      if (priced.discountByFunder.PLATFORM !== 0n || priced.shippingDiscount) throw new Error('Only seller-funded item discounts are charged so far');
      const currencyCode = priced.currencyCode;
      const amounts = orderAmounts(
        priced.lines.map((l) => l.listTotalMinor),
        currencyCode,
        { amount: priced.shippingFeeMinor, currencyCode },
        priced.lines.map((l) => l.discountMinor),
      );
      const order = manager.create(OrderEntity, {
        id: newId('ord'),
        sellerId: input.shopId,
        buyerId: buyer.userId,
        status: OrderStatus.PENDING,
        currencyCode,
        totalMinor: amounts.totalMinor.toString(),
        subtotalMinor: amounts.subtotalMinor.toString(),
        shippingFeeMinor: amounts.shippingFeeMinor.toString(),
        sellerDiscountMinor: amounts.sellerDiscountMinor.toString(),
        region,
        recipientName: input.recipient?.name.trim() ?? null,
        recipientPhone: input.recipient?.phone.trim() ?? null,
        recipientAddress: input.recipient?.address.trim() ?? null,
        cancelReason: null,
        ...firstVersionAt(tx.now),
      });
      await manager.insert(OrderEntity, order);
      const lines = priced.lines.map((line, position) =>
        manager.create(OrderLineEntity, {
          id: newId('oln'),
          orderId: order.id,
          sellerId: order.sellerId,
          skuId: line.skuId,
          productId: line.productId,
          quantity: line.quantity,
          unitPriceMinor: line.listUnitMinor.toString(),
          lineTotalMinor: line.listTotalMinor.toString(),
          shippingFeeMinor: amounts.lines[position].shippingFeeMinor.toString(),
          sellerDiscountMinor: amounts.lines[position].sellerDiscountMinor.toString(),
          priceLayers: line.layers.map((layer) => ({
            layer: layer.layer,
            promotionId: layer.promotionId,
            funder: layer.funder,
            amountMinor: layer.amountMinor.toString(),
          })),
          creatorId: input.lines[position].creatorId ?? null,
          contentId: input.lines[position].contentId ?? null,
          adCampaignId: input.lines[position].adCampaignId ?? null,
          position,
        }),
      );
      await manager.insert(OrderLineEntity, lines);
      await tx.emit('orders.order.v1', [orderPlaced(order, lines, tx.cause)]);
      return order.id;
    });
    return this.dataSource.getRepository(OrderEntity).findOneByOrFail({ id: orderId, buyerId: buyer.userId });
  }
}
