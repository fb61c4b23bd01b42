import { In } from 'typeorm';
import { WriteTx } from '@sc/kit';
import { completesAt } from '../order/policy/deadlines';
import { policyOf } from '../order/policy/region-policy';
import { OrderEntity } from '../order/order.entity';
import { OrderLineEntity } from '../order/order-line.entity';
import { OrderAction } from '../order/order.state-machine';
import { OrderTimers, TimerKind } from '../order/order-timers';
import { cancelLineUnits } from '../order/lifecycle/cancel-line-units';
import { applyTransition, lockLines } from '../order/lifecycle/order-transition';
import { PackageEntity, PackageLineEntity } from './package.entity';
import { PackageStatus } from './package-status';

/** Why the platform cancels what a seller did not ship in time (a seller-fault cancellation, domain §C.3 16). */
export const SHIP_BY_SLA_MISSED = 'SELLER_FAULT: SHIP_BY_SLA_MISSED';

/**
 * Auto-cancel of a PARTIALLY_SHIPPING order at its deadline: what has shipped stays alive, every unit not
 * shipped is cancelled (packed-but-unshipped packages are cancelled with them) and released by catalog via
 * `order.lines_cancelled`. The order then follows its shipped packages (its completion is scheduled through
 * `timers` when they were all delivered).
 */
export async function cancelUnshippedRest(tx: WriteTx, order: OrderEntity, timers: OrderTimers): Promise<void> {
  const { manager } = tx;
  const lines = await lockLines(manager, order.id);
  const packages = await manager
    .getRepository(PackageEntity)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.orderId = :orderId', { orderId: order.id })
    .getMany();
  const units = new Map<string, number>();
  for (const line of lines) {
    const left = line.quantity - line.cancelledQuantity - line.shippedQuantity;
    if (left > 0) units.set(line.id, left);
  }
  const shipped = packages.filter((p) => p.status !== PackageStatus.CREATED && p.status !== PackageStatus.CANCELLED);
  if (units.size === 0 || shipped.length === 0) return;
  const unshipped = packages.filter((p) => p.status === PackageStatus.CREATED);
  if (unshipped.length > 0) {
    const packed = await manager.findBy(PackageLineEntity, { packageId: In(unshipped.map((p) => p.id)) });
    for (const line of lines) {
      const unpacked = packed.filter((p) => p.orderLineId === line.id).reduce((sum, p) => sum + p.quantity, 0);
      if (unpacked === 0) continue;
      line.packedQuantity -= unpacked;
      await manager.update(OrderLineEntity, { id: line.id }, { packedQuantity: line.packedQuantity });
    }
    await manager.update(PackageEntity, { id: In(unshipped.map((p) => p.id)) }, { status: PackageStatus.CANCELLED });
  }

  const delivered = shipped.every((p) => p.status === PackageStatus.DELIVERED);
  const action: OrderAction = shipped.some((p) => p.status === PackageStatus.AWAITING_COLLECTION)
    ? 'autoCancelUnshippedLines'
    : delivered
      ? 'autoCancelUnshippedLinesDelivered'
      : 'autoCancelUnshippedLinesInTransit';
  // Everything left was delivered already: the after-sales window runs from the last delivery.
  const deliveredAt = delivered ? new Date(Math.max(...shipped.map((p) => p.deliveredAt!.getTime()))) : null;
  const completes = deliveredAt ? completesAt(deliveredAt, policyOf(order.region)) : null;
  await applyTransition(tx, order, action, 'SYSTEM', {
    reason: SHIP_BY_SLA_MISSED,
    extra: deliveredAt ? { deliveredAt, completesAt: completes } : {},
  });
  await cancelLineUnits(tx, order, lines, units, SHIP_BY_SLA_MISSED);
  if (completes) await timers.schedule(tx, order, TimerKind.COMPLETE, completes);
}
