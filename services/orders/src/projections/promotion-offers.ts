import type { EntityManager } from 'typeorm';
import type { Funder, ProductDiscount, Promotion, Tier } from '@sc/pricing';

interface OfferRow {
  promotion_id: string;
  product_id: string;
  funder: Funder;
  kind: 'PRODUCT_DISCOUNT' | 'TIER';
  percent_off_bp: number | null;
  tiers: Array<{ minQuantity: number; discountBasisPoints: number }> | null;
  starts_at: Date;
  ends_at: Date;
}

/**
 * The shop's promotions on these products, as @sc/pricing takes them (product discounts and tiers), in one
 * statement. Every offer comes back whatever its window (the pricing function judges the window at the order's
 * instant and lists one about to start or just ended as skipped). Ordered by promotion id, so equal discounts
 * always tie the same way, as marketing's quotes order them.
 */
export async function promotionsFor(manager: EntityManager, sellerId: string, productIds: readonly string[]): Promise<Promotion[]> {
  const rows: OfferRow[] = await manager.query(
    `SELECT promotion_id, product_id, funder, kind, percent_off_bp, tiers, starts_at, ends_at
       FROM promotion_offers WHERE seller_id = $1 AND product_id = ANY($2::text[])
      ORDER BY promotion_id, product_id`,
    [sellerId, productIds],
  );
  const byPromotion = new Map<string, { row: OfferRow; productIds: string[] }>();
  for (const row of rows) {
    const known = byPromotion.get(row.promotion_id);
    if (known) known.productIds.push(row.product_id);
    else byPromotion.set(row.promotion_id, { row, productIds: [row.product_id] });
  }
  return [...byPromotion.values()].map(({ row, productIds }) => {
    const window = { startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) };
    if (row.kind === 'TIER') {
      const tier: Tier = {
        layer: 'TIER',
        promotionId: row.promotion_id,
        funder: row.funder,
        ...window,
        productIds,
        tiers: (row.tiers ?? []).map((t) => ({ minQuantity: t.minQuantity, percentOffBp: t.discountBasisPoints })),
      };
      return tier;
    }
    const discount: ProductDiscount = {
      layer: 'PRODUCT_DISCOUNT',
      promotionId: row.promotion_id,
      funder: row.funder,
      ...window,
      items: productIds.map((productId) => ({ productId, offer: { percentOffBp: row.percent_off_bp! } })),
    };
    return discount;
  });
}
