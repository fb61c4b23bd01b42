import type { EntityManager } from 'typeorm';
import type { Funder, ProductDiscount } from '@sc/pricing';

interface OfferRow {
  promotion_id: string;
  product_id: string;
  funder: Funder;
  percent_off_bp: number;
  starts_at: Date;
  ends_at: Date;
}

/**
 * The product discounts of the shop on these products, as @sc/pricing takes them, in one statement. Every offer
 * comes back whatever its window (the pricing function judges the window at the order's instant and lists one
 * about to start or just ended as skipped). Ordered by promotion id, so equal discounts always tie the same way.
 */
export async function productDiscountsFor(manager: EntityManager, sellerId: string, productIds: readonly string[]): Promise<ProductDiscount[]> {
  const rows: OfferRow[] = await manager.query(
    `SELECT promotion_id, product_id, funder, percent_off_bp, starts_at, ends_at
       FROM promotion_offers WHERE seller_id = $1 AND product_id = ANY($2::text[])
      ORDER BY promotion_id, product_id`,
    [sellerId, productIds],
  );
  const byPromotion = new Map<string, ProductDiscount>();
  for (const row of rows) {
    const known = byPromotion.get(row.promotion_id);
    const item = { productId: row.product_id, offer: { percentOffBp: row.percent_off_bp } };
    if (known) (known.items as Array<typeof item>).push(item);
    else
      byPromotion.set(row.promotion_id, {
        layer: 'PRODUCT_DISCOUNT',
        promotionId: row.promotion_id,
        funder: row.funder,
        startsAt: new Date(row.starts_at),
        endsAt: new Date(row.ends_at),
        items: [item],
      });
  }
  return [...byPromotion.values()];
}
