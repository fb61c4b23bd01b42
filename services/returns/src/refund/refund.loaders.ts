import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { batchLoader, groupLoader } from '@sc/graphql';
import { RefundEntity } from './refund.entity';
import { RefundLineEntity } from './refund-line.entity';

/** Per-request loaders of refunds: one SQL statement for the refunds of N requests, one for their lines. */
@Injectable()
export class RefundLoaders {
  constructor(private readonly dataSource: DataSource) {}

  /** The refund of each return request the caller already may read. */
  refundByReturnId() {
    return batchLoader<string, RefundEntity>(
      'returns.refundByReturnId',
      (ids) => this.dataSource.getRepository(RefundEntity).createQueryBuilder('f').where('f.returnRequestId = ANY(:ids)', { ids }).getMany(),
      (f) => f.returnRequestId!,
    );
  }

  linesByRefundId() {
    return groupLoader<string, RefundLineEntity>(
      'returns.refundLinesByRefundId',
      (ids) =>
        this.dataSource
          .getRepository(RefundLineEntity)
          .createQueryBuilder('l')
          .where('l.refundId = ANY(:ids)', { ids })
          .orderBy('l.refundId')
          .addOrderBy('l.position')
          .getMany(),
      (l) => l.refundId,
    );
  }
}
