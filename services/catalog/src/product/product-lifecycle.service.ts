import { Injectable } from '@nestjs/common';
import { staffSellerId } from '@sc/auth';
import { FieldProblem, NotFoundError, assertValid, checkIdempotencyKey } from '@sc/graphql';
import { ProductEntity } from './product.entity';
import { SkuEntity } from './sku.entity';
import { ProductStatus } from './product-status';
import { CommandCaller, ProductChange, ProductCommandRunner } from './product-command.runner';
import { BulkProductsInput, EditProductInput, ProductCommandInput, UpdateSkuPricesInput } from './lifecycle.inputs';
import { checkProductId, validateBulk, validateEditProduct, validateUpdateSkuPrices } from './edit-product.validation';
import { nextProductStatus } from './product.state-machine';
import { skuPriceChanged } from './product.events';
import { BulkProductResult } from './bulk-result.model';
import { assertNoOpenOrders } from './open-orders.guard';
import { checkListing, ListingContent } from './listing-check';
import { changedFields, dropPendingRevision, liveContent, lockPendingRevision, savePendingRevision } from './product-revisions';
import { RevisionContent } from './product-revision.entity';
import { ShopRepository } from '../shop/shop.repository';

const seller = (): CommandCaller => {
  const sellerId = staffSellerId('PRODUCTS:EDIT');
  return { scope: sellerId, sellerId, actor: 'SELLER_STAFF' };
};

/** VALIDATION_FAILED with what review would refuse, so a seller fixes it before submitting. */
export function assertListable(content: ListingContent): void {
  assertValid(checkListing(content).map((p): FieldProblem => ({ field: p.field, message: `${p.message} (${p.code})` })));
}

/** Seller actions on the product lifecycle: edit, price updates, submit, and the bulk status actions. */
@Injectable()
export class ProductLifecycleService {
  constructor(
    private readonly runner: ProductCommandRunner,
    private readonly shops: ShopRepository,
  ) {}

  /**
   * Edits content. Drafts, failed and platform-deactivated products change in place (a submit follows);
   * a live product keeps its content and sells on while the edit waits for review as a revision.
   */
  edit(input: EditProductInput): Promise<ProductEntity> {
    const caller = seller();
    assertValid(validateEditProduct(input));
    return this.runner.run(caller, {
      operation: 'editProduct',
      input,
      productId: input.productId,
      run: async (tx, product) => {
        const live = product.status === ProductStatus.ACTIVATE || product.status === ProductStatus.SELLER_DEACTIVATED;
        if (!live) {
          await this.runner.transition(tx, product, 'edit', merge(liveContent(product), input));
          return;
        }
        nextProductStatus(product.status, 'editLive', 'SELLER_STAFF');
        const pending = await lockPendingRevision(tx.manager, product.id);
        const proposed = merge(pending?.content ?? liveContent(product), input);
        const fields = changedFields(liveContent(product), proposed);
        if (fields.length === 0 && !pending) return;
        assertListable(proposed);
        await savePendingRevision(tx, product, pending, proposed, fields);
        await this.runner.transition(tx, product, 'editLive', { hasPendingRevision: true });
      },
    });
  }

  /** New prices (and list prices) for SKUs of one product; prices skip review and publish sku.price_changed. */
  async updatePrices(input: UpdateSkuPricesInput): Promise<ProductEntity> {
    const caller = seller();
    const shop = await this.shops.findById(caller.scope);
    if (!shop) throw new NotFoundError('Shop', caller.scope);
    const { problems, prices } = validateUpdateSkuPrices(input, shop.currencyCode.trim());
    assertValid(problems);
    return this.runner.run(caller, {
      operation: 'updateSkuPrices',
      input,
      productId: input.productId,
      run: async (tx, product) => {
        const skus = await tx.manager.getRepository(SkuEntity).findBy(prices.map((p) => ({ id: p.skuId, productId: product.id })));
        const missing = prices.find((p) => !skus.some((s) => s.id === p.skuId));
        if (missing) throw new NotFoundError('Sku', missing.skuId);
        await this.runner.transition(tx, product, 'updatePrices');
        const events = [];
        for (const price of prices) {
          const sku = skus.find((s) => s.id === price.skuId)!;
          const oldPriceMinor = sku.priceMinor;
          sku.priceMinor = price.priceMinor.toString();
          sku.listPriceMinor = price.listPriceMinor === null ? null : price.listPriceMinor.toString();
          await tx.manager.update(SkuEntity, { id: sku.id }, { priceMinor: sku.priceMinor, listPriceMinor: sku.listPriceMinor });
          if (oldPriceMinor !== sku.priceMinor) events.push(skuPriceChanged(product, sku, oldPriceMinor, tx.cause));
        }
        if (events.length > 0) await tx.emit('catalog.product.v1', events);
      },
    });
  }

  /** Sends a draft, failed or platform-deactivated product to review once the listing check passes. */
  submit(input: ProductCommandInput): Promise<ProductEntity> {
    const caller = seller();
    assertValid([...checkProductId('productId', input.productId), ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)]);
    return this.runner.run(caller, {
      operation: 'submitProductForReview',
      input,
      productId: input.productId,
      run: async (tx, product) => {
        nextProductStatus(product.status, 'submit', 'SELLER_STAFF');
        assertListable(liveContent(product));
        await this.runner.transition(tx, product, 'submit', { statusReason: null });
      },
    });
  }

  activate = (input: BulkProductsInput) => this.bulk('activateProducts', input, (tx, p) => this.runner.transition(tx, p, 'activate'));

  deactivate = (input: BulkProductsInput) => this.bulk('deactivateProducts', input, (tx, p) => this.runner.transition(tx, p, 'deactivate'));

  /**
   * Deleting is refused while orders still hold units of the product (PRODUCT_HAS_OPEN_ORDERS), and ends
   * any revision in review: a deleted product has nothing to publish.
   */
  delete = (input: BulkProductsInput) =>
    this.bulk('deleteProducts', input, async (tx, p) => {
      nextProductStatus(p.status, 'delete', 'SELLER_STAFF');
      await assertNoOpenOrders(tx.manager, p);
      await this.runner.transition(tx, p, 'delete', { hasPendingRevision: false });
      await dropPendingRevision(tx, p, 'The product was deleted');
    });

  recover = (input: BulkProductsInput) => this.bulk('recoverProducts', input, (tx, p) => this.runner.transition(tx, p, 'recover'));

  private bulk(operation: string, input: BulkProductsInput, run: ProductChange): Promise<BulkProductResult[]> {
    const caller = seller();
    assertValid(validateBulk(input.productIds, input.idempotencyKey));
    return this.runner.runBulk(caller, operation, input, run);
  }
}

function merge(base: RevisionContent, input: EditProductInput): RevisionContent {
  return {
    title: input.title?.trim() ?? base.title,
    description: input.description?.trim() ?? base.description,
    categoryId: input.categoryId?.trim() ?? base.categoryId,
    images: input.images ?? base.images,
    attributes: input.attributes?.map((a) => ({ name: a.name.trim(), value: a.value.trim() })) ?? base.attributes,
  };
}
