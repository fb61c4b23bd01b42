import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requireRole, staffSellerId } from '@sc/auth';
import { newId } from '@sc/db';
import { AppError, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner, lockForUpdate } from '@sc/kit';
import { applyTransition, lockLines, lockOrder } from '../order/lifecycle/order-transition';
import { CreatePackageInput, PackageCommandInput, ShipPackageInput } from '../order/lifecycle/lifecycle.inputs';
import { checkCommand, checkLineQuantities, checkShipment } from '../order/lifecycle/lifecycle.validation';
import { packageShipped } from '../order/order.events';
import { OrderLineEntity } from '../order/order-line.entity';
import { completesAt } from '../order/policy/deadlines';
import { policyOf } from '../order/policy/region-policy';
import { ORDER_TIMERS, OrderTimers, TimerKind } from '../order/order-timers';
import { PackageEntity, PackageLineEntity } from './package.entity';
import { PackageStatus, nextPackageStatus } from './package-status';
import { unitsHeldByRequest } from '../cancellation/line-request';

/** Packing and shipping (seller staff) and carrier scans; each one transition of the order's table. */
@Injectable()
export class FulfilmentService {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {}

  /** Packs units of unpacked lines into a new package. Returns the package id. */
  createPackage(input: CreatePackageInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid([...checkCommand(input, 'orderId', input.orderId, 'ord'), ...checkLineQuantities(input.lines)]);
    return this.runner.run({ operation: 'createPackage', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const { manager, now } = tx;
      const order = await lockOrder(manager, input.orderId, { sellerId });
      await applyTransition(tx, order, 'createPackage', 'SELLER_STAFF');
      const lines = new Map((await lockLines(manager, order.id)).map((l) => [l.id, l]));
      const held = await unitsHeldByRequest(manager, order);
      const problems = input.lines.flatMap((req, i) => {
        const line = lines.get(req.orderLineId);
        if (!line) throw new NotFoundError('OrderLine', req.orderLineId);
        const open = line.quantity - line.cancelledQuantity - line.packedQuantity - (held.get(line.id) ?? 0);
        return req.quantity > open
          ? [{ field: `lines[${i}].quantity`, message: `only ${open} units are left to pack (units the buyer asked to cancel wait for an answer)` }]
          : [];
      });
      if (problems.length) throw new ValidationFailedError(problems);
      const pkg = manager.create(PackageEntity, {
        id: newId('pkg'),
        orderId: order.id,
        sellerId,
        status: PackageStatus.CREATED,
        carrier: null,
        trackingNumber: null,
        shippedAt: null,
        inTransitAt: null,
        deliveredAt: null,
        createdAt: now,
      });
      await manager.insert(PackageEntity, pkg);
      await manager.insert(
        PackageLineEntity,
        input.lines.map((l) => ({ packageId: pkg.id, orderLineId: l.orderLineId, quantity: l.quantity })),
      );
      for (const l of input.lines) await manager.increment(OrderLineEntity, { id: l.orderLineId }, 'packedQuantity', l.quantity);
      return pkg.id;
    });
  }

