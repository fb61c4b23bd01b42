/** A shop's shipping setting: a flat fee per order, free from a merchandise subtotal when set. */
export interface ShippingSetting {
  currencyCode: string;
  flatFeeMinor: bigint;
  /** Orders whose merchandise subtotal (after seller discounts) reaches this ship free; null: never free. */
  freeFromMinor: bigint | null;
}

/**
 * The shipping fee of an order, from the shop's setting and nothing the buyer sent. A shop that has not
 * set its shipping charges none (the marketplace default, as before shipping was a setting).
 * `merchandiseMinor` is the subtotal after seller discounts: a discount can take an order below the threshold.
 */
export function shippingFeeFor(setting: ShippingSetting | null, merchandiseMinor: bigint, orderCurrency: string): bigint {
  if (!setting) return 0n;
  // Catalog keeps every price in the shop's currency and the setting is checked against it; a mismatch is a fault, not input.
  if (setting.currencyCode !== orderCurrency) {
    throw new Error(`The shop's shipping setting is in ${setting.currencyCode}, the order in ${orderCurrency}`);
  }
  if (setting.freeFromMinor !== null && merchandiseMinor >= setting.freeFromMinor) return 0n;
  return setting.flatFeeMinor;
}
