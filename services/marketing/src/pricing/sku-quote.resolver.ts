import { Inject } from '@nestjs/common';
import { Args, Directive, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Money, assertValid, checkInteger, toMoney } from '@sc/graphql';
import { DiscountFunder, PriceLayerKind } from '@sc/graphql/pricing';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { priceCart, type Promotion } from '@sc/pricing';
import { PromotionLoaders } from '../promotion/promotion.loaders';
import type { ProductPromotion } from '../promotion/promotion.repository';
import type { PromotionEntity } from '../promotion/promotion.entity';
import { PaidPrices } from './paid-prices';
import { PriceQuote } from './price-quote.model';
import { Sku } from './sku.model';

/** Most units one quote prices (a cart line's bound at checkout). */
export const MAX_QUOTE_QUANTITY = 1000;

/** `Sku.effectivePrice`: the price an order placed now would be charged, from the same pricing function orders uses. */
@Resolver(() => Sku)
export class SkuQuoteResolver {
  constructor(
    private readonly loaders: PromotionLoaders,
    private readonly paidPrices: PaidPrices,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => PriceQuote, {
    description:
      "The price of `quantity` units now under the shop's promotions: each discount applied (and who funds it), the ones skipped and why. Orders charges the same function over the same promotions. Buyers see ongoing promotions; the shop's staff also see those not started or ended, as skipped.",
  })
  @Directive('@requires(fields: "productId price { amountMinor currencyCode }")')
  async effectivePrice(@Parent() sku: Sku, @Args('quantity', { type: () => Int, defaultValue: 1 }) quantity: number): Promise<PriceQuote> {
    assertValid(checkInteger('quantity', quantity, 1, MAX_QUOTE_QUANTITY));
    const at = requestNow(this.clock);
    const currencyCode = sku.price.currencyCode;
    const priced = priceCart({
      currencyCode,
      lines: [{ key: sku.id, skuId: sku.id, productId: sku.productId, quantity, listUnitMinor: BigInt(sku.price.amountMinor) }],
      promotions: productDiscountsOf(await this.loaders.forPricingByProductId().load(sku.productId)),
      shippingFeeMinor: 0n,
      at,
    });
    const [line] = priced.lines;
    return {
      quantity,
      listUnitPrice: toMoney(line.listUnitMinor, currencyCode),
      listTotal: toMoney(line.listTotalMinor, currencyCode),
      discount: toMoney(line.discountMinor, currencyCode),
      total: toMoney(line.totalMinor, currencyCode),
      layers: line.layers.map((l) => ({
        layer: l.layer as PriceLayerKind,
        promotionId: l.promotionId,
        fundedBy: l.funder as DiscountFunder,
        amount: toMoney(l.amountMinor, currencyCode),
      })),
      skipped: priced.skipped.map((s) => ({ promotionId: s.promotionId, layer: s.layer as PriceLayerKind, reason: s.reason })),
      at,
    };
  }

  @ResolveField(() => Money, {
    nullable: true,
    description:
      "The lowest unit price buyers paid for this SKU in the last 30 days (UTC days, today included; the line's price less its discounts, per unit): what a flash deal's price must stay below. Null when nothing sold; for the shop's staff with PROMOTIONS:VIEW only (null for anyone else).",
  })
  async lowestPrice30d(@Parent() sku: Sku): Promise<Money | null> {
    const row = await this.paidPrices.lowestBySkuId().load(sku.id);
    return row ? toMoney(row.lowestUnitMinor, row.currencyCode) : null;
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Sku'; id: string; productId: string; price: Sku['price'] }): Sku {
    return { id: reference.id, productId: reference.productId, price: reference.price };
  }
}

/**
 * Marketing's promotions as @sc/pricing takes them: a plain one as a seller-funded product discount, a tiered one
 * as a tier over its products; one deactivated early ends at its deactivation. The same mapping as orders' read
 * model (promotion_offers), so both price alike.
 */
export function productDiscountsOf(rows: readonly ProductPromotion[]): Promotion[] {
  const byId = new Map<string, { promotion: PromotionEntity; productIds: string[] }>();
  for (const { productId, promotion } of rows) {
    const known = byId.get(promotion.id);
    if (known) known.productIds.push(productId);
    else byId.set(promotion.id, { promotion, productIds: [productId] });
  }
  return [...byId.values()]
    .sort((a, b) => (a.promotion.id < b.promotion.id ? -1 : a.promotion.id > b.promotion.id ? 1 : 0))
    .map(({ promotion, productIds }) => {
      const ends = promotion.deactivatedAt && promotion.deactivatedAt < promotion.endsAt ? promotion.deactivatedAt : promotion.endsAt;
      const window = { startsAt: promotion.startsAt, endsAt: ends < promotion.startsAt ? promotion.startsAt : ends };
      if (promotion.type === 'BUY_MORE_SAVE_MORE') {
        return {
          layer: 'TIER' as const,
          promotionId: promotion.id,
          funder: 'SELLER' as const,
          ...window,
          productIds,
          tiers: (promotion.tiers ?? []).map((t) => ({ minQuantity: t.minQuantity, percentOffBp: t.discountBasisPoints })),
        };
      }
      return {
        layer: 'PRODUCT_DISCOUNT' as const,
        promotionId: promotion.id,
        funder: 'SELLER' as const,
        ...window,
        items: productIds.map((productId) => ({ productId, offer: { percentOffBp: promotion.discountBasisPoints } })),
      };
    });
}
