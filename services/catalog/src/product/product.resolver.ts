import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { staffSellerId } from '@sc/auth';
import { Product } from './product.model';
import { Sku } from './sku.model';
import { ProductService } from './product.service';
import { ProductLifecycleService } from './product-lifecycle.service';
import { ProductLoaders } from './product.loaders';
import { CreateProductInput } from './create-product.input';
import { BulkProductsInput, EditProductInput, ProductCommandInput, UpdateSkuPricesInput } from './lifecycle.inputs';
import { BulkProductResult } from './bulk-result.model';
import { ProductRevision } from './product-content.model';
import { toProduct, toProductRevision, toSku } from './product.mapper';

@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly lifecycle: ProductLifecycleService,
    private readonly loaders: ProductLoaders,
  ) {}

  @Query(() => Product, { nullable: true })
  async product(@Args('id', { type: () => ID }) id: string): Promise<Product | null> {
    const entity = await this.loaders.productById().load(id);
    return entity ? toProduct(entity) : null;
  }

  @Mutation(() => Product, { description: 'Creates a product as a DRAFT, or with saveMode LISTING submits it for review.' })
  async createProduct(@Args('input') input: CreateProductInput): Promise<Product> {
    return toProduct(await this.productService.create(staffSellerId('PRODUCTS:EDIT'), input));
  }

  @Mutation(() => Product, { description: 'Edits content; on a live product the edit becomes a revision in review while the live version keeps selling.' })
  async editProduct(@Args('input') input: EditProductInput): Promise<Product> {
    return toProduct(await this.lifecycle.edit(input));
  }

  @Mutation(() => Product, { description: 'New SKU prices; prices skip review.' })
  async updateSkuPrices(@Args('input') input: UpdateSkuPricesInput): Promise<Product> {
    return toProduct(await this.lifecycle.updatePrices(input));
  }

  @Mutation(() => Product, { description: 'Sends a draft, failed or platform-deactivated product to review.' })
  async submitProductForReview(@Args('input') input: ProductCommandInput): Promise<Product> {
    return toProduct(await this.lifecycle.submit(input));
  }

  @Mutation(() => [BulkProductResult], { description: 'SELLER_DEACTIVATED → ACTIVATE, per product.' })
  activateProducts(@Args('input') input: BulkProductsInput): Promise<BulkProductResult[]> {
    return this.lifecycle.activate(input);
  }

  @Mutation(() => [BulkProductResult], { description: 'ACTIVATE → SELLER_DEACTIVATED, per product.' })
  deactivateProducts(@Args('input') input: BulkProductsInput): Promise<BulkProductResult[]> {
    return this.lifecycle.deactivate(input);
  }

  @Mutation(() => [BulkProductResult], {
    description:
      'Moves drafts, failed, active and inactive products to DELETED, per product; a product whose units are reserved or committed to open orders is refused with PRODUCT_HAS_OPEN_ORDERS.',
  })
  deleteProducts(@Args('input') input: BulkProductsInput): Promise<BulkProductResult[]> {
    return this.lifecycle.delete(input);
  }

  @Mutation(() => [BulkProductResult], { description: 'DELETED → SELLER_DEACTIVATED, per product.' })
  recoverProducts(@Args('input') input: BulkProductsInput): Promise<BulkProductResult[]> {
    return this.lifecycle.recover(input);
  }

  @ResolveField(() => [Sku])
  async skus(@Parent() product: Product): Promise<Sku[]> {
    return (await this.loaders.skusByProductId().load(product.id)).map(toSku);
  }

  @ResolveField(() => ProductRevision, {
    nullable: true,
    description: 'The latest content revision (in review, approved or rejected); sellers and the platform only.',
  })
  async latestRevision(@Parent() product: Product): Promise<ProductRevision | null> {
    const revision = await this.loaders.latestRevisionByProductId().load(product.id);
    return revision ? toProductRevision(revision) : null;
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Product'; id: string }): Promise<Product | null> {
    const entity = await this.loaders.productById().load(reference.id);
    return entity ? toProduct(entity) : null;
  }
}
