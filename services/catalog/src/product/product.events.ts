import { EventEnvelope, ProductCreatedV1, ProductStatusChangedV1, SkuPriceChangedV1 } from '@sc/events';
import { Cause, EventSubject, aggregateEvent } from '@sc/kit';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { isSellable } from './product.state-machine';

/** The product as the aggregate of its events, at its current version. */
const productSubject = (product: ProductEntity): EventSubject => ({
  source: 'catalog',
  sellerId: product.sellerId,
  aggregateType: 'Product',
  aggregateId: product.id,
  aggregateVersion: product.version,
});

/** `product.created` for a new product and its SKUs. */
export function productCreated(product: ProductEntity, skus: SkuEntity[], cause: Cause): EventEnvelope<ProductCreatedV1> {
  return aggregateEvent<ProductCreatedV1>(productSubject(product), 'product.created', cause, {
    productId: product.id,
    title: product.title,
    status: product.status,
    skus: skus.map((s) => ({ skuId: s.id, sellerSku: s.sellerSku, price: { amountMinor: s.priceMinor, currencyCode: s.currencyCode } })),
  });
}

/** `product.status_changed` for one transition; `product.version` is the version after it. */
export function productStatusChanged(product: ProductEntity, from: ProductStatus, reason: string | null, cause: Cause): EventEnvelope<ProductStatusChangedV1> {
  return aggregateEvent<ProductStatusChangedV1>(productSubject(product), 'product.status_changed', cause, {
    productId: product.id,
    from,
    to: product.status,
    sellable: isSellable(product.status),
    reason,
  });
}

/** `sku.price_changed` for one SKU whose price moved; keyed by product so it stays ordered with it. */
export function skuPriceChanged(product: ProductEntity, sku: SkuEntity, oldPriceMinor: string, cause: Cause): EventEnvelope<SkuPriceChangedV1> {
  return aggregateEvent<SkuPriceChangedV1>(productSubject(product), 'sku.price_changed', cause, {
    productId: product.id,
    skuId: sku.id,
    oldPrice: { amountMinor: oldPriceMinor, currencyCode: sku.currencyCode.trim() },
    newPrice: { amountMinor: sku.priceMinor, currencyCode: sku.currencyCode.trim() },
  });
}
