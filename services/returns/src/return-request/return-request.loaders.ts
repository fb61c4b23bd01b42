import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { ReturnRequestRepository } from './return-request.repository';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';
import { returnReadScope } from './return-read-scope';

/** Per-request batch loaders: N requests, orders or line sets in one request cost one SQL statement each. */
@Injectable()
export class ReturnRequestLoaders {
  constructor(private readonly returns: ReturnRequestRepository) {}

  requestById() {
    return batchLoader<string, ReturnRequestEntity>(
      'returns.requestById',
      (ids) => this.returns.findByIds(returnReadScope(), ids),
      (r) => r.id,
    );
  }

  requestsByOrderId() {
    return groupLoader<string, ReturnRequestEntity>(
      'returns.requestsByOrderId',
      (ids) => this.returns.findByOrderIds(returnReadScope(), ids),
      (r) => r.orderId,
    );
  }

  linesByRequestId() {
    return groupLoader<string, ReturnLineEntity>(
      'returns.linesByRequestId',
      (ids) => this.returns.findLinesByRequestIds(ids),
      (l) => l.returnRequestId,
    );
  }
}
