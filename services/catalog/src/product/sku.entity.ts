import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sales attribute such as colour or size. */
export interface SalesAttributeValue {
  name: string;
  value: string;
}

@Entity({ name: 'skus' })
export class SkuEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  productId: string;

  @Column({ type: 'text' })
  sellerSku: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  salesAttributes: SalesAttributeValue[];

  /** Minor units; bigint comes back from pg as a string, which is what Money wants. */
  @Column({ type: 'bigint' })
  priceMinor: string;

  /** The crossed-out "was" price in minor units, never below the price; null when none. */
  @Column({ type: 'bigint', nullable: true })
  listPriceMinor: string | null;

  @Column({ type: 'char', length: 3 })
  currencyCode: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
