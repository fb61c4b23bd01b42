import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  InventoryCommittedV1,
  InventoryReleasedV1,
  InventorySoldV1,
  OrderCancelledV1,
  OrderLinesCancelledV1,
  OrderPaidV1,
  PackageShippedV1,
} from '@sc/events';
import { WriteTx } from '@sc/kit';
import { InventoryRepository } from './inventory.repository';
import { StockStatusService } from './stock-status.service';
import { inventoryEvent } from './inventory.events';
import { MovedUnits, distributeOverLines, sumBySku } from './order-lines';

/**
 * Order-driven stock operations after the reservation: commit on payment, sell on shipment, release on
 * cancellation. Each reads what the order still holds from the ledger and appends a movement whose
 * source makes it happen once; the bucket change is applied only when the movement was new.
 */
@Injectable()
export class OrderInventoryService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly stockStatus: StockStatusService,
  ) {}

  /** order.paid: reserved → committed for everything the order still holds in reserved. */
  async commit(tx: WriteTx, event: EventEnvelope<OrderPaidV1>): Promise<void> {
    const { orderId } = event.payload;
    await this.inventory.lockOrder(tx.manager, orderId);
    const moved: MovedUnits[] = [];
    for (const held of await this.inventory.heldByOrder(tx.manager, event.sellerId, orderId)) {
      if (held.reserved <= 0) continue;
      const appended = await this.inventory.appendMovement(tx, {
        sellerId: event.sellerId,
        skuId: held.skuId,
        warehouseId: held.warehouseId,
        movementType: 'COMMIT',
        quantity: 0,
        sourceType: 'ORDER',
        sourceId: orderId,
        orderId,
        reservedDelta: -held.reserved,
        committedDelta: held.reserved,
      });
      if (!appended) continue;
      await this.inventory.applyDeltas(tx, held.skuId, held.warehouseId, { reserved: -held.reserved, committed: held.reserved });
      moved.push({ skuId: held.skuId, warehouseId: held.warehouseId, quantity: held.reserved });
    }
    if (moved.length === 0) return;
    const payload: InventoryCommittedV1 = { orderId, lines: distributeOverLines(event.payload.lines, moved) };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, event.sellerId, 'inventory.committed', 'OrderReservation', orderId, payload)]);
  }

  /** package.shipped: shipped units leave on hand, from committed first (reserved if never paid). */
  async sell(tx: WriteTx, event: EventEnvelope<PackageShippedV1>): Promise<void> {
    const { orderId, packageId } = event.payload;
    await this.inventory.lockOrder(tx.manager, orderId);
    const held = await this.inventory.heldByOrder(tx.manager, event.sellerId, orderId);
    const moved: MovedUnits[] = [];
    for (const wanted of sumBySku(event.payload.lines)) {
      let remaining = wanted.quantity;
      for (const h of held.filter((x) => x.skuId === wanted.skuId)) {
        const fromCommitted = Math.min(remaining, Math.max(0, h.committed));
        const fromReserved = Math.min(remaining - fromCommitted, Math.max(0, h.reserved));
        const units = fromCommitted + fromReserved;
        if (units === 0) continue;
        const appended = await this.inventory.appendMovement(tx, {
          sellerId: event.sellerId,
          skuId: h.skuId,
          warehouseId: h.warehouseId,
          movementType: 'SALE',
          quantity: 0,
          sourceType: 'PACKAGE',
          sourceId: packageId,
          orderId,
          onHandDelta: -units,
          reservedDelta: -fromReserved,
          committedDelta: -fromCommitted,
        });
        if (!appended) continue;
        await this.inventory.applyDeltas(tx, h.skuId, h.warehouseId, { onHand: -units, reserved: -fromReserved, committed: -fromCommitted });
        moved.push({ skuId: h.skuId, warehouseId: h.warehouseId, quantity: units });
        remaining -= units;
      }
    }
    if (moved.length === 0) return;
    await this.stockStatus.refresh(
      tx,
      event.sellerId,
      moved.map((m) => m.skuId),
    );
    const payload: InventorySoldV1 = { orderId, packageId, lines: distributeOverLines(event.payload.lines, moved) };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, event.sellerId, 'inventory.sold', 'OrderReservation', orderId, payload)]);
  }

  /**
   * order.cancelled: releases whatever the ledger says the order still holds, reserved or committed
   * (shipped units are gone and stay gone). An order whose reservation failed holds nothing.
   */
  async releaseOrder(tx: WriteTx, event: EventEnvelope<OrderCancelledV1>): Promise<void> {
    const { orderId } = event.payload;
    await this.inventory.lockOrder(tx.manager, orderId);
    await this.inventory.closeOrder(tx, event.sellerId, orderId);
    const moved: MovedUnits[] = [];
    for (const h of await this.inventory.heldByOrder(tx.manager, event.sellerId, orderId)) {
      const reserved = Math.max(0, h.reserved);
      const committed = Math.max(0, h.committed);
      if (reserved + committed === 0) continue;
      const appended = await this.inventory.appendMovement(tx, {
        sellerId: event.sellerId,
        skuId: h.skuId,
        warehouseId: h.warehouseId,
        movementType: 'RELEASE',
        quantity: reserved + committed,
        sourceType: 'ORDER',
        sourceId: orderId,
        orderId,
        reservedDelta: -reserved,
        committedDelta: -committed,
        reason: event.payload.reason,
      });
      if (!appended) continue;
      await this.inventory.applyDeltas(tx, h.skuId, h.warehouseId, { reserved: -reserved, committed: -committed });
      moved.push({ skuId: h.skuId, warehouseId: h.warehouseId, quantity: reserved + committed });
    }
    if (moved.length === 0) return;
    await this.stockStatus.refresh(
      tx,
      event.sellerId,
      moved.map((m) => m.skuId),
    );
    const lines = await this.inventory.reservedLines(tx.manager, orderId);
    const payload: InventoryReleasedV1 = { orderId, reason: event.payload.reason, lines: distributeOverLines(lines, moved) };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, event.sellerId, 'inventory.released', 'OrderReservation', orderId, payload)]);
  }

  /** order.lines_cancelled: releases each cancelled line's units, once per line, reserved first. */
  async releaseLines(tx: WriteTx, event: EventEnvelope<OrderLinesCancelledV1>): Promise<void> {
    const { orderId } = event.payload;
    await this.inventory.lockOrder(tx.manager, orderId);
    const held = await this.inventory.heldByOrder(tx.manager, event.sellerId, orderId);
    const released: Array<MovedUnits & { orderLineId: string }> = [];
    const lines = [...event.payload.lines].sort((a, b) => a.skuId.localeCompare(b.skuId) || a.orderLineId.localeCompare(b.orderLineId));
    for (const line of lines) {
      let remaining = line.quantity;
      for (const h of held.filter((x) => x.skuId === line.skuId)) {
        const reserved = Math.min(remaining, Math.max(0, h.reserved));
        const committed = Math.min(remaining - reserved, Math.max(0, h.committed));
        if (reserved + committed === 0) continue;
        const appended = await this.inventory.appendMovement(tx, {
          sellerId: event.sellerId,
          skuId: h.skuId,
          warehouseId: h.warehouseId,
          movementType: 'RELEASE',
          quantity: reserved + committed,
          sourceType: 'ORDER_LINE',
          sourceId: line.orderLineId,
          orderId,
          reservedDelta: -reserved,
          committedDelta: -committed,
          reason: event.payload.reason,
        });
        if (!appended) break;
        await this.inventory.applyDeltas(tx, h.skuId, h.warehouseId, { reserved: -reserved, committed: -committed });
        h.reserved -= reserved;
        h.committed -= committed;
        remaining -= reserved + committed;
        released.push({ orderLineId: line.orderLineId, skuId: h.skuId, warehouseId: h.warehouseId, quantity: reserved + committed });
      }
    }
    if (released.length === 0) return;
    await this.stockStatus.refresh(
      tx,
      event.sellerId,
      released.map((m) => m.skuId),
    );
    const payload: InventoryReleasedV1 = { orderId, reason: event.payload.reason, lines: released };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, event.sellerId, 'inventory.released', 'OrderReservation', orderId, payload)]);
  }
}
