import { Injectable } from '@nestjs/common';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { ReturnRequestRepository } from './return-request.repository';
import { ReturnStatus } from './return-status';
import { toReturnRequest } from './return-request.mapper';

/** Seller-facing return request lists. */
@Injectable()
export class ReturnRequestQueries {
  constructor(private readonly returns: ReturnRequestRepository) {}

  async listForShop(sellerId: string, page: PageArgs, status: ReturnStatus | null) {
    const { limit, afterKey } = readPageArgs(page);
    const rows = await this.returns.listForSeller(sellerId, status, limit, afterKey);
    return toConnection(rows.map(toReturnRequest), limit);
  }
}
