import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Funder, PriceLayer } from '@sc/pricing';

/** One applied price layer as an order line stores it (amounts as base-10 strings: jsonb has no bigint). */
export interface StoredPriceLayer {
  layer: PriceLayer;
  promotionId: string;
  funder: Funder;
  amountMinor: string;
}

@Entity({ name: 'order_lines' })
export class OrderLineEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  skuId: string;

  @Column({ type: 'text' })
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'bigint' })
  unitPriceMinor: string;

  @Column({ type: 'bigint' })
  lineTotalMinor: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int', default: 0 })
  cancelledQuantity: number;

  /** Units put into packages (shipped or not). */
  @Column({ type: 'int', default: 0 })
  packedQuantity: number;

  @Column({ type: 'int', default: 0 })
  shippedQuantity: number;

  /** This line's share of the order's shipping fee (largest-remainder allocation). */
  @Column({ type: 'bigint', default: '0' })
  shippingFeeMinor: string;

  /** This line's share of the order's seller discount. */
  @Column({ type: 'bigint', default: '0' })
  sellerDiscountMinor: string;

  /** What each promotion took off the line when it was placed, and who funds it (@sc/pricing's layers). */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  priceLayers: StoredPriceLayer[];

  @Column({ type: 'text', nullable: true })
  creatorId: string | null;

  @Column({ type: 'text', nullable: true })
  contentId: string | null;

  @Column({ type: 'text', nullable: true })
  adCampaignId: string | null;
}
