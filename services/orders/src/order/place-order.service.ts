import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole } from '@sc/auth';
import { newId, firstVersionAt } from '@sc/db';
import { assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { OrderStatus } from './order-status';
import { OrderRepository } from './order.repository';
import { PlaceOrderInput } from './place-order.input';
import { validatePlaceOrder } from './place-order.validation';
import { priceLines } from './order-pricing';
import { assertSellable } from '../projections/product-sellability';
import { orderPlaced } from './order.events';
import { orderAmounts } from './money/order-amounts';
import { DEFAULT_REGION } from './policy/region-policy';
import { SHOP_ORDER_SETTINGS, ShopOrderSettingsSource } from './shop-order-settings';

/**
 * Buyer checkout: prices the lines from the server's own data (catalog prices, the shop's shipping setting),
 * stores a PENDING order and `order.placed` in one transaction.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly runner: CommandRunner,
    @Inject(SHOP_ORDER_SETTINGS) private readonly shopSettings: ShopOrderSettingsSource,
  ) {}

  async place(input: PlaceOrderInput): Promise<OrderEntity> {
    const buyer = requireRole('BUYER');
    assertValid(validatePlaceOrder(input));
    const prices = await this.orders.pricesFor(input.shopId, [...new Set(input.lines.map((l) => l.skuId))]);
    assertSellable(prices);
    const priced = priceLines(input.lines, prices);
    const orderId = await this.runner.run({ operation: 'placeOrder', actor: 'BUYER', input }, async (tx) => {
      const { manager } = tx;
      const settings = await this.shopSettings.forPlacement(manager, input.shopId);
      const region = settings.region ?? input.region ?? DEFAULT_REGION;
      // Every amount is the server's: no seller discount until the promotions engine prices one (its
      // allocation stays in the model at 0), and the shipping fee from the shop's own setting.
      const sellerDiscountMinor = 0n;
      const shippingFeeMinor = settings.shippingFeeFor(priced.totalMinor - sellerDiscountMinor, priced.currencyCode);
      const amounts = orderAmounts(
        priced.lines.map((l) => l.lineTotalMinor),
        priced.currencyCode,
        { amount: shippingFeeMinor, currencyCode: priced.currencyCode },
        { amount: sellerDiscountMinor, currencyCode: priced.currencyCode },
      );
      const order = manager.create(OrderEntity, {
        id: newId('ord'),
        sellerId: input.shopId,
        buyerId: buyer.userId,
        status: OrderStatus.PENDING,
        currencyCode: priced.currencyCode,
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
          unitPriceMinor: line.unitPriceMinor.toString(),
          lineTotalMinor: line.lineTotalMinor.toString(),
          shippingFeeMinor: amounts.lines[position].shippingFeeMinor.toString(),
          sellerDiscountMinor: amounts.lines[position].sellerDiscountMinor.toString(),
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
