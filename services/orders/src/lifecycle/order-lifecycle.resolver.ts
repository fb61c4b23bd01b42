import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { NextAction, Order } from '../order/order.model';
import { nextActionOf } from '../order/next-action';
import { CancellationLoaders } from '../cancellation/cancellation.loaders';
import { CancellationRequest } from '../cancellation/cancellation-request.model';
import { toCancellationRequest } from '../cancellation/cancellation-request.mapper';
import { PackageLoaders } from '../fulfilment/package.loaders';
import { Package } from '../fulfilment/package.model';
import { PackageLineEntity } from '../fulfilment/package.entity';
import { toPackage } from '../fulfilment/package.mapper';

/** The Order fields that read the lifecycle's other records: the next action, packages and cancellation requests. */
@Resolver(() => Order)
export class OrderLifecycleResolver {
  constructor(
    private readonly cancellationLoaders: CancellationLoaders,
    private readonly packageLoaders: PackageLoaders,
  ) {}

  @ResolveField(() => NextAction, { nullable: true })
  async nextAction(@Parent() order: Order): Promise<NextAction | null> {
    const open = order.openCancellationId
      ? (await this.cancellationLoaders.cancellationsByOrderId().load(order.id)).find((c) => c.id === order.openCancellationId)
      : undefined;
    return nextActionOf(order, open?.respondBy ?? null);
  }

  @ResolveField(() => [Package])
  async packages(@Parent() order: Order): Promise<Package[]> {
    const packages = await this.packageLoaders.packagesByOrderId().load(order.id);
    const lines = await this.packageLoaders.packageLinesByPackageId().loadMany(packages.map((p) => p.id));
    return packages.map((p, i) => toPackage(p, lines[i] as PackageLineEntity[]));
  }

  @ResolveField(() => [CancellationRequest])
  async cancellationRequests(@Parent() order: Order): Promise<CancellationRequest[]> {
    return (await this.cancellationLoaders.cancellationsByOrderId().load(order.id)).map(toCancellationRequest);
  }
}
