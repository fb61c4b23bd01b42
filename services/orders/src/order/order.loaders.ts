import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { OrderRepository } from './order.repository';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { orderReadScope } from './order-read-scope';

@Injectable()
export class OrderLoaders {
  constructor(private readonly orders: OrderRepository) {}

  orderById() {
    return batchLoader<string, OrderEntity>(
      'orders.orderById',
      (ids) => this.orders.findByIds(orderReadScope(), ids),
      (o) => o.id,
    );
  }

  linesByOrderId() {
    return groupLoader<string, OrderLineEntity>(
      'orders.linesByOrderId',
      (ids) => this.orders.findLinesByOrderIds(ids),
      (l) => l.orderId,
    );
  }
}
