import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { OrderRepository } from './order.repository';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';
import { orderReadScope } from './order-read-scope';
import { PackageEntity, PackageLineEntity } from '../fulfilment/package.entity';
import { CancellationRequestEntity } from '../cancellation/cancellation-request.entity';

@Injectable()
export class OrderLoaders {
  constructor(private readonly orders: OrderRepository) {}

  orderById() {
    return batchLoader<string, OrderEntity>('orders.orderById', (ids) => this.orders.findByIds(orderReadScope(), ids), (o) => o.id);
  }

  packagesByOrderId() {
    return groupLoader<string, PackageEntity>('orders.packagesByOrderId', (ids) => this.orders.findPackagesByOrderIds(ids), (p) => p.orderId);
  }

  packageLinesByPackageId() {
    return groupLoader<string, PackageLineEntity>('orders.packageLinesByPackageId', (ids) => this.orders.findPackageLines(ids), (p) => p.packageId);
  }

  cancellationsByOrderId() {
    return groupLoader<string, CancellationRequestEntity>('orders.cancellationsByOrderId', (ids) => this.orders.findCancellationsByOrderIds(ids), (c) => c.orderId);
  }

  linesByOrderId() {
    return groupLoader<string, OrderLineEntity>('orders.linesByOrderId', (ids) => this.orders.findLinesByOrderIds(ids), (l) => l.orderId);
  }
}
