import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffSellerId } from '@sc/auth';
import { newId, firstVersionAt } from '@sc/db';
import { NotFoundError, assertValid } from '@sc/graphql';
import { CLOCK, Clock, CommandRunner, WriteTx, requestNow } from '@sc/kit';
import type { EventEnvelope } from '@sc/events';
import { PromotionEntity } from './promotion.entity';
import { PromotionProductEntity } from './promotion-product.entity';
import { PromotionRepository } from './promotion.repository';
import { CreatePromotionInput, CreateTieredPromotionInput } from './create-promotion.input';
import { validateCreatePromotion, validateCreateTieredPromotion } from './create-promotion.validation';
import { promotionCreated, tieredPromotionCreated } from './promotion.events';

/**
 * Creates and at once publishes a promotion on the seller's own products: the promotion, its products and its
 * created event in one transaction. Its status then follows the clock.
 */
@Injectable()
export class CreatePromotionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly promotions: PromotionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(input: CreatePromotionInput): Promise<PromotionEntity> {
    const sellerId = staffSellerId('PROMOTIONS:EDIT');
    assertValid(validateCreatePromotion(input, requestNow(this.clock)));
    return this.publish(
      sellerId,
      'createPromotion',
      input,
      { type: 'PRODUCT_DISCOUNT', tiers: null, discountBasisPoints: input.discountBasisPoints },
      promotionCreated,
    );
  }

  /** A buy-more-save-more promotion, published at once like any other (`tiered_promotion.created`). */
  async createTiered(input: CreateTieredPromotionInput): Promise<PromotionEntity> {
    const sellerId = staffSellerId('PROMOTIONS:EDIT');
    assertValid(validateCreateTieredPromotion(input, requestNow(this.clock)));
    const tiers = input.tiers.map((t) => ({ minQuantity: t.minQuantity, discountBasisPoints: t.discountBasisPoints }));
    return this.publish(
      sellerId,
      'createTieredPromotion',
      input,
      { type: 'BUY_MORE_SAVE_MORE', tiers, discountBasisPoints: tiers[tiers.length - 1].discountBasisPoints },
      tieredPromotionCreated,
    );
  }

  private async publish(
    sellerId: string,
    operation: string,
    input: { title: string; productIds: string[]; startsAt: Date; endsAt: Date; idempotencyKey: string },
    terms: Pick<PromotionEntity, 'type' | 'tiers' | 'discountBasisPoints'>,
    created: (promotion: PromotionEntity, productIds: string[], cause: WriteTx['cause']) => EventEnvelope,
  ): Promise<PromotionEntity> {
    // Unknown products and other shops' products look the same: NOT_FOUND, no hint of the owner.
    const owned = await this.promotions.findOwnedProductIds(sellerId, input.productIds);
    const missing = input.productIds.find((id) => !owned.has(id));
    if (missing) throw new NotFoundError('Product', missing);

    // Scoped to the shop: any of its staff replays the same key to the same promotion.
    const promotionId = await this.runner.run({ operation, actor: 'SELLER_STAFF', permission: 'PROMOTIONS:EDIT', input, scope: sellerId }, async (tx) => {
      const promotion = tx.manager.create(PromotionEntity, {
        id: newId('prm'),
        sellerId,
        title: input.title.trim(),
        ...terms,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        deactivatedAt: null,
        ...firstVersionAt(tx.now),
      });
      await tx.manager.insert(PromotionEntity, promotion);
      await tx.manager.insert(
        PromotionProductEntity,
        input.productIds.map((productId) => ({ promotionId: promotion.id, productId, sellerId })),
      );
      await tx.emit('marketing.promotion.v1', [created(promotion, input.productIds, tx.cause)]);
      return promotion.id;
    });
    return this.dataSource.getRepository(PromotionEntity).findOneByOrFail({ id: promotionId, sellerId });
  }
}
