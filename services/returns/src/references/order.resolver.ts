import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Order } from '../return-request/order.model';
import { ReturnRequest } from '../return-request/return-request.model';
import { ReturnRequestLoaders } from '../return-request/return-request.loaders';
import { toReturnRequest } from '../return-request/return-request.mapper';

/** The return fields of orders' Order. */
@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly loaders: ReturnRequestLoaders) {}

  @ResolveField(() => [ReturnRequest], {
    nullable: true,
    description: "Return requests of the order, oldest first: the shop's staff see all, the buyer their own.",
  })
  async returns(@Parent() order: Order): Promise<ReturnRequest[]> {
    return (await this.loaders.requestsByOrderId().load(order.id)).map(toReturnRequest);
  }

  @ResolveReference()
  resolveReference(reference: { __typename: 'Order'; id: string }): Order {
    return { id: reference.id };
  }
}
