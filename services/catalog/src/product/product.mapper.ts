import { toMoney } from '@sc/graphql';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { Product } from './product.model';
import { Sku } from './sku.model';
import { ProductRevision } from './product-content.model';
import { ProductRevisionEntity } from './product-revision.entity';

export const toProduct = (p: ProductEntity): Product => ({
  id: p.id,
  title: p.title,
  description: p.description,
  categoryId: p.categoryId,
  images: p.images,
  attributes: p.attributes,
  status: p.status,
  failedReasons: p.failedReasons,
  statusReason: p.statusReason,
  hasPendingRevision: p.hasPendingRevision,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toSku = (s: SkuEntity): Sku => ({
  id: s.id,
  productId: s.productId,
  sellerSku: s.sellerSku,
  salesAttributes: s.salesAttributes,
  price: toMoney(s.priceMinor, s.currencyCode.trim()),
  listPrice: s.listPriceMinor === null ? null : toMoney(s.listPriceMinor, s.currencyCode.trim()),
});

export const toProductRevision = (r: ProductRevisionEntity): ProductRevision => ({
  revisionNo: r.revisionNo,
  reviewStatus: r.reviewStatus,
  changedFields: r.changedFields,
  ...r.content,
  failedReasons: r.failedReasons,
  createdAt: r.createdAt,
});
