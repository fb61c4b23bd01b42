import { EntityManager } from 'typeorm';
import { Region } from '../order/policy/region-policy';

/** The region a shop chose, or null while it has not chosen one. */
export async function chosenRegion(manager: EntityManager, sellerId: string): Promise<Region | null> {
  const rows: Array<{ region: Region }> = await manager.query(`SELECT region FROM shop_order_settings WHERE seller_id = $1`, [sellerId]);
  return rows[0]?.region ?? null;
}

/** Stores the shop's region (one row per shop). */
export async function saveRegion(manager: EntityManager, sellerId: string, region: Region, now: Date): Promise<void> {
  await manager.query(
    `INSERT INTO shop_order_settings (seller_id, region, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (seller_id) DO UPDATE SET region = EXCLUDED.region, updated_at = EXCLUDED.updated_at`,
    [sellerId, region, now],
  );
}
