import { Inject, Injectable } from '@nestjs/common';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { PromotionRepository } from './promotion.repository';
import { PromotionStatus } from './promotion-status';
import { toPromotion } from './promotion.mapper';

/** Seller-facing promotion lists. */
@Injectable()
export class PromotionQueries {
  constructor(
    private readonly promotions: PromotionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async listForShop(sellerId: string, page: PageArgs, status: PromotionStatus | null) {
    const { limit, afterKey } = readPageArgs(page);
    const now = requestNow(this.clock);
    const rows = await this.promotions.listForSeller(sellerId, status, now, limit, afterKey);
    return toConnection(
      rows.map((p) => toPromotion(p, now)),
      limit,
    );
  }
}
