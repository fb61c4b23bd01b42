import { EntityManager } from 'typeorm';
import { newId } from '@sc/db';
import { WriteTx } from '@sc/kit';
import { FailedReasonValue, ProductEntity } from './product.entity';
import { ProductRevisionEntity, RevisionContent } from './product-revision.entity';

/** The content fields of a product as a revision would carry them. */
export const liveContent = (p: ProductEntity): RevisionContent => ({
  title: p.title,
  description: p.description,
  categoryId: p.categoryId,
  images: p.images,
  attributes: p.attributes,
});

/** Names of the content fields where `next` differs from `live`. */
export function changedFields(live: RevisionContent, next: RevisionContent): string[] {
  return (Object.keys(live) as Array<keyof RevisionContent>).filter((k) => JSON.stringify(live[k]) !== JSON.stringify(next[k]));
}

/** The revision of a product that waits for review, locked, or null. */
export function lockPendingRevision(manager: EntityManager, productId: string): Promise<ProductRevisionEntity | null> {
  return manager
    .getRepository(ProductRevisionEntity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where(`r.productId = :productId AND r.reviewStatus = 'PENDING'`, { productId })
    .getOne();
}

/** Stores `content` as the product's pending revision: replaces the one in review, or opens a new one. */
export async function savePendingRevision(
  { manager, now }: WriteTx,
  product: ProductEntity,
  pending: ProductRevisionEntity | null,
  content: RevisionContent,
  fields: string[],
): Promise<void> {
  if (pending) {
    await manager.update(ProductRevisionEntity, { id: pending.id }, { content, changedFields: fields });
    return;
  }
  const [{ next }] = await manager.query(`SELECT coalesce(max(revision_no), 0) + 1 AS next FROM product_revisions WHERE product_id = $1`, [product.id]);
  await manager.insert(ProductRevisionEntity, {
    id: newId('rev'),
    sellerId: product.sellerId,
    productId: product.id,
    revisionNo: Number(next),
    changedFields: fields,
    content,
    reviewStatus: 'PENDING',
    failedReasons: [],
    createdAt: now,
  });
}

/** Ends a pending revision's review (approved, or rejected with findings). */
export async function closeRevision(
  { manager, now }: WriteTx,
  revision: ProductRevisionEntity,
  status: 'APPROVED' | 'REJECTED',
  failedReasons: FailedReasonValue[] = [],
): Promise<void> {
  await manager.update(ProductRevisionEntity, { id: revision.id }, { reviewStatus: status, failedReasons, reviewedAt: now });
}

/** Closes a pending revision that can no longer be published, telling the seller why. */
export async function dropPendingRevision(tx: WriteTx, product: ProductEntity, why: string): Promise<void> {
  const pending = await lockPendingRevision(tx.manager, product.id);
  if (pending) await closeRevision(tx, pending, 'REJECTED', [{ position: 'product', reasons: [why], suggestions: [] }]);
}
