import { ActorType, EventEnvelope, ProductCreatedV1, ProductStatusChangedV1, SkuPriceChangedV1, createEvent } from '@sc/events';
import { currentContext } from '@sc/auth';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { isSellable } from './product.state-machine';

const actorOf = (type: ActorType) => ({ type, id: currentContext().identity.userId });

/** `product.created` for a new product and its SKUs. */
export function productCreated(product: ProductEntity, skus: SkuEntity[]): EventEnvelope<ProductCreatedV1> {
  const { correlationId } = currentContext();
  return createEvent<ProductCreatedV1>({
    type: 'product.created',
    source: 'catalog',
    sellerId: product.sellerId,
    aggregateType: 'Product',
    aggregateId: product.id,
    aggregateVersion: product.version,
    correlationId,
    actor: actorOf('SELLER_STAFF'),
    payload: {
      productId: product.id,
      title: product.title,
      status: product.status,
      skus: skus.map((s) => ({ skuId: s.id, sellerSku: s.sellerSku, price: { amountMinor: s.priceMinor, currencyCode: s.currencyCode } })),
    },
  });
}

/** `product.status_changed` for one transition; `product.version` is the version after it. */
export function productStatusChanged(
  product: ProductEntity,
  from: ProductStatus,
  actor: ActorType,
  reason: string | null,
): EventEnvelope<ProductStatusChangedV1> {
  return createEvent<ProductStatusChangedV1>({
    type: 'product.status_changed',
    source: 'catalog',
    sellerId: product.sellerId,
    aggregateType: 'Product',
    aggregateId: product.id,
    aggregateVersion: product.version,
    correlationId: currentContext().correlationId,
    actor: actorOf(actor),
    payload: { productId: product.id, from, to: product.status, sellable: isSellable(product.status), reason },
  });
}

/** `sku.price_changed` for one SKU whose price moved; keyed by product so it stays ordered with it. */
export function skuPriceChanged(product: ProductEntity, sku: SkuEntity, oldPriceMinor: string): EventEnvelope<SkuPriceChangedV1> {
  return createEvent<SkuPriceChangedV1>({
    type: 'sku.price_changed',
    source: 'catalog',
    sellerId: product.sellerId,
    aggregateType: 'Product',
    aggregateId: product.id,
    aggregateVersion: product.version,
    correlationId: currentContext().correlationId,
    actor: actorOf('SELLER_STAFF'),
    payload: {
      productId: product.id,
      skuId: sku.id,
      oldPrice: { amountMinor: oldPriceMinor, currencyCode: sku.currencyCode.trim() },
      newPrice: { amountMinor: sku.priceMinor, currencyCode: sku.currencyCode.trim() },
    },
  });
}
