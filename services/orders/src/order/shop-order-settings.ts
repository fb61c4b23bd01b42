import { EntityManager } from 'typeorm';
import { Region } from './policy/region-policy';

/** The shop's settings an order is placed under. */
export interface PlacementSettings {
  /** The region the shop has chosen, or null while it has not. */
  region: Region | null;
  /** The shipping fee of an order with this merchandise subtotal (after seller discounts), in minor units of `currencyCode`. */
  shippingFeeFor(merchandiseMinor: bigint, currencyCode: string): bigint;
}

/**
 * What placement needs from the shop's order settings. Declared here, implemented by shop-settings, so the
 * order kernel does not depend on it.
 */
export interface ShopOrderSettingsSource {
  /** The shop's settings, read in the placement's transaction in one statement (placement reads this on every order). */
  forPlacement(manager: EntityManager, sellerId: string): Promise<PlacementSettings>;
}

/** Injection token of {@link ShopOrderSettingsSource} (bound app-wide by `OrderPortsModule`). */
export const SHOP_ORDER_SETTINGS = Symbol('SHOP_ORDER_SETTINGS');
