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

  @Column({ type: 'uuid' })
  sourceEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
