import { Injectable } from '@nestjs/common';
import { EventEnvelope, PromotionCreatedV1, PromotionDeactivatedV1, TieredPromotionCreatedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';

/**
 * Marketing's promotion events → orders' read model of the offers placement prices with (`promotion_offers`),
 * in the inbox transaction: placement never calls marketing, and a quote (marketing, same @sc/pricing function)
 * and a charge (orders) see the same promotions once this has caught up.
 */
@Injectable()
export class PromotionOfferHandlers {
  /** promotion.created → one offer per product; marketing's promotions are seller-funded percentages. */
  @OnEvent('marketing.promotion.v1', 'promotion.created')
  async onCreated(event: EventEnvelope<PromotionCreatedV1>, { manager }: WriteTx): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO promotion_offers (promotion_id, product_id, seller_id, funder, percent_off_bp, starts_at, ends_at, source_event_id)
       SELECT $1, product_id, $2, 'SELLER', $3, $4, $5, $6 FROM unnest($7::text[]) AS product_id
       ON CONFLICT (promotion_id, product_id) DO NOTHING`,
      [p.promotionId, event.sellerId, p.discountBasisPoints, p.startsAt, p.endsAt, event.id, p.productIds],
    );
  }

  /** tiered_promotion.created → one offer per product, each with the promotion's tiers (the units of all count together). */
  @OnEvent('marketing.promotion.v1', 'tiered_promotion.created')
  async onTieredCreated(event: EventEnvelope<TieredPromotionCreatedV1>, { manager }: WriteTx): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO promotion_offers (promotion_id, product_id, seller_id, funder, kind, tiers, starts_at, ends_at, source_event_id)
       SELECT $1, product_id, $2, 'SELLER', 'TIER', $3::jsonb, $4, $5, $6 FROM unnest($7::text[]) AS product_id
       ON CONFLICT (promotion_id, product_id) DO NOTHING`,
      [p.promotionId, event.sellerId, JSON.stringify(p.tiers), p.startsAt, p.endsAt, event.id, p.productIds],
    );
  }

  /** promotion.deactivated → its offers end at the deactivation (never later than they would have). */
  @OnEvent('marketing.promotion.v1', 'promotion.deactivated')
  async onDeactivated(event: EventEnvelope<PromotionDeactivatedV1>, { manager }: WriteTx): Promise<void> {
    await manager.query(`UPDATE promotion_offers SET ends_at = GREATEST(starts_at, LEAST(ends_at, $2::timestamptz)) WHERE promotion_id = $1`, [
      event.payload.promotionId,
      event.payload.deactivatedAt,
    ]);
  }
}
