import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { ProductRepository } from './product.repository';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { productReadScope } from './read-scope';
import { ProductRevisionEntity } from '../review/product-revision.entity';

/** Per-request batch loaders: N products or SKUs in one request cost one SQL statement each. */
@Injectable()
export class ProductLoaders {
  constructor(private readonly products: ProductRepository) {}

  productById() {
    return batchLoader<string, ProductEntity>(
      'catalog.productById',
      (ids) => this.products.findProductsByIds(productReadScope(), ids),
      (p) => p.id,
    );
  }

  skuById() {
    return batchLoader<string, SkuEntity>('catalog.skuById', (ids) => this.products.findSkusByIds(productReadScope(), ids), (s) => s.id);
  }

  latestRevisionByProductId() {
    return batchLoader<string, ProductRevisionEntity>(
      'catalog.latestRevisionByProductId',
      (ids) => this.products.findLatestRevisions(productReadScope(), ids),
      (r) => r.productId,
    );
  }

  skusByProductId() {
    return groupLoader<string, SkuEntity>('catalog.skusByProductId', (ids) => this.products.findSkusByProductIds(ids), (s) => s.productId);
  }
}
