import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { NextAction, Order, OrderLine } from './order.model';
import { nextActionOf } from './next-action';
import { Package } from '../fulfilment/package.model';
import { PackageLineEntity } from '../fulfilment/package.entity';
import { toPackage } from '../fulfilment/package.mapper';
import { CancellationRequest } from '../cancellation/cancellation-request.model';
import { toCancellationRequest } from '../cancellation/cancellation-request.mapper';
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

  @ResolveField(() => NextAction, { nullable: true })
  async nextAction(@Parent() order: Order): Promise<NextAction | null> {
    const open = order.openCancellationId
      ? (await this.loaders.cancellationsByOrderId().load(order.id)).find((c) => c.id === order.openCancellationId)
      : undefined;
    return nextActionOf(order, open?.respondBy ?? null);
  }

  @ResolveField(() => [Package])
  async packages(@Parent() order: Order): Promise<Package[]> {
    const packages = await this.loaders.packagesByOrderId().load(order.id);
    const lines = await this.loaders.packageLinesByPackageId().loadMany(packages.map((p) => p.id));
    return packages.map((p, i) => toPackage(p, lines[i] as PackageLineEntity[]));
  }

  @ResolveField(() => [CancellationRequest])
  async cancellationRequests(@Parent() order: Order): Promise<CancellationRequest[]> {
    return (await this.loaders.cancellationsByOrderId().load(order.id)).map(toCancellationRequest);
  }

  @ResolveReference()
  async resolveReference(reference: { __typename: 'Order'; id: string }): Promise<Order | null> {
    const entity = await this.loaders.orderById().load(reference.id);
    return entity ? toOrder(entity) : null;
  }
}
