import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, newId } from '@sc/db';
import { NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner } from '@sc/kit';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { CreateProductInput } from './create-product.input';
import { validateCreateProduct } from './create-product.validation';
import { productCreated } from './product.events';
import { nextProductStatus } from './product.state-machine';
import { SaveMode } from './product-content.model';
import { assertListable } from './product-lifecycle.service';
import { SKU_STOCK_WRITER, SkuStockWriter } from './sku-stock.ports';
import { ShopRepository } from '../shop/shop.repository';

@Injectable()
export class ProductService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: CommandRunner,
    private readonly shops: ShopRepository,
    @Inject(SKU_STOCK_WRITER) private readonly stock: SkuStockWriter,
  ) {}

  /**
   * Creates a product with its SKUs and their opening stock in the default warehouse (written by the
   * inventory module through {@link SkuStockWriter}), and records `product.created`, all in one
   * transaction: a DRAFT, or with saveMode LISTING a product in review (PENDING) once the listing check
   * passes. Nothing is sellable before the platform approves it.
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

    const productId = await this.runner
      .run({ operation: 'createProduct', actor: 'SELLER_STAFF', permission: 'PRODUCTS:EDIT', input, scope: sellerId }, async (tx) => {
        const { manager, now } = tx;
        const product = manager.create(ProductEntity, {
          id: newId('prd'),
          sellerId,
          ...content,
          status,
          createdAt: now,
          updatedAt: now,
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
            createdAt: now,
          }),
        );
        await manager.insert(SkuEntity, skuEntities);
        await this.stock.openStock(
          tx,
          sellerId,
          product.id,
          skuEntities.map((sku, i) => ({ skuId: sku.id, initialStock: skus[i].initialStock })),
        );
        await tx.emit('catalog.product.v1', [productCreated({ ...product, version: 1 }, skuEntities, tx.cause)]);
        return product.id;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'skus_seller_sku_uq')) {
          throw new ValidationFailedError([{ field: 'skus', message: 'a seller SKU code is already used in this shop' }]);
        }
        throw error;
      });
    return this.dataSource.getRepository(ProductEntity).findOneByOrFail({ id: productId, sellerId });
  }
}
