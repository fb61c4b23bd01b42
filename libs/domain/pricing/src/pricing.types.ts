/** Who pays for a discount: the seller, or the platform (platform coupons, platform-funded campaigns). */
export type Funder = 'SELLER' | 'PLATFORM';

/**
 * The layers of a price, in the order they apply (see STACKING in stacking.ts):
 * - PRODUCT_DISCOUNT: a percentage off or a fixed price per product or SKU; the best one wins, they never add up;
 * - FLASH_DEAL: a deal price per SKU with activity stock; overrides product discounts;
 * - TIER: buy-more-save-more, a percentage off once enough eligible units are bought;
 * - COUPON: an amount or percentage off the order (seller-funded or platform-funded), above a minimum spend;
 * - SHIPPING_OFFER: free or cheaper shipping above a minimum spend.
 */
export type PriceLayer = 'PRODUCT_DISCOUNT' | 'FLASH_DEAL' | 'TIER' | 'COUPON' | 'SHIPPING_OFFER';

/** Why a promotion in force did not price the cart (or one of its lines). */
export type SkipReason =
  /** Another product discount gives a lower price; product discounts do not add up. */
  | 'SUPERSEDED_BY_HIGHER_DISCOUNT'
  /** A flash deal prices this SKU; it overrides product discounts and tiers. */
  | 'SUPERSEDED_BY_FLASH_DEAL'
  /** The spend (after item discounts) is below the promotion's minimum. */
  | 'MIN_SPEND_NOT_MET'
  /** Fewer eligible units than the lowest tier asks for. */
  | 'MIN_QUANTITY_NOT_MET'
  /** The promotion's or the buyer's limit is used up. */
  | 'LIMIT_REACHED'
  /** The flash deal's activity stock is gone. */
  | 'SOLD_OUT'
  /** Only one coupon per funder applies; another gives more. */
  | 'NOT_STACKABLE'
  /** Before the promotion's start. */
  | 'NOT_STARTED'
  /** At or after the promotion's end. */
  | 'ENDED'
  /** No line of the cart is in the promotion's scope. */
  | 'NOT_APPLICABLE'
  /** The buyer's price is already at its floor (one minor unit per unit). */
  | 'PRICE_FLOOR';

/** A promotion's window, half-open: in force from `startsAt` (inclusive) to `endsAt` (exclusive). */
export interface PromotionWindow {
  startsAt: Date;
  endsAt: Date;
}

/** What a promotion gives off one unit: a percentage (basis points, 1–9999) or a fixed unit price. */
export type UnitOffer = { percentOffBp: number } | { fixedUnitMinor: bigint };

/** A product discount: per product (every SKU) or per SKU; the SKU's item wins over its product's. */
export interface ProductDiscount extends PromotionWindow {
  layer: 'PRODUCT_DISCOUNT';
  promotionId: string;
  funder: Funder;
  items: ReadonlyArray<{ productId: string; skuId?: string | null; offer: UnitOffer }>;
}

/** A flash deal: a deal price per SKU, for as many units as the activity stock and the buyer's limit allow. */
export interface FlashDeal extends PromotionWindow {
  layer: 'FLASH_DEAL';
  promotionId: string;
  funder: Funder;
  items: ReadonlyArray<{
    skuId: string;
    dealUnitMinor: bigint;
    /** Units still available at the deal price (activity stock left); null when not limited. */
    remaining: number | null;
    /** Units this buyer may still buy at the deal price; null when not limited. */
    buyerRemaining: number | null;
  }>;
}

/** Buy more, save more: the highest tier whose quantity the eligible lines reach takes its percentage off them. */
export interface Tier extends PromotionWindow {
  layer: 'TIER';
  promotionId: string;
  funder: Funder;
  productIds: readonly string[];
  tiers: ReadonlyArray<{ minQuantity: number; percentOffBp: number }>;
}

