import { allocate } from './allocation';
import { percentOf } from './percent';
import type {
  AppliedLayer,
  CartLine,
  Coupon,
  FlashDeal,
  Funder,
  PriceLayer,
  PricedCart,
  PricedLine,
  PricingInput,
  ProductDiscount,
  Promotion,
  ShippingOffer,
  SkippedPromotion,
  Tier,
  UnitOffer,
} from './pricing.types';

/**
 * The one pricing function: what a quote shows and what an order charges, from the shop's list prices, the
 * promotions in force at `at` and the buyer's coupons. Pure and deterministic (same input, same output), so
 * marketing's quote and orders' charge cannot disagree. The stacking rules, in the order they apply:
 *
 * 1. Item layer, per line: the lowest unit price any one product discount gives (they never add up); a flash deal
 *    on the SKU overrides them for as many units as its activity stock and the buyer's limit allow, the other
 *    units keeping the best product discount (pinned: a buyer over the limit pays the deal price on the allowed
 *    units, never more than the quote shows).
 * 2. Tiers (buy more, save more) on lines no flash deal prices: the highest tier reached, one tier per line.
 * 3. Coupons: at most one per funder (the seller's first, then the platform's), the one taking off the most;
 *    the minimum spend is judged on the scope lines after the item layer and tiers (pinned).
 * 4. Shipping offers: the one taking off the most of the fee, once the merchandise after every discount
 *    reaches its minimum.
 *
 * Every unit keeps a price of at least one minor unit; an order-level discount is allocated across its lines by
 * largest remainder, so the lines always add up to the order exactly.
 */
export function priceCart(input: PricingInput): PricedCart {
  const skipped: SkippedPromotion[] = [];
  const inForce = promotionsInForce(input, skipped);
  const lines = input.lines.map((line) => priceItem(line, inForce, skipped));
  applyTiers(lines, inForce.filter(isLayer<Tier>('TIER')), skipped);
  applyCoupons(lines, inForce.filter(isLayer<Coupon>('COUPON')), skipped);

  const listSubtotalMinor = sum(lines.map((l) => l.listTotalMinor));
  const subtotalMinor = sum(lines.map((l) => l.totalMinor));
  const shippingFeeMinor = typeof input.shippingFeeMinor === 'function' ? input.shippingFeeMinor(subtotalMinor) : input.shippingFeeMinor;
  const shippingDiscount = bestShippingOffer(subtotalMinor, shippingFeeMinor, inForce.filter(isLayer<ShippingOffer>('SHIPPING_OFFER')), skipped);
  const discountByFunder: Record<Funder, bigint> = { SELLER: 0n, PLATFORM: 0n };
  for (const layer of lines.flatMap((l) => l.layers)) discountByFunder[layer.funder] += layer.amountMinor;
  return {
    currencyCode: input.currencyCode,
    lines,
    listSubtotalMinor,
    discountMinor: listSubtotalMinor - subtotalMinor,
    discountByFunder,
    subtotalMinor,
    shippingFeeMinor,
    shippingDiscount,
    totalMinor: subtotalMinor + shippingFeeMinor - (shippingDiscount?.amountMinor ?? 0n),
    applied: appliedTotals(lines, shippingDiscount),
    skipped,
  };
}

/** The promotions in force at `input.at`; those about the cart but outside their window are listed as skipped. */
function promotionsInForce(input: PricingInput, skipped: SkippedPromotion[]): Promotion[] {
  const at = input.at.getTime();
  const inForce: Promotion[] = [];
  for (const promotion of input.promotions) {
    if (!touches(promotion, input.lines)) continue;
    if (at < promotion.startsAt.getTime()) skipped.push({ promotionId: promotion.promotionId, layer: promotion.layer, reason: 'NOT_STARTED' });
    else if (at >= promotion.endsAt.getTime()) skipped.push({ promotionId: promotion.promotionId, layer: promotion.layer, reason: 'ENDED' });
    else inForce.push(promotion);
  }
  return inForce;
}

