import { AppError, NotFoundError } from '@sc/graphql';
import type { CartLine } from '@sc/pricing';
import { SkuPriceEntity } from '../projections/sku-price.entity';
import { PlaceOrderLineInput } from './place-order.input';

/** One priced line, amounts in minor units. */
export interface PricedLine {
  skuId: string;
  productId: string;
  quantity: number;
  unitPriceMinor: bigint;
  lineTotalMinor: bigint;
}

/** What pricing reads of a row of the price read model. */
export type SkuPrice = Pick<SkuPriceEntity, 'skuId' | 'productId' | 'priceMinor' | 'currencyCode'>;

/**
 * Prices lines from the shop's price read model. A SKU the shop does not sell (unknown, or another
 * shop's) is NOT_FOUND, with no hint about which shop owns it.
 */
export function priceLines(
  lines: Array<Pick<PlaceOrderLineInput, 'skuId' | 'quantity'>>,
  prices: SkuPrice[],
): { lines: PricedLine[]; currencyCode: string; totalMinor: bigint } {
  const bySku = new Map(prices.map((p) => [p.skuId, p]));
  const priced = lines.map((line) => {
    const price = bySku.get(line.skuId);
    if (!price) throw new NotFoundError('Sku', line.skuId);
    const unit = BigInt(price.priceMinor);
    return { skuId: line.skuId, productId: price.productId, quantity: line.quantity, unitPriceMinor: unit, lineTotalMinor: unit * BigInt(line.quantity) };
  });
  const currencies = new Set(prices.map((p) => p.currencyCode.trim()));
  if (currencies.size !== 1) throw new AppError('CURRENCY_MISMATCH', 'All lines of an order must share one currency');
  return { lines: priced, currencyCode: [...currencies][0], totalMinor: priced.reduce((sum, l) => sum + l.lineTotalMinor, 0n) };
}

/**
 * The cart at the shop's list prices, as @sc/pricing takes it (a line's key is its position). A SKU the shop
 * does not sell is NOT_FOUND; lines in several currencies are CURRENCY_MISMATCH.
 */
export function listedCart(lines: Array<Pick<PlaceOrderLineInput, 'skuId' | 'quantity'>>, prices: SkuPrice[]): { lines: CartLine[]; currencyCode: string } {
  const { lines: priced, currencyCode } = priceLines(lines, prices);
  return {
    currencyCode,
    lines: priced.map((line, position) => ({
      key: String(position),
      skuId: line.skuId,
      productId: line.productId,
      quantity: line.quantity,
      listUnitMinor: line.unitPriceMinor,
    })),
  };
}
