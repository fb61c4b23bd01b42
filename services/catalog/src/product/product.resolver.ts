import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { currentSellerId } from '@sc/auth';
import { Product } from './product.model';
import { Sku } from './sku.model';
import { ProductService } from './product.service';
import { ProductLoaders } from './product.loaders';
import { CreateProductInput } from './create-product.input';
import { toProduct, toSku } from './product.mapper';

@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly loaders: ProductLoaders,
  ) {}

  @Query(() => Product, { nullable: true })
  async product(@Args('id', { type: () => ID }) id: string): Promise<Product | null> {
    const entity = await this.loaders.productById().load(id);
    return entity ? toProduct(entity) : null;
  }

  @Mutation(() => Product)
  async createProduct(@Args('input') input: CreateProductInput): Promise<Product> {
    return toProduct(await this.productService.create(currentSellerId(), input));
  }

  @ResolveField(() => [Sku])
  async skus(@Parent() product: Product): Promise<Sku[]> {
    return (await this.loaders.skusByProductId().load(product.id)).map(toSku);
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Product'; id: string }): Promise<Product | null> {
    const entity = await this.loaders.productById().load(reference.id);
    return entity ? toProduct(entity) : null;
  }
}
