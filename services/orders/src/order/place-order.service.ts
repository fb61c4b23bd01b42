import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentContext, requireRole } from '@sc/auth';
import { newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
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
import { storedOrderSettings } from '../shop-settings/shop-settings.repository';
import { shippingFeeFor } from '../shop-settings/shipping-fee';
import { DEFAULT_REGION } from '../shop-settings/shop-settings.service';
import { CLOCK, Clock } from '../clock/clock';

/**
 * Buyer checkout: prices the lines from the server's own data (catalog prices, the shop's shipping setting),
 * stores a PENDING order and `order.placed` in one transaction.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly messaging: MessagingHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async place(input: PlaceOrderInput): Promise<OrderEntity> {
    const buyer = requireRole('BUYER');
    const { correlationId } = currentContext();
    assertValid(validatePlaceOrder(input));
    const prices = await this.orders.pricesFor(input.shopId, [...new Set(input.lines.map((l) => l.skuId))]);
    assertSellable(prices);
    const priced = priceLines(input.lines, prices);
    const orderId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: buyer.userId, operation: 'placeOrder', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          const settings = await storedOrderSettings(manager, input.shopId);
          const region = settings.region ?? input.region ?? DEFAULT_REGION;
          // Every amount is the server's: no seller discount until the promotions engine prices one (its
          // allocation stays in the model at 0), and the shipping fee from the shop's own setting.
          const sellerDiscountMinor = 0n;
          const shippingFeeMinor = shippingFeeFor(settings.shipping, priced.totalMinor - sellerDiscountMinor, priced.currencyCode);
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
            version: 1,
            createdAt: this.clock.now(),
            updatedAt: this.clock.now(),
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
          const cause = { correlationId, causationId: null, actor: { type: 'BUYER' as const, id: buyer.userId } };
          await appendToOutbox(manager, 'orders.order.v1', [orderPlaced(order, lines, cause)]);
          return order.id;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    this.messaging.nudge();
    return this.dataSource.getRepository(OrderEntity).findOneByOrFail({ id: orderId, buyerId: buyer.userId });
  }
}