/** Whether a promotion is about any line of the cart (shop-wide coupons and shipping offers always are). */
function touches(promotion: Promotion, lines: readonly CartLine[]): boolean {
  switch (promotion.layer) {
    case 'PRODUCT_DISCOUNT':
      return lines.some((line) => itemFor(promotion, line) !== undefined);
    case 'FLASH_DEAL':
      return lines.some((line) => promotion.items.some((item) => item.skuId === line.skuId));
    case 'TIER':
      return lines.some((line) => promotion.productIds.includes(line.productId));
    case 'COUPON':
      return promotion.productIds === null || lines.some((line) => promotion.productIds!.includes(line.productId));
    case 'SHIPPING_OFFER':
      return true;
  }
}

/** The item of a product discount for a line: its SKU's if listed, else its product's. */
function itemFor(discount: ProductDiscount, line: CartLine) {
  return (
    discount.items.find((item) => item.skuId === line.skuId && item.productId === line.productId) ??
    discount.items.find((item) => !item.skuId && item.productId === line.productId)
  );
}

/** A unit price under an offer: never above the list price, never below one minor unit. */
function unitUnder(listUnit: bigint, offer: UnitOffer): bigint {
  const price =
    'percentOffBp' in offer ? listUnit - percentOf(listUnit, offer.percentOffBp) : offer.fixedUnitMinor < listUnit ? offer.fixedUnitMinor : listUnit;
  return price < 1n ? 1n : price;
}

function priceItem(line: CartLine, inForce: Promotion[], skipped: SkippedPromotion[]): PricedLine {
  const listTotalMinor = line.listUnitMinor * BigInt(line.quantity);
  // The best product discount: the lowest unit price; the first listed wins a tie.
  let best: { discount: ProductDiscount; unit: bigint } | null = null;
  const candidates: Array<{ discount: ProductDiscount; unit: bigint }> = [];
  for (const discount of inForce.filter(isLayer<ProductDiscount>('PRODUCT_DISCOUNT'))) {
    const item = itemFor(discount, line);
    if (!item) continue;
    const candidate = { discount, unit: unitUnder(line.listUnitMinor, item.offer) };
    candidates.push(candidate);
    if (!best || candidate.unit < best.unit) best = candidate;
  }
  const flash = flashFor(line, inForce.filter(isLayer<FlashDeal>('FLASH_DEAL')), skipped);
  const layers: AppliedLayer[] = [];
  if (flash) {
    layers.push({
      layer: 'FLASH_DEAL',
      promotionId: flash.deal.promotionId,
      funder: flash.deal.funder,
      amountMinor: (line.listUnitMinor - flash.unit) * BigInt(flash.units),
    });
  }
  const restUnits = line.quantity - (flash?.units ?? 0);
  for (const candidate of candidates) {
    if (restUnits === 0)
      skipped.push({ promotionId: candidate.discount.promotionId, layer: 'PRODUCT_DISCOUNT', reason: 'SUPERSEDED_BY_FLASH_DEAL', lineKey: line.key });
    else if (candidate !== best)
      skipped.push({ promotionId: candidate.discount.promotionId, layer: 'PRODUCT_DISCOUNT', reason: 'SUPERSEDED_BY_HIGHER_DISCOUNT', lineKey: line.key });
    else if (candidate.unit === line.listUnitMinor)
      skipped.push({ promotionId: candidate.discount.promotionId, layer: 'PRODUCT_DISCOUNT', reason: 'NOT_APPLICABLE', lineKey: line.key });
    else
      layers.push({
        layer: 'PRODUCT_DISCOUNT',
        promotionId: candidate.discount.promotionId,
        funder: candidate.discount.funder,
        amountMinor: (line.listUnitMinor - candidate.unit) * BigInt(restUnits),
      });
  }
  const discountMinor = sum(layers.map((l) => l.amountMinor));
  return {
    key: line.key,
    skuId: line.skuId,
    productId: line.productId,
    quantity: line.quantity,
    listUnitMinor: line.listUnitMinor,
    itemTotalMinor: listTotalMinor - discountMinor,
    listTotalMinor,
    layers,
    discountMinor,
    totalMinor: listTotalMinor - discountMinor,
    flashUnits: flash?.units ?? 0,
  };
}

