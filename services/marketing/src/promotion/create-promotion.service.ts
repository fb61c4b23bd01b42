import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentContext, currentSellerId } from '@sc/auth';
import { newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
import { Clock, requestTime } from '../clock';
import { PromotionEntity } from './promotion.entity';
import { PromotionProductEntity } from './promotion-product.entity';
import { PromotionRepository } from './promotion.repository';
import { CreatePromotionInput } from './create-promotion.input';
import { validateCreatePromotion } from './create-promotion.validation';
import { promotionCreated } from './promotion.events';

/**
 * Creates and at once publishes a promotion on the seller's own products: the promotion, its products
 * and `promotion.created` in one transaction. Its status then follows the clock.
 */
@Injectable()
export class CreatePromotionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly promotions: PromotionRepository,
    private readonly messaging: MessagingHost,
    private readonly clock: Clock,
  ) {}

  async create(input: CreatePromotionInput): Promise<PromotionEntity> {
    const sellerId = currentSellerId();
    const { identity, correlationId } = currentContext();
    const now = requestTime(this.clock);
    assertValid(validateCreatePromotion(input, now));
    // Unknown products and other shops' products look the same: NOT_FOUND, no hint of the owner.
    const owned = await this.promotions.findOwnedProductIds(sellerId, input.productIds);
    const missing = input.productIds.find((id) => !owned.has(id));
    if (missing) throw new NotFoundError('Product', missing);

    const promotionId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: sellerId, operation: 'createPromotion', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          const promotion = manager.create(PromotionEntity, {
            id: newId('prm'),
            sellerId,
            title: input.title.trim(),
            discountBasisPoints: input.discountBasisPoints,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            deactivatedAt: null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          });
          await manager.insert(PromotionEntity, promotion);
          await manager.insert(
            PromotionProductEntity,
            input.productIds.map((productId) => ({ promotionId: promotion.id, productId, sellerId })),
          );
          const cause = { correlationId, causationId: null, actor: { type: 'SELLER_STAFF' as const, id: identity.userId }, at: now };
          await appendToOutbox(manager, 'marketing.promotion.v1', [promotionCreated(promotion, input.productIds, cause)]);
          return promotion.id;
        },
      );
      if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
      return outcome.resultId;
    });
    this.messaging.nudge();
    return this.dataSource.getRepository(PromotionEntity).findOneByOrFail({ id: promotionId, sellerId });
  }
}
