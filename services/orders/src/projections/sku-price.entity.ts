import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Orders' own read model of catalog prices, fed by catalog.product.v1; placeOrder prices from it. */
@Entity({ name: 'sku_prices' })
export class SkuPriceEntity {
  @PrimaryColumn({ type: 'text' })
  skuId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  productId: string;

  @Column({ type: 'bigint' })
  priceMinor: string;

  @Column({ type: 'char', length: 3 })
  currencyCode: string;

  /** False unless the product is ACTIVATE in catalog; placeOrder refuses such SKUs. */
  @Column({ type: 'boolean', default: false })
  sellable: boolean;

  /** Catalog product version that set this price; older price events are ignored. */
  @Column({ type: 'int', default: 1 })
  priceVersion: number;

  @Column({ type: 'uuid' })
  sourceEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