/** The flash deal pricing a line (the lowest deal price with units left), for how many units. */
function flashFor(line: CartLine, deals: FlashDeal[], skipped: SkippedPromotion[]): { deal: FlashDeal; unit: bigint; units: number } | null {
  let chosen: { deal: FlashDeal; unit: bigint; units: number } | null = null;
  for (const deal of deals) {
    const item = deal.items.find((i) => i.skuId === line.skuId);
    if (!item) continue;
    if (item.remaining !== null && item.remaining <= 0) {
      skipped.push({ promotionId: deal.promotionId, layer: 'FLASH_DEAL', reason: 'SOLD_OUT', lineKey: line.key });
      continue;
    }
    if (item.buyerRemaining !== null && item.buyerRemaining <= 0) {
      skipped.push({ promotionId: deal.promotionId, layer: 'FLASH_DEAL', reason: 'LIMIT_REACHED', lineKey: line.key });
      continue;
    }
    const unit = unitUnder(line.listUnitMinor, { fixedUnitMinor: item.dealUnitMinor });
    const units = Math.min(line.quantity, item.remaining ?? Infinity, item.buyerRemaining ?? Infinity);
    if (!chosen || unit < chosen.unit) {
      if (chosen) skipped.push({ promotionId: chosen.deal.promotionId, layer: 'FLASH_DEAL', reason: 'SUPERSEDED_BY_HIGHER_DISCOUNT', lineKey: line.key });
      chosen = { deal, unit, units };
    } else skipped.push({ promotionId: deal.promotionId, layer: 'FLASH_DEAL', reason: 'SUPERSEDED_BY_HIGHER_DISCOUNT', lineKey: line.key });
  }
  return chosen;
}

/** Buy-more-save-more: each tier promotion's highest tier reached, the biggest saving first, one tier per line. */
function applyTiers(lines: PricedLine[], tiers: Tier[], skipped: SkippedPromotion[]): void {
  const offers = tiers.map((tier) => {
    const eligible = lines.filter((l) => tier.productIds.includes(l.productId));
    for (const line of eligible.filter((l) => l.flashUnits > 0))
      skipped.push({ promotionId: tier.promotionId, layer: 'TIER', reason: 'SUPERSEDED_BY_FLASH_DEAL', lineKey: line.key });
    const open = eligible.filter((l) => l.flashUnits === 0);
    const quantity = open.reduce((n, l) => n + l.quantity, 0);
    const reached = [...tier.tiers].sort((a, b) => b.minQuantity - a.minQuantity).find((t) => quantity >= t.minQuantity);
    const amounts = reached ? open.map((l) => capToFloor(l, percentOf(l.totalMinor / BigInt(l.quantity), reached.percentOffBp) * BigInt(l.quantity))) : [];
    return { tier, open, reached, amounts, saving: sum(amounts) };
  });
  const taken = new Set<string>();
  for (const offer of offers.sort((a, b) => (a.saving === b.saving ? 0 : a.saving > b.saving ? -1 : 1))) {
    if (offer.open.length === 0) continue;
    if (!offer.reached) {
      skipped.push({ promotionId: offer.tier.promotionId, layer: 'TIER', reason: 'MIN_QUANTITY_NOT_MET' });
      continue;
    }
    if (offer.open.some((l) => taken.has(l.key))) {
      skipped.push({ promotionId: offer.tier.promotionId, layer: 'TIER', reason: 'NOT_STACKABLE' });
      continue;
    }
    offer.open.forEach((line, i) => {
      taken.add(line.key);
      addLayer(line, { layer: 'TIER', promotionId: offer.tier.promotionId, funder: offer.tier.funder, amountMinor: offer.amounts[i] });
    });
  }
}

