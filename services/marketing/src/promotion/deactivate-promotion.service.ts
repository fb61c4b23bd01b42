import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentContext, currentSellerId } from '@sc/auth';
import { requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { MessagingHost } from '@sc/service';
import { Clock, requestTime } from '../clock';
import { PromotionEntity } from './promotion.entity';
import { PromotionRepository } from './promotion.repository';
import { PromotionStatus } from './promotion-status';
import { promotionStatusAt } from './promotion-status.rules';
import { nextPromotionStatus } from './promotion.state-machine';
import { DeactivatePromotionInput } from './deactivate-promotion.input';
import { validateDeactivatePromotion } from './deactivate-promotion.validation';
import { promotionDeactivated } from './promotion.events';

/** Ends a NOT_START or ONGOING promotion early (terminal) and records `promotion.deactivated`. */
@Injectable()
export class DeactivatePromotionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly promotions: PromotionRepository,
    private readonly messaging: MessagingHost,
    private readonly clock: Clock,
  ) {}

  async deactivate(input: DeactivatePromotionInput): Promise<PromotionEntity> {
    const sellerId = currentSellerId();
    const { identity, correlationId } = currentContext();
    const now = requestTime(this.clock);
    assertValid(validateDeactivatePromotion(input));

    const promotionId = await this.dataSource.transaction(async (manager) => {
      const outcome = await runIdempotent(
        manager,
        { scope: sellerId, operation: 'deactivatePromotion', key: input.idempotencyKey, requestHash: requestHash(input) },
        async () => {
          const promotion = await this.promotions.lockById(manager, input.promotionId, sellerId);
          if (!promotion) throw new NotFoundError('Promotion', input.promotionId);
          const from = promotionStatusAt(promotion, now);
          // Throws INVALID_TRANSITION (rolling back the key claim too) for EXPIRED or DEACTIVATED.
          nextPromotionStatus(from, 'deactivate', 'SELLER_STAFF');
          promotion.deactivatedAt = now;
          promotion.version += 1;
          promotion.updatedAt = now;
          await manager.update(PromotionEntity, { id: promotion.id, sellerId }, {
            deactivatedAt: promotion.deactivatedAt,
            version: promotion.version,
            updatedAt: promotion.updatedAt,
          });
          const productIds = await this.promotions.productIdsOf(manager, promotion.id);
          const cause = { correlationId, causationId: null, actor: { type: 'SELLER_STAFF' as const, id: identity.userId }, at: now };
          const previous = from as PromotionStatus.NOT_START | PromotionStatus.ONGOING;
          await appendToOutbox(manager, 'marketing.promotion.v1', [promotionDeactivated(promotion, productIds, previous, cause)]);
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