  /** Hands a package to a carrier with its tracking number; the last one moves the order to AWAITING_COLLECTION. */
  ship(input: ShipPackageInput): Promise<string> {
    const sellerId = staffSellerId('ORDERS:EDIT');
    assertValid([...checkCommand(input, 'packageId', input.packageId, 'pkg'), ...checkShipment(input.carrier, input.trackingNumber)]);
    return this.runner.run({ operation: 'shipPackage', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input }, async (tx) => {
      const { manager, now } = tx;
      const pkg = await this.lockPackage(manager, input.packageId, sellerId);
      const order = await lockOrder(manager, pkg.orderId, { sellerId });
      const status = nextPackageStatus(pkg.status, 'ship', 'SELLER_STAFF');
      // Shipping would leave the request unanswerable (approval needs the order awaiting shipment).
      if (order.openCancellationId) throw new AppError('CONFLICT', "Answer the buyer's cancellation request before shipping");
      const packed = await manager.findBy(PackageLineEntity, { packageId: pkg.id });
      const lines = await lockLines(manager, order.id);
      const inPackage = new Map(packed.map((p) => [p.orderLineId, p.quantity]));
      const allShipped = lines.every((l) => l.shippedQuantity + (inPackage.get(l.id) ?? 0) + l.cancelledQuantity === l.quantity);
      await applyTransition(tx, order, allShipped ? 'shipLastPackage' : 'shipPackage', 'SELLER_STAFF', { reason: 'PACKAGE_SHIPPED' });
      const carrier = input.carrier.trim();
      await manager.update(PackageEntity, { id: pkg.id }, { status, carrier, trackingNumber: input.trackingNumber, shippedAt: now });
      for (const p of packed) await manager.increment(OrderLineEntity, { id: p.orderLineId }, 'shippedQuantity', p.quantity);
      const skuOf = new Map(lines.map((l) => [l.id, l.skuId]));
      const shipped = packed.map((p) => ({ orderLineId: p.orderLineId, skuId: skuOf.get(p.orderLineId)!, quantity: p.quantity }));
      await tx.emit('orders.order.v1', [packageShipped(order, { id: pkg.id, carrier, trackingNumber: input.trackingNumber }, shipped, tx.cause)]);
      return pkg.id;
    });
  }

  /** Carrier's first scan. */
  markInTransit(input: PackageCommandInput): Promise<string> {
    requireRole('CARRIER');
    assertValid(checkCommand(input, 'packageId', input.packageId, 'pkg'));
    return this.runner.run({ operation: 'markPackageInTransit', actor: 'CARRIER', input }, async (tx) => {
      const { manager, now } = tx;
      const pkg = await this.lockPackage(manager, input.packageId, null);
      const order = await lockOrder(manager, pkg.orderId, { any: true });
      const status = nextPackageStatus(pkg.status, 'scan', 'CARRIER');
      await applyTransition(tx, order, 'markInTransit', 'CARRIER', { reason: 'CARRIER_SCAN' });
      await manager.update(PackageEntity, { id: pkg.id }, { status, inTransitAt: now });
      return pkg.id;
    });
  }

  /** Carrier delivered; the last package delivers the order and starts the after-sales window. */
  markDelivered(input: PackageCommandInput): Promise<string> {
    requireRole('CARRIER');
    assertValid(checkCommand(input, 'packageId', input.packageId, 'pkg'));
    return this.runner.run({ operation: 'markPackageDelivered', actor: 'CARRIER', input }, async (tx) => {
      const { manager, now } = tx;
      const pkg = await this.lockPackage(manager, input.packageId, null);
      const order = await lockOrder(manager, pkg.orderId, { any: true });
      const status = nextPackageStatus(pkg.status, 'deliver', 'CARRIER');
      const others = await manager.findBy(PackageEntity, { orderId: order.id });
      const last = others.every((p) => p.id === pkg.id || p.status === PackageStatus.DELIVERED || p.status === PackageStatus.CANCELLED);
      const lines = await lockLines(manager, order.id);
      const everythingShipped = lines.every((l) => l.shippedQuantity + l.cancelledQuantity === l.quantity);
      if (last && everythingShipped) {
        const completes = completesAt(now, policyOf(order.region));
        await applyTransition(tx, order, 'deliverLastPackage', 'CARRIER', { reason: 'DELIVERED', extra: { deliveredAt: now, completesAt: completes } });
        await this.timers.schedule(tx, order, TimerKind.COMPLETE, completes);
      } else {
        await applyTransition(tx, order, 'deliverPackage', 'CARRIER');
      }
      await manager.update(PackageEntity, { id: pkg.id }, { status, deliveredAt: now });
      return pkg.id;
    });
  }

  private lockPackage(manager: EntityManager, id: string, sellerId: string | null): Promise<PackageEntity> {
    return lockForUpdate(manager, PackageEntity, sellerId ? { id, sellerId } : { id }, { entity: 'Package', id });
  }
}
