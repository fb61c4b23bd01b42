import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Marketing's read model of catalog products, fed by catalog.product.v1; promotions may cover only these. */
@Entity({ name: 'catalog_products' })
export class CatalogProductEntity {
  @PrimaryColumn({ type: 'text' })
  productId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  status: string;

  /** Catalog's aggregate version of the product, so an older event never overwrites a newer one. */
  @Column({ type: 'int' })
  catalogVersion: number;

  @Column({ type: 'uuid' })
  sourceEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
