import { toMoney } from '@sc/graphql';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { Product } from './product.model';
import { Sku } from './sku.model';

export const toProduct = (p: ProductEntity): Product => ({
  id: p.id,
  title: p.title,
  description: p.description,
  status: p.status,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const toSku = (s: SkuEntity): Sku => ({
  id: s.id,
  productId: s.productId,
  sellerSku: s.sellerSku,
  salesAttributes: s.salesAttributes,
  price: toMoney(s.priceMinor, s.currencyCode.trim()),
});
