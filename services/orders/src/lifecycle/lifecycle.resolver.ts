import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Order } from '../order/order.model';
import { OrderEntity } from '../order/order.entity';
import { toOrder } from '../order/order.mapper';
import { PayOrderService } from '../order/lifecycle/pay-order.service';
import {
  BuyerCancelOrderInput,
  CancelOrderLinesInput,
  CancellationDecisionInput,
  CreatePackageInput,
  OrderCommandInput,
  PackageCommandInput,
  RejectCancellationInput,
  RequestLineCancellationInput,
  SellerCancelOrderInput,
  ShipPackageInput,
} from '../order/lifecycle/lifecycle.inputs';
import { CancellationService } from '../cancellation/cancellation.service';
import { CancelLinesService } from '../cancellation/cancel-lines.service';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { Package } from '../fulfilment/package.model';
import { PackageEntity, PackageLineEntity } from '../fulfilment/package.entity';
import { toPackage } from '../fulfilment/package.mapper';

/** Every order-lifecycle mutation; each is one row of the order transition table. */
@Resolver(() => Order)
export class LifecycleResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pay: PayOrderService,
    private readonly cancellations: CancellationService,
    private readonly lineCancellations: CancelLinesService,
    private readonly fulfilment: FulfilmentService,
  ) {}

  @Mutation(() => Order, { description: 'Buyer pays (simulated): UNPAID → ON_HOLD; the remorse window starts.' })
  async payOrder(@Args('input') input: OrderCommandInput): Promise<Order> {
    return this.order(await this.pay.pay(input));
  }

  @Mutation(() => Order, { description: 'Buyer cancels without approval: while UNPAID or during the remorse window (ON_HOLD).' })
  async cancelOrder(@Args('input') input: BuyerCancelOrderInput): Promise<Order> {
    return this.order(await this.cancellations.buyerCancel(input));
  }

  @Mutation(() => Order, { description: 'Buyer asks to cancel an order awaiting shipment; auto-approved if the seller does not answer in 24 h.' })
  async requestCancellation(@Args('input') input: BuyerCancelOrderInput): Promise<Order> {
    return this.order(await this.cancellations.request(input));
  }

  @Mutation(() => Order, {
    description:
      'Buyer asks to cancel some units of an order awaiting shipment; the seller answers like any request (auto-approved after 24 h). Until then those units cannot be packed and the order cannot ship.',
  })
  async requestLineCancellation(@Args('input') input: RequestLineCancellationInput): Promise<Order> {
    return this.order(await this.cancellations.requestLines(input));
  }

  @Mutation(() => Order, { description: "Seller approves the buyer's cancellation request." })
  async approveCancellation(@Args('input') input: CancellationDecisionInput): Promise<Order> {
    return this.order(await this.cancellations.approve(input));
  }

  @Mutation(() => Order, { description: "Seller rejects the buyer's cancellation request." })
  async rejectCancellation(@Args('input') input: RejectCancellationInput): Promise<Order> {
    return this.order(await this.cancellations.reject(input));
  }

  @Mutation(() => Order, { description: 'Seller cancels the whole order (seller-fault).' })
  async sellerCancelOrder(@Args('input') input: SellerCancelOrderInput): Promise<Order> {
    return this.order(await this.cancellations.sellerCancel(input));
  }

  @Mutation(() => Order, { description: 'Seller cancels some unpacked units (seller-fault); the rest of the order stays alive.' })
  async cancelOrderLines(@Args('input') input: CancelOrderLinesInput): Promise<Order> {
    return this.order(await this.lineCancellations.cancelLines(input));
  }

  @Mutation(() => Package, { description: 'Seller packs units of an order awaiting shipment into a package.' })
  async createPackage(@Args('input') input: CreatePackageInput): Promise<Package> {
    return this.package(await this.fulfilment.createPackage(input));
  }

  @Mutation(() => Package, { description: 'Seller ships a package with a carrier and tracking number.' })
  async shipPackage(@Args('input') input: ShipPackageInput): Promise<Package> {
    return this.package(await this.fulfilment.ship(input));
  }

  @Mutation(() => Package, { description: "Carrier's first scan (CARRIER role)." })
  async markPackageInTransit(@Args('input') input: PackageCommandInput): Promise<Package> {
    return this.package(await this.fulfilment.markInTransit(input));
  }

  @Mutation(() => Package, { description: 'Carrier delivered the package (CARRIER role).' })
  async markPackageDelivered(@Args('input') input: PackageCommandInput): Promise<Package> {
    return this.package(await this.fulfilment.markDelivered(input));
  }

  // The caller was just allowed to change this order, so reading it back needs no further scoping.
  private async order(id: string): Promise<Order> {
    return toOrder(await this.dataSource.getRepository(OrderEntity).findOneByOrFail({ id }));
  }

  private async package(id: string): Promise<Package> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneByOrFail({ id });
    return toPackage(pkg, await this.dataSource.getRepository(PackageLineEntity).findBy({ packageId: id }));
  }
}
