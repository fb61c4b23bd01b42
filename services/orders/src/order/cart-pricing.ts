import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { priceCart, type PricedCart } from '@sc/pricing';
import { assertSellable } from '../projections/product-sellability';
import { promotionsFor } from '../projections/promotion-offers';
import { listedCart } from './order-pricing';
import { OrderRepository } from './order.repository';
import { PlacementSettings, SHOP_ORDER_SETTINGS, ShopOrderSettingsSource } from './shop-order-settings';

/** A cart priced as an order placed at `at` would be charged, with the shop settings it used. */
export interface CartPrice {
  priced: PricedCart;
  settings: PlacementSettings;
}

/**
 * The one way orders prices a cart, for the quote (`priceCart`) and the charge (`placeOrder`) alike: list prices
 * and promotions from orders' own read models, the shipping fee from the shop's setting, priced by @sc/pricing
 * at the given instant. A quote and an order at the same instant therefore come to the same amounts. Three
 * statements whatever the cart: its prices, the shop's settings, its promotions.
 */
@Injectable()
export class CartPricing {
  constructor(
    private readonly orders: OrderRepository,
    @Inject(SHOP_ORDER_SETTINGS) private readonly shopSettings: ShopOrderSettingsSource,
  ) {}

  async price(manager: EntityManager, shopId: string, lines: ReadonlyArray<{ skuId: string; quantity: number }>, at: Date): Promise<CartPrice> {
    const prices = await this.orders.pricesFor(manager, shopId, [...new Set(lines.map((l) => l.skuId))]);
    assertSellable(prices);
    const cart = listedCart([...lines], prices);
    const settings = await this.shopSettings.forPlacement(manager, shopId);
    const priced = priceCart({
      currencyCode: cart.currencyCode,
      lines: cart.lines,
      promotions: await promotionsFor(manager, shopId, [...new Set(cart.lines.map((l) => l.productId))]),
      shippingFeeMinor: (merchandise) => settings.shippingFeeFor(merchandise, cart.currencyCode),
      at,
    });
    return { priced, settings };
  }
}
