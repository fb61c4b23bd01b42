import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from './product.model';
import { Sku } from './sku.model';
import { ProductLoaders } from './product.loaders';
import { toProduct, toSku } from './product.mapper';

@Resolver(() => Sku)
export class SkuResolver {
  constructor(private readonly loaders: ProductLoaders) {}

  @ResolveField(() => Product)
  async product(@Parent() sku: Sku): Promise<Product | null> {
    const entity = await this.loaders.productById().load(sku.productId);
    return entity ? toProduct(entity) : null;
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Sku'; id: string }): Promise<Sku | null> {
    const entity = await this.loaders.skuById().load(reference.id);
    return entity ? toSku(entity) : null;
  }
}
