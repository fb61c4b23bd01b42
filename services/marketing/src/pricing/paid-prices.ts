import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffReadSellerId } from '@sc/auth';
import { batchLoader } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';

/** How far back the lowest price paid reaches (the flash-deal rule's window). */
export const LOWEST_PRICE_DAYS = 30;

/** The lowest unit price paid for a SKU over the window. */
export interface LowestPaidPrice {
  skuId: string;
  lowestUnitMinor: string;
  currencyCode: string;
}

/**
 * The lowest unit price paid per SKU over the last {@link LOWEST_PRICE_DAYS} days (UTC days, today included),
 * from `sku_paid_prices`. Only the shop's own staff with PROMOTIONS:VIEW read it (anyone else gets nothing); N
 * SKUs in one request cost one statement.
 */
@Injectable()
export class PaidPrices {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Since which UTC day (inclusive) a price counts, for the instant `at`. */
  static windowStart(at: Date): string {
    return new Date(at.getTime() - (LOWEST_PRICE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  }

  /** The lowest prices of `skuIds` in `sellerId`'s shop since `since` (a UTC day), one row per SKU sold. */
  async lowestSince(sellerId: string, skuIds: readonly string[], since: string): Promise<LowestPaidPrice[]> {
    const rows: Array<{ sku_id: string; lowest: string; currency_code: string }> = await this.dataSource.query(
      `SELECT sku_id, min(lowest_unit_minor)::text AS lowest, min(currency_code) AS currency_code
         FROM sku_paid_prices WHERE seller_id = $1 AND sku_id = ANY($2::text[]) AND paid_on >= $3::date
        GROUP BY sku_id`,
      [sellerId, skuIds, since],
    );
    return rows.map((r) => ({ skuId: r.sku_id, lowestUnitMinor: r.lowest, currencyCode: r.currency_code.trim() }));
  }

  /** Per request: the caller's shop's lowest prices by SKU id (null for a SKU not sold, or not the caller's to read). */
  lowestBySkuId() {
    const sellerId = staffReadSellerId('PROMOTIONS:VIEW');
    return batchLoader<string, LowestPaidPrice>(
      'marketing.lowestPaidBySkuId',
      (ids) => (sellerId ? this.lowestSince(sellerId, ids, PaidPrices.windowStart(requestNow(this.clock))) : Promise.resolve([])),
      (row) => row.skuId,
    );
  }
}
