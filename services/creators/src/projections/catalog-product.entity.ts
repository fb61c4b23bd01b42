import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Creators' own read model of catalog products, fed by catalog.product.v1; collaborations check ownership against it. */
@Entity({ name: 'catalog_products' })
export class CatalogProductEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int' })
  sourceVersion: number;

  @Column({ type: 'uuid' })
  sourceEventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
