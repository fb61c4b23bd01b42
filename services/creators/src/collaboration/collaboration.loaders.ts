import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { CollaborationRepository } from './collaboration.repository';
import { CollaborationEntity } from './collaboration.entity';
import { collaborationReaderSellerId } from './collaboration-read-scope';

/** Per-request batch loaders, scoped to the calling seller; other callers get nothing and cost no SQL. */
@Injectable()
export class CollaborationLoaders {
  constructor(private readonly collaborations: CollaborationRepository) {}

  collaborationById() {
    return batchLoader<string, CollaborationEntity>(
      'creators.collaborationById',
      async (ids) => {
        const sellerId = collaborationReaderSellerId();
        return sellerId ? this.collaborations.findByIds(sellerId, ids) : [];
      },
      (c) => c.id,
    );
  }

  /**
   * Collaborations per product id. Filtering by the caller's seller id means only the product's own
   * seller sees them (a collaboration's seller is its product's seller); everyone else gets empty lists.
   */
  collaborationsByProductId() {
    return groupLoader<string, CollaborationEntity>(
      'creators.collaborationsByProductId',
      async (productIds) => {
        const sellerId = collaborationReaderSellerId();
        return sellerId ? this.collaborations.findByProductIds(sellerId, productIds) : [];
      },
      (c) => c.productId,
    );
  }
}
