import { Injectable } from '@nestjs/common';
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
import { orderPlaced } from './order.events';

/** Buyer checkout: prices the lines, stores a PENDING order and `order.placed` in one transaction. */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
    private readonly messaging: MessagingHost,
  ) {}

  async place(input: PlaceOrderInput): Promise<OrderEntity> {
    const buyer = requireRole('BUYER');
    const { correlationId } = currentContext();
    assertValid(validatePlaceOrder(input));
    const prices = await this.orders.pricesFor(input.shopId, [...new Set(input.lines.map((l) => l.skuId))]);
    const priced = priceLines(input.lines, prices);

    const orderId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: buyer.userId, operation: 'placeOrder', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          const order = manager.create(OrderEntity, {
            id: newId('ord'),
            sellerId: input.shopId,
            buyerId: buyer.userId,
            status: OrderStatus.PENDING,
            currencyCode: priced.currencyCode,
            totalMinor: priced.totalMinor.toString(),
            cancelReason: null,
            version: 1,
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
