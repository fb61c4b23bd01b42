import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Order, OrderLine } from './order.model';
import { OrderLoaders } from './order.loaders';
import { PlaceOrderService } from './place-order.service';
import { PlaceOrderInput } from './place-order.input';
import { toOrder, toOrderLine } from './order.mapper';

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly loaders: OrderLoaders,
    private readonly placeOrderService: PlaceOrderService,
  ) {}

  @Query(() => Order, { nullable: true, description: "An order of the caller's shop, or the calling buyer's own order." })
  async order(@Args('id', { type: () => ID }) id: string): Promise<Order | null> {
    const entity = await this.loaders.orderById().load(id);
    return entity ? toOrder(entity) : null;
  }

  @Mutation(() => Order, { description: 'Buyer checkout. The order starts PENDING until catalog confirms the stock.' })
  async placeOrder(@Args('input') input: PlaceOrderInput): Promise<Order> {
    return toOrder(await this.placeOrderService.place(input));
  }

  @ResolveField(() => [OrderLine])
  async lines(@Parent() order: Order): Promise<OrderLine[]> {
    return (await this.loaders.linesByOrderId().load(order.id)).map((l) => toOrderLine(l, order.total.currencyCode));
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Order'; id: string }): Promise<Order | null> {
    const entity = await this.loaders.orderById().load(reference.id);
    return entity ? toOrder(entity) : null;
  }
}
