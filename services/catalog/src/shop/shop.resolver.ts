import { Args, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { activeStaffSellerId, currentContext, currentSellerId } from '@sc/auth';
import { Shop } from './shop.model';
import { ShopService } from './shop.service';
import { ShopLoaders } from './shop.loaders';
import { RegisterShopInput } from './register-shop.input';
import { toShop } from './shop.mapper';

@Resolver(() => Shop)
export class ShopResolver {
  constructor(
    private readonly shopService: ShopService,
    private readonly loaders: ShopLoaders,
  ) {}

  @Query(() => Shop, { nullable: true, description: "The calling seller's shop; null until it is registered." })
  async shop(): Promise<Shop | null> {
    const entity = await this.loaders.shopById().load(activeStaffSellerId());
    return entity ? toShop(entity) : null;
  }

  @Mutation(() => Shop, { description: "Registers the calling seller's shop (idempotent); the caller becomes its owner." })
  async registerShop(@Args('input') input: RegisterShopInput): Promise<Shop> {
    return toShop(await this.shopService.register(currentSellerId(), currentContext().identity.userId, input));
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Shop'; id: string }): Promise<Shop | null> {
    const entity = await this.loaders.shopById().load(reference.id);
    return entity ? toShop(entity) : null;
  }
}
