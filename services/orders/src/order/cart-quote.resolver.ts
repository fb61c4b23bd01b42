import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { currentContext, ownShopId } from '@sc/auth';
import { assertValid, toMoney } from '@sc/graphql';
import { DiscountFunder, PriceLayerKind } from '@sc/graphql/pricing';
import { CommandRunner } from '@sc/kit';
import type { AppliedLayer } from '@sc/pricing';
import { CartPricing } from './cart-pricing';
import { CartQuote, PriceCartInput } from './cart-quote.model';
import { validateCart } from './place-order.validation';

/**
 * `priceCart`: the checkout's price before the checkout (the promotion simulator), through the very code
 * placeOrder charges with (CartPricing), so a quote and an order at the same instant cannot disagree.
 */
@Resolver(() => CartQuote)
export class CartQuoteResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pricing: CartPricing,
    private readonly runner: CommandRunner,
  ) {}

  @Query(() => CartQuote, {
    description:
      "What placeOrder would charge for this cart now: list prices, every discount (promotion, layer, funder) and the ones skipped with their reason, the shipping fee and the total. For buyers, and for a shop's staff with PROMOTIONS:VIEW on their own shop (the promotion simulator); the same refusals as placeOrder (NOT_FOUND, PRODUCT_NOT_AVAILABLE, CURRENCY_MISMATCH, VALIDATION_FAILED).",
  })
  async priceCart(@Args('input') input: PriceCartInput): Promise<CartQuote> {
    assertValid(validateCart(input));
    // Buyers price any shop's cart; a shop's staff simulate their own shop's promotions.
    if (!currentContext().identity.roles.includes('BUYER')) ownShopId(input.shopId, 'PROMOTIONS:VIEW');
    const at = this.runner.now();
    const { priced } = await this.pricing.price(this.dataSource.manager, input.shopId, input.lines, at);
    const currency = priced.currencyCode;
    const layer = (l: AppliedLayer) => ({
      layer: l.layer as PriceLayerKind,
      promotionId: l.promotionId,
      fundedBy: l.funder as DiscountFunder,
      amount: toMoney(l.amountMinor, currency),
    });
    return {
      lines: priced.lines.map((l) => ({
        sku: { id: l.skuId },
        quantity: l.quantity,
        listUnitPrice: toMoney(l.listUnitMinor, currency),
        listTotal: toMoney(l.listTotalMinor, currency),
        discount: toMoney(l.discountMinor, currency),
        total: toMoney(l.totalMinor, currency),
        priceBreakdown: l.layers.map(layer),
      })),
      subtotal: toMoney(priced.listSubtotalMinor, currency),
      discount: toMoney(priced.discountMinor, currency),
      shippingFee: toMoney(priced.shippingFeeMinor - (priced.shippingDiscount?.amountMinor ?? 0n), currency),
      total: toMoney(priced.totalMinor, currency),
      skipped: priced.skipped.map((s) => ({ promotionId: s.promotionId, layer: s.layer as PriceLayerKind, reason: s.reason })),
      at,
    };
  }
}
