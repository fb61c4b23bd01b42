import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, newId, requestHash, runIdempotent } from '@sc/db';
import { IdempotencyConflictError, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { appendToOutbox } from '@sc/messaging';
import { currentContext } from '@sc/auth';
import { MessagingHost } from '@sc/service';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { CreateProductInput } from './create-product.input';
import { validateCreateProduct } from './create-product.validation';
import { productCreated } from './product.events';
import { nextProductStatus } from './product.state-machine';
import { SaveMode } from './product-content.model';
import { assertListable } from './product-lifecycle.service';
import { ShopRepository } from '../shop/shop.repository';
import { InventoryLevelEntity } from '../inventory/inventory-level.entity';
import { WarehouseEntity } from '../inventory/warehouse.entity';
import { StockMovementEntity } from '../inventory/stock-movement.entity';
import { StockStatusService } from '../inventory/stock-status.service';

@Injectable()
export class ProductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shops: ShopRepository,
    private readonly messaging: MessagingHost,
    private readonly stockStatus: StockStatusService,
  ) {}

  /**
   * Creates a product with its SKUs and their opening stock in the default warehouse, and records
   * `product.created`, all in one transaction: a DRAFT, or with saveMode LISTING a product in review
   * (PENDING) once the listing check passes. Nothing is sellable before the platform approves it.
   */
  async create(sellerId: string, input: CreateProductInput): Promise<ProductEntity> {
    const shop = await this.shops.findById(sellerId);
    if (!shop) throw new NotFoundError('Shop', sellerId);
    const { problems, skus } = validateCreateProduct(input, shop.currencyCode.trim());
    assertValid(problems);
    const content = {
      title: input.title.trim(),
      description: input.description.trim(),
      categoryId: input.categoryId?.trim() || null,
      images: input.images,
      attributes: input.attributes.map((a) => ({ name: a.name.trim(), value: a.value.trim() })),
    };
    const listing = input.saveMode === SaveMode.LISTING;
    if (listing) assertListable(content);
    const status = nextProductStatus('NEW', listing ? 'createListing' : 'createDraft', 'SELLER_STAFF');

    const productId = await this.dataSource
      .transaction(async (manager) => {
        const outcome = await runIdempotent(
          manager,
          { scope: sellerId, operation: 'createProduct', key: input.idempotencyKey, requestHash: requestHash(input) },
          async () => {
            const warehouse = await manager.findOneByOrFail(WarehouseEntity, { sellerId, isDefault: true });
            const product = manager.create(ProductEntity, {
              id: newId('prd'),
              sellerId,
              ...content,
              status,
            });
            await manager.insert(ProductEntity, product);
            const skuEntities = skus.map((s, position) =>
              manager.create(SkuEntity, {
                id: newId('sku'),
                sellerId,
                productId: product.id,
                sellerSku: s.sellerSku,
                salesAttributes: s.salesAttributes,
                priceMinor: s.priceMinor.toString(),
                listPriceMinor: s.listPriceMinor === null ? null : s.listPriceMinor.toString(),
                currencyCode: s.currencyCode,
                position,
              }),
            );
            await manager.insert(SkuEntity, skuEntities);
            await manager.insert(
              InventoryLevelEntity,
              skuEntities.map((sku, i) => ({ sellerId, skuId: sku.id, warehouseId: warehouse.id, onHand: skus[i].initialStock, reserved: 0 })),
            );
            await manager.insert(
              StockMovementEntity,
              skuEntities.map((sku, i) => ({
                sellerId, skuId: sku.id, warehouseId: warehouse.id, movementType: 'RECEIPT' as const,
                quantity: skus[i].initialStock, onHandDelta: skus[i].initialStock, sourceType: 'PRODUCT_CREATED', sourceId: product.id,
              })),
            );
            // A SKU opened with no stock is out of stock from its first moment; shop lists and counters must say so.
            await this.stockStatus.refresh(manager, { sellerId, correlationId: currentContext().correlationId }, skuEntities.map((sku) => sku.id));
            await appendToOutbox(manager, 'catalog.product.v1', [productCreated({ ...product, version: 1 }, skuEntities)]);
            return product.id;
          },
        );
        if (outcome.kind === 'conflict') throw new IdempotencyConflictError();
        return outcome.resultId;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'skus_seller_sku_uq')) {
          throw new ValidationFailedError([{ field: 'skus', message: 'a seller SKU code is already used in this shop' }]);
        }
        throw error;
      });
    this.messaging.nudge();
    return this.dataSource.getRepository(ProductEntity).findOneByOrFail({ id: productId, sellerId });
  }
}
