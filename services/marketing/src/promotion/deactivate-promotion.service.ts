import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffSellerId } from '@sc/auth';
import { assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
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
    private readonly runner: CommandRunner,
    private readonly promotions: PromotionRepository,
  ) {}

  async deactivate(input: DeactivatePromotionInput): Promise<PromotionEntity> {
    const sellerId = staffSellerId('PROMOTIONS:EDIT');
    assertValid(validateDeactivatePromotion(input));

    // Scoped to the shop: any of its staff replays the same key to the same result.
    const promotionId = await this.runner.run(
      { operation: 'deactivatePromotion', actor: 'SELLER_STAFF', permission: 'PROMOTIONS:EDIT', input, scope: sellerId },
      async (tx) => {
        const promotion = await this.promotions.lockById(tx.manager, input.promotionId, sellerId);
        // The status at the write's one instant, which also dates the deactivation and its event.
        const from = promotionStatusAt(promotion, tx.now);
        // Throws INVALID_TRANSITION (rolling back the key claim too) for EXPIRED or DEACTIVATED.
        nextPromotionStatus(from, 'deactivate', 'SELLER_STAFF');
        promotion.deactivatedAt = tx.now;
        promotion.version += 1;
        promotion.updatedAt = tx.now;
        await tx.manager.update(
          PromotionEntity,
          { id: promotion.id, sellerId },
          {
            deactivatedAt: promotion.deactivatedAt,
            version: promotion.version,
            updatedAt: promotion.updatedAt,
          },
        );
        const productIds = await this.promotions.productIdsOf(tx.manager, promotion.id);
        const previous = from as PromotionStatus.NOT_START | PromotionStatus.ONGOING;
        await tx.emit('marketing.promotion.v1', [promotionDeactivated(promotion, productIds, previous, tx.cause)]);
        return promotion.id;
      },
    );
    return this.dataSource.getRepository(PromotionEntity).findOneByOrFail({ id: promotionId, sellerId });
  }
}