/** A coupon the buyer holds (claimed, or entered by code): off the spend of the lines in its scope. */
export interface Coupon extends PromotionWindow {
  layer: 'COUPON';
  promotionId: string;
  funder: Funder;
  /** The lines it discounts: these products, or the whole shop (null). */
  productIds: readonly string[] | null;
  /** Spend of the scope lines after item discounts that must be reached (pinned: post-product-discount). */
  minSpendMinor: bigint;
  discount: { amountOffMinor: bigint } | { percentOffBp: number; maxDiscountMinor: bigint | null };
  /** Redemptions left (the coupon's and this buyer's, whichever is smaller); null when not limited. */
  remaining: number | null;
}

/** Free or cheaper shipping once the merchandise spend (after every item and coupon discount) reaches a threshold. */
export interface ShippingOffer extends PromotionWindow {
  layer: 'SHIPPING_OFFER';
  promotionId: string;
  funder: Funder;
  minSpendMinor: bigint;
  /** Off the shipping fee; null takes the whole fee off (free shipping). */
  amountOffMinor: bigint | null;
}

/** Any promotion the pricing function can apply. */
export type Promotion = ProductDiscount | FlashDeal | Tier | Coupon | ShippingOffer;

/** One line of the cart, at the price the shop lists it. */
export interface CartLine {
  /** The caller's name for the line (its position or id), echoed on the priced line. */
  key: string;
  skuId: string;
  productId: string;
  quantity: number;
  listUnitMinor: bigint;
}

/** Everything a price depends on: nothing here comes from the buyer's client but the lines and the coupons chosen. */
export interface PricingInput {
  currencyCode: string;
  lines: readonly CartLine[];
  /** Every promotion of the shop that could apply (in force or not: the function judges the window at `at`). */
  promotions: readonly Promotion[];
  /**
   * The shipping fee before shipping offers, from the shop's own setting: an amount, or the shop's rule applied
   * to the merchandise after every discount (a free-shipping threshold is judged on what the buyer pays).
   */
  shippingFeeMinor: bigint | ((merchandiseMinor: bigint) => bigint);
  /** The instant the price is for (the quote's or the order's). */
  at: Date;
}

/** One discount applied to a line (amounts are for the whole line, in minor units). */
export interface AppliedLayer {
  layer: PriceLayer;
  promotionId: string;
  funder: Funder;
  amountMinor: bigint;
}

/** A promotion that did not apply, and why; `lineKey` when the reason is about one line. */
export interface SkippedPromotion {
  promotionId: string;
  layer: PriceLayer;
  reason: SkipReason;
  lineKey?: string;
}

export interface PricedLine {
  key: string;
  skuId: string;
  productId: string;
  quantity: number;
  listUnitMinor: bigint;
  /** The line after the item layer (product discount or flash deal), before tiers and coupons. */
  itemTotalMinor: bigint;
  /** The line at list price. */
  listTotalMinor: bigint;
  /** Every discount on the line, item layer first. */
  layers: AppliedLayer[];
  discountMinor: bigint;
  /** What the buyer pays for the line's merchandise: list total less every discount (shipping not included). */
  totalMinor: bigint;
  /** The units priced by a flash deal (the rest, if any, at the next best price). */
  flashUnits: number;
}

/** The whole price of a cart; what a quote shows and what an order charges. */
export interface PricedCart {
  currencyCode: string;
  lines: PricedLine[];
  listSubtotalMinor: bigint;
  discountMinor: bigint;
  discountByFunder: Record<Funder, bigint>;
  /** Merchandise after every discount. */
  subtotalMinor: bigint;
  shippingFeeMinor: bigint;
  shippingDiscount: AppliedLayer | null;
  /** subtotal + shipping fee − shipping discount. */
  totalMinor: bigint;
  /** Each promotion that priced something, with what it took off in all. */
  applied: AppliedLayer[];
  skipped: SkippedPromotion[];
}
