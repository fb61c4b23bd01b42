import { Inject, Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { ProductRepository } from './product.repository';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { SKU_STOCK_READS, SkuRow, SkuStockReads } from './sku-stock.ports';
import { productReadScope } from './read-scope';
import { ProductRevisionEntity } from './product-revision.entity';

/** Per-request batch loaders: N products or SKUs in one request cost one SQL statement each. */
@Injectable()
export class ProductLoaders {
  constructor(
    private readonly products: ProductRepository,
    @Inject(SKU_STOCK_READS) private readonly stock: SkuStockReads,
  ) {}

  productById() {
    return batchLoader<string, ProductEntity>(
      'catalog.productById',
      (ids) => this.products.findProductsByIds(productReadScope(), ids),
      (p) => p.id,
    );
  }

  skuById() {
    return batchLoader<string, SkuEntity>(
      'catalog.skuById',
      async (ids) => this.primeStock(await this.products.findSkusByIds(productReadScope(), ids, this.stock)),
      (s) => s.id,
    );
  }

  latestRevisionByProductId() {
    return batchLoader<string, ProductRevisionEntity>(
      'catalog.latestRevisionByProductId',
      (ids) => this.products.findLatestRevisions(productReadScope(), ids),
      (r) => r.productId,
    );
  }

  skusByProductId() {
    return groupLoader<string, SkuEntity>(
      'catalog.skusByProductId',
      async (ids) => this.primeStock(await this.products.findSkusByProductIds(ids, this.stock)),
      (s) => s.productId,
    );
  }

  /**
   * The SKU query already read each SKU's stock: hand it to the stock loaders so availableQuantity,
   * outOfStock and outOfStockThreshold cost no statement of their own (an order page's SKUs in one).
   * The SKUs are in the caller's read scope, which is what those loaders would have filtered by.
   */
  private primeStock(rows: SkuRow[]): SkuEntity[] {
    this.stock.primeStock(rows);
    return rows.map((row) => row.sku);
  }
}
