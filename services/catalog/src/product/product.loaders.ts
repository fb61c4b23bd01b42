import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader } from '@sc/graphql';
import { ProductRepository } from './product.repository';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { SkuWithStock } from './sku-stock.select';
import { productReadScope } from './read-scope';
import { ProductRevisionEntity } from '../review/product-revision.entity';
import { InventoryLoaders } from '../inventory/inventory.loaders';
import { StockQueries } from '../inventory/stock-queries';

/** Per-request batch loaders: N products or SKUs in one request cost one SQL statement each. */
@Injectable()
export class ProductLoaders {
  constructor(
    private readonly products: ProductRepository,
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly stock: StockQueries,
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
      async (ids) => this.primeStock(await this.products.findSkusByIds(productReadScope(), ids)),
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
      async (ids) => this.primeStock(await this.products.findSkusByProductIds(ids)),
      (s) => s.productId,
    );
  }

  /**
   * The SKU query already read each SKU's stock: hand it to the stock loaders so availableQuantity,
   * outOfStock and outOfStockThreshold cost no statement of their own (an order page's SKUs in one).
   * The SKUs are in the caller's read scope, which is what those loaders would have filtered by.
   */
  private primeStock(rows: SkuWithStock[]): SkuEntity[] {
    const available = this.inventoryLoaders.availableBySkuId();
    const status = this.stock.statusBySkuId();
    for (const row of rows) {
      available.prime(row.sku.id, { skuId: row.sku.id, available: row.available });
      status.prime(row.sku.id, row.status);
    }
    return rows.map((row) => row.sku);
  }
}
