import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FailedReasonValue, ProductAttributeValue } from './product.entity';

/** Review state of a content revision of a live product. */
export type RevisionReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** The content a revision proposes; applied to the product when the revision is approved. */
export interface RevisionContent {
  title: string;
  description: string;
  categoryId: string | null;
  images: string[];
  attributes: ProductAttributeValue[];
}

/**
 * A content edit of a live (ACTIVATE or SELLER_DEACTIVATED) product, waiting for or past review.
 * The product row keeps the live content, so the product keeps selling while this is in review.
 */
@Entity({ name: 'product_revisions' })
export class ProductRevisionEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  productId: string;

  @Column({ type: 'int' })
  revisionNo: number;

  @Column({ type: 'jsonb' })
  changedFields: string[];

  @Column({ type: 'jsonb' })
  content: RevisionContent;

  @Column({ type: 'text' })
  reviewStatus: RevisionReviewStatus;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  failedReasons: FailedReasonValue[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}
