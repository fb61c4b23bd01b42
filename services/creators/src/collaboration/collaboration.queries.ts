import { Injectable } from '@nestjs/common';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { CollaborationRepository } from './collaboration.repository';
import { toCollaboration } from './collaboration.mapper';

/** Seller-facing collaboration lists. */
@Injectable()
export class CollaborationQueries {
  constructor(private readonly collaborations: CollaborationRepository) {}

  async listForShop(sellerId: string, page: PageArgs) {
    const { limit, afterKey } = readPageArgs(page);
    const rows = await this.collaborations.listForSeller(sellerId, limit, afterKey);
    return toConnection(rows.map(toCollaboration), limit);
  }
}
