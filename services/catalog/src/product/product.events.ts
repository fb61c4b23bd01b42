import { EventEnvelope, ProductCreatedV1, createEvent } from '@sc/events';
import { currentContext } from '@sc/auth';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';

/** `product.created` for a new product and its SKUs. */
export function productCreated(product: ProductEntity, skus: SkuEntity[]): EventEnvelope<ProductCreatedV1> {
  const { identity, correlationId } = currentContext();
  return createEvent<ProductCreatedV1>({
    type: 'product.created',
    source: 'catalog',
    sellerId: product.sellerId,
    aggregateType: 'Product',
    aggregateId: product.id,
    aggregateVersion: product.version,
    correlationId,
    actor: { type: 'SELLER_STAFF', id: identity.userId },
    payload: {
      productId: product.id,
      title: product.title,
      status: product.status,
      skus: skus.map((s) => ({ skuId: s.id, sellerSku: s.sellerSku, price: { amountMinor: s.priceMinor, currencyCode: s.currencyCode } })),
    },
  });
}
