import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentContext, currentSellerId } from '@sc/auth';
import { isUniqueViolation, newId, requestHash, runIdempotent } from '@sc/db';
import { AppError, IdempotencyConflictError, NotFoundError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
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
    private readonly products: CatalogProductRepository,
    private readonly messaging: MessagingHost,
  ) {}

  /**
   * Stores an ACTIVE collaboration and `collaboration.created` in one transaction. The product must be
   * the caller's (per the catalog read model) and the creator must exist, else NOT_FOUND; a second
   * ACTIVE collaboration for the same seller, creator and product is CONFLICT.
   */
  async create(input: CreateCollaborationInput): Promise<CollaborationEntity> {
    const sellerId = currentSellerId();
    const { identity, correlationId } = currentContext();
    assertValid(validateCreateCollaboration(input));

    const collaborationId = await this.dataSource
      .transaction(async (manager) => {
        const outcome = await runIdempotent(
          manager,
          { scope: sellerId, operation: 'createCollaboration', key: input.idempotencyKey, requestHash: requestHash(input) },
          async () => {
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
              version: 1,
            });
            await manager.insert(CollaborationEntity, collaboration);
            const cause = { correlationId, causationId: null, actor: { type: 'SELLER_STAFF' as const, id: identity.userId } };
            await appendToOutbox(manager, 'creators.collaboration.v1', [collaborationCreated(collaboration, cause)]);
            return collaboration.id;
          },
        );
        if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
        return outcome.resultId;
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
    this.messaging.nudge();
    return this.dataSource.getRepository(CollaborationEntity).findOneByOrFail({ id: collaborationId, sellerId });
  }
}
