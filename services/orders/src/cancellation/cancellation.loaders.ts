import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { groupLoader } from '@sc/graphql';
import { CancellationRequestEntity } from './cancellation-request.entity';

/** Per-request loaders of cancellation requests, for orders the caller already may read. */
@Injectable()
export class CancellationLoaders {
  constructor(private readonly dataSource: DataSource) {}

  cancellationsByOrderId() {
    return groupLoader<string, CancellationRequestEntity>(
      'orders.cancellationsByOrderId',
      (orderIds) =>
        this.dataSource
          .getRepository(CancellationRequestEntity)
          .createQueryBuilder('c')
          .where('c.orderId = ANY(:orderIds)', { orderIds })
          .orderBy('c.id')
          .getMany(),
      (c) => c.orderId,
    );
  }
}
