import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffSellerId } from '@sc/auth';
import { isUniqueViolation, newId, firstVersionAt } from '@sc/db';
import { AppError, NotFoundError, assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { CollaborationEntity } from './collaboration.entity';
import { CreateCollaborationInput } from './create-collaboration.input';
import { validateCreateCollaboration } from './create-collaboration.validation';
import { INITIAL_COLLABORATION_STATUS } from './collaboration.state-machine';
import { collaborationCreated } from './collaboration.events';
import { CreatorEntity } from '../creator/creator.entity';
import { CatalogProductRepository } from '../projections/catalog-product.repository';

/** A seller offers a creator a commission on one of the shop's products. */
@Injectable()
export class CreateCollaborationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly products: CatalogProductRepository,
  ) {}

  /**
   * Stores an ACTIVE collaboration and `collaboration.created` in one transaction. The product must be
   * the caller's (per the catalog read model) and the creator must exist, else NOT_FOUND; a second
   * ACTIVE collaboration for the same seller, creator and product is CONFLICT.
   */
  async create(input: CreateCollaborationInput): Promise<CollaborationEntity> {
    const sellerId = staffSellerId('CREATORS:EDIT');
    assertValid(validateCreateCollaboration(input));

    // Scoped to the shop: any of its staff replays the same key to the same collaboration.
    const collaborationId = await this.runner
      .run({ operation: 'createCollaboration', actor: 'SELLER_STAFF', permission: 'CREATORS:EDIT', input, scope: sellerId }, async (tx) => {
        const { manager } = tx;
        // Another seller's product looks exactly like an unknown one.
        if (!(await this.products.findOwned(manager, sellerId, input.productId))) throw new NotFoundError('Product', input.productId);
        if (!(await manager.existsBy(CreatorEntity, { id: input.creatorId }))) throw new NotFoundError('Creator', input.creatorId);
        const collaboration = manager.create(CollaborationEntity, {
          id: newId('col'),
          sellerId,
          creatorId: input.creatorId,
          productId: input.productId,
          commissionRateBps: input.commissionRateBps,
          status: INITIAL_COLLABORATION_STATUS,
          ...firstVersionAt(tx.now),
        });
        await manager.insert(CollaborationEntity, collaboration);
        await tx.emit('creators.collaboration.v1', [collaborationCreated(collaboration, tx.cause)]);
        return collaboration.id;
      })
      .catch((error: unknown) => {
        // The partial unique index is the guard, so two concurrent requests cannot both win.
        if (isUniqueViolation(error, 'collaborations_one_active_uq')) {
          throw new AppError('CONFLICT', 'This creator already has an active collaboration on this product', {
            creatorId: input.creatorId,
            productId: input.productId,
          });
        }
        throw error;
      });
    return this.dataSource.getRepository(CollaborationEntity).findOneByOrFail({ id: collaborationId, sellerId });
  }
}