/** One coupon per funder, the one taking off the most; the seller's applies first. */
function applyCoupons(lines: PricedLine[], coupons: Coupon[], skipped: SkippedPromotion[]): void {
  for (const funder of ['SELLER', 'PLATFORM'] as const) {
    const judged = coupons
      .filter((c) => c.funder === funder)
      .map((coupon) => {
        const scope = lines.filter((l) => coupon.productIds === null || coupon.productIds.includes(l.productId));
        const spend = sum(scope.map((l) => l.totalMinor));
        const room = sum(scope.map((l) => l.totalMinor - BigInt(l.quantity)));
        const wanted =
          'amountOffMinor' in coupon.discount
            ? coupon.discount.amountOffMinor
            : capBy(percentOf(spend, coupon.discount.percentOffBp), coupon.discount.maxDiscountMinor);
        const reason: SkippedPromotion['reason'] | null =
          coupon.remaining !== null && coupon.remaining <= 0
            ? 'LIMIT_REACHED'
            : scope.length === 0
              ? 'NOT_APPLICABLE'
              : spend < coupon.minSpendMinor
                ? 'MIN_SPEND_NOT_MET'
                : room <= 0n
                  ? 'PRICE_FLOOR'
                  : null;
        return { coupon, scope, amount: wanted < room ? wanted : room, reason };
      });
    const usable = judged.filter((j) => j.reason === null && j.amount > 0n);
    const best = usable.reduce<(typeof usable)[number] | null>((top, j) => (!top || j.amount > top.amount ? j : top), null);
    for (const j of judged) {
      if (j === best) continue;
      skipped.push({ promotionId: j.coupon.promotionId, layer: 'COUPON', reason: j.reason ?? 'NOT_STACKABLE' });
    }
    if (!best) continue;
    const shares = allocate(
      best.amount,
      best.scope.map((l) => l.totalMinor - BigInt(l.quantity)),
    );
    best.scope.forEach((line, i) => {
      if (shares[i] > 0n) addLayer(line, { layer: 'COUPON', promotionId: best.coupon.promotionId, funder, amountMinor: shares[i] });
    });
  }
}

function bestShippingOffer(subtotal: bigint, fee: bigint, offers: ShippingOffer[], skipped: SkippedPromotion[]): AppliedLayer | null {
  let best: AppliedLayer | null = null;
  for (const offer of offers) {
    if (fee === 0n) {
      skipped.push({ promotionId: offer.promotionId, layer: 'SHIPPING_OFFER', reason: 'NOT_APPLICABLE' });
      continue;
    }
    if (subtotal < offer.minSpendMinor) {
      skipped.push({ promotionId: offer.promotionId, layer: 'SHIPPING_OFFER', reason: 'MIN_SPEND_NOT_MET' });
      continue;
    }
    const amount = offer.amountOffMinor === null || offer.amountOffMinor > fee ? fee : offer.amountOffMinor;
    const candidate: AppliedLayer = { layer: 'SHIPPING_OFFER', promotionId: offer.promotionId, funder: offer.funder, amountMinor: amount };
    if (!best || amount > best.amountMinor) {
      if (best) skipped.push({ promotionId: best.promotionId, layer: 'SHIPPING_OFFER', reason: 'NOT_STACKABLE' });
      best = candidate;
    } else skipped.push({ promotionId: offer.promotionId, layer: 'SHIPPING_OFFER', reason: 'NOT_STACKABLE' });
  }
  return best;
}

/** What each promotion took off in all (line layers summed per promotion, then the shipping discount). */
function appliedTotals(lines: PricedLine[], shipping: AppliedLayer | null): AppliedLayer[] {
  const byPromotion = new Map<string, AppliedLayer>();
  for (const layer of lines.flatMap((l) => l.layers)) {
    const known = byPromotion.get(layer.promotionId);
    if (known) known.amountMinor += layer.amountMinor;
    else byPromotion.set(layer.promotionId, { ...layer });
  }
  return [...byPromotion.values(), ...(shipping ? [shipping] : [])];
}

function addLayer(line: PricedLine, layer: AppliedLayer): void {
  if (layer.amountMinor <= 0n) return;
  line.layers.push(layer);
  line.discountMinor += layer.amountMinor;
  line.totalMinor -= layer.amountMinor;
}

/** A discount on a line, reduced so every unit keeps at least one minor unit. */
function capToFloor(line: PricedLine, amount: bigint): bigint {
  const room = line.totalMinor - BigInt(line.quantity);
  return amount < room ? amount : room > 0n ? room : 0n;
}

const capBy = (amount: bigint, cap: bigint | null): bigint => (cap !== null && cap < amount ? cap : amount);
const sum = (values: bigint[]): bigint => values.reduce((total, v) => total + v, 0n);

function isLayer<P extends Promotion>(layer: PriceLayer) {
  return (promotion: Promotion): promotion is P => promotion.layer === layer;
}
