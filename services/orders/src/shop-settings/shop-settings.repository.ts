import { EntityManager } from 'typeorm';
import { Region } from '../order/policy/region-policy';
import { ShippingSetting } from './shipping-fee';

/** What a shop has set in its one order-settings row; null where it has not chosen. */
export interface StoredOrderSettings {
  region: Region | null;
  shipping: ShippingSetting | null;
}

/** The shop's stored order settings, in one statement (placement reads this on every order). */
export async function storedOrderSettings(manager: EntityManager, sellerId: string): Promise<StoredOrderSettings> {
  const rows: Array<{
    region: Region | null;
    shipping_currency_code: string | null;
    shipping_flat_fee_minor: string | null;
    free_shipping_from_minor: string | null;
  }> = await manager.query(
    `SELECT region, shipping_currency_code, shipping_flat_fee_minor, free_shipping_from_minor FROM shop_order_settings WHERE seller_id = $1`,
    [sellerId],
  );
  const row = rows[0];
  if (!row) return { region: null, shipping: null };
  const shipping =
    row.shipping_currency_code === null || row.shipping_flat_fee_minor === null
      ? null
      : {
          currencyCode: row.shipping_currency_code.trim(),
          flatFeeMinor: BigInt(row.shipping_flat_fee_minor),
          freeFromMinor: row.free_shipping_from_minor === null ? null : BigInt(row.free_shipping_from_minor),
        };
  return { region: row.region, shipping };
}

/** Stores the shop's region (one row per shop). */
export async function saveRegion(manager: EntityManager, sellerId: string, region: Region, now: Date): Promise<void> {
  await manager.query(
    `INSERT INTO shop_order_settings (seller_id, region, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (seller_id) DO UPDATE SET region = EXCLUDED.region, updated_at = EXCLUDED.updated_at`,
    [sellerId, region, now],
  );
}

/** Stores the shop's shipping setting (one row per shop), leaving its region as it is. */
export async function saveShipping(manager: EntityManager, sellerId: string, shipping: ShippingSetting, now: Date): Promise<void> {
  await manager.query(
    `INSERT INTO shop_order_settings (seller_id, shipping_currency_code, shipping_flat_fee_minor, free_shipping_from_minor, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (seller_id) DO UPDATE SET shipping_currency_code = EXCLUDED.shipping_currency_code,
       shipping_flat_fee_minor = EXCLUDED.shipping_flat_fee_minor, free_shipping_from_minor = EXCLUDED.free_shipping_from_minor,
       updated_at = EXCLUDED.updated_at`,
    [sellerId, shipping.currencyCode, shipping.flatFeeMinor.toString(), shipping.freeFromMinor?.toString() ?? null, now],
  );
}

/**
 * The shop's currency as orders knows it: its projection of catalog's `shop.registered` (dashboard_shops),
 * or null until that event has arrived.
 */
export async function knownShopCurrency(manager: EntityManager, sellerId: string): Promise<string | null> {
  const rows: Array<{ currency_code: string }> = await manager.query(`SELECT currency_code FROM dashboard_shops WHERE seller_id = $1`, [sellerId]);
  return rows[0]?.currency_code.trim() ?? null;
}
