import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';
import { ProductStatus } from './product-status';

/** A name/value product attribute such as Material = Cotton. */
export interface ProductAttributeValue {
  name: string;
  value: string;
}

/** One review finding: where (position), what is wrong, and how to fix it. */
export interface FailedReasonValue {
  position: string;
  reasons: string[];
  suggestions: string[];
}

@Entity({ name: 'products' })
export class ProductEntity extends ShopAggregateRow {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', nullable: true })
  categoryId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  images: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attributes: ProductAttributeValue[];

  @Column({ type: 'text' })
  status: ProductStatus;

  /** The reasons of the last rejection (FAILED), kept until the next approval. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  failedReasons: FailedReasonValue[];

  /** Why the platform deactivated or froze the product. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** True while a content revision of this (live) product waits for review. */
  @Column({ type: 'boolean', default: false })
  hasPendingRevision: boolean;
}
