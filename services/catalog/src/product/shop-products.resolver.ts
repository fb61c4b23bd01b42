import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from '../shop/shop.model';
import { ProductConnection } from './product.model';
import { ProductBucketCounts, ProductFilter } from './product-bucket';
import { ProductStatus } from './product-status';
import { ProductQueries } from './product.queries';

/** Product fields on Shop: the seller's product list and its tab counts (the Shop type itself belongs to the shop module). */
@Resolver(() => Shop)
export class ShopProductsResolver {
  constructor(private readonly productQueries: ProductQueries) {}

  @ResolveField(() => ProductConnection, { nullable: true, description: "The shop's products, newest first." })
  products(
    @Parent() shop: Shop,
    @Args() page: PageArgs,
    @Args('status', { type: () => ProductStatus, nullable: true }) status?: ProductStatus,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter?: ProductFilter,
  ) {
    return this.productQueries.listForShop(ownShopId(shop.id, 'PRODUCTS:VIEW', 'its products'), page, filter ?? {}, status ?? null);
  }

  @ResolveField(() => ProductBucketCounts, {
    nullable: true,
    description: 'Products per seller-center tab (a live product with a revision in review counts in both Active and In review).',
  })
  productBucketCounts(@Parent() shop: Shop) {
    return this.productQueries.bucketCounts(ownShopId(shop.id, 'PRODUCTS:VIEW', 'its products'));
  }
}
