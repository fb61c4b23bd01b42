import { Args, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { currentSellerId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from './shop.model';
import { ShopService } from './shop.service';
import { ShopLoaders } from './shop.loaders';
import { RegisterShopInput } from './register-shop.input';
import { toShop } from './shop.mapper';
import { ProductConnection } from '../product/product.model';
import { ProductBucketCounts, ProductFilter } from '../product/product-bucket';
import { ProductStatus } from '../product/product-status';
import { ProductQueries } from '../product/product.queries';

@Resolver(() => Shop)
export class ShopResolver {
  constructor(
    private readonly shopService: ShopService,
    private readonly loaders: ShopLoaders,
    private readonly productQueries: ProductQueries,
  ) {}

  @Query(() => Shop, { nullable: true, description: "The calling seller's shop; null until it is registered." })
  async shop(): Promise<Shop | null> {
    const entity = await this.loaders.shopById().load(currentSellerId());
    return entity ? toShop(entity) : null;
  }

  @Mutation(() => Shop, { description: "Registers the calling seller's shop (idempotent)." })
  async registerShop(@Args('input') input: RegisterShopInput): Promise<Shop> {
    return toShop(await this.shopService.register(currentSellerId(), input));
  }

  @ResolveField(() => ProductConnection, { description: "The shop's products, newest first." })
  products(
    @Parent() shop: Shop,
    @Args() page: PageArgs,
    @Args('status', { type: () => ProductStatus, nullable: true }) status?: ProductStatus,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter?: ProductFilter,
  ) {
    return this.productQueries.listForShop(shop.id, page, filter ?? {}, status ?? null);
  }

  @ResolveField(() => ProductBucketCounts, { description: 'Products per seller-center tab (a live product with a revision in review counts in both Active and In review).' })
  productBucketCounts(@Parent() shop: Shop) {
    return this.productQueries.bucketCounts(shop.id);
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Shop'; id: string }): Promise<Shop | null> {
    const entity = await this.loaders.shopById().load(reference.id);
    return entity ? toShop(entity) : null;
  }
}
