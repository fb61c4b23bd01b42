import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryReservationFailedV1, InventoryReservedV1, OrderPlacedV1 } from '@sc/events';
import { WriteTx } from '@sc/kit';
import { InventoryRepository, ReservationRequest } from './inventory.repository';
import { StockStatusService } from './stock-status.service';
import { inventoryEvent } from './inventory.events';

/** Sums quantities per SKU (two lines of one SKU must be checked together) in a fixed order to avoid deadlocks. */
export function summedBySku(lines: OrderPlacedV1['lines']): ReservationRequest[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.skuId, (totals.get(line.skuId) ?? 0) + line.quantity);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** Reserves stock for a placed order: every line or none, then records the outcome for orders. */
@Injectable()
export class ReservationService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly stockStatus: StockStatusService,
  ) {}

  async reserveForOrder(tx: WriteTx, placed: EventEnvelope<OrderPlacedV1>): Promise<void> {
    const { manager } = tx;
    const sellerId = placed.sellerId;
    const { orderId } = placed.payload;
    const requests = summedBySku(placed.payload.lines);
    await this.inventory.lockOrder(manager, orderId);
    // A cancellation that overtook its order.placed: holding stock now would leak it for good.
    if (await this.inventory.isOrderClosed(manager, orderId)) return;
    // Another event id for the same order (a producer retry) finds the order already reserved.
    if (await this.inventory.hasReservation(manager, orderId)) return;
    await manager.query('SAVEPOINT reserve_order');
    const warehouseBySku = new Map<string, string>();
    const unknown: string[] = [];
    const short: string[] = [];
    for (const request of requests) {
      if (!(await this.inventory.skuExists(manager, sellerId, request.skuId))) {
        unknown.push(request.skuId);
        continue;
      }
      const warehouseId = await this.inventory.reserve(manager, sellerId, request);
      if (warehouseId) warehouseBySku.set(request.skuId, warehouseId);
      else short.push(request.skuId);
    }
    // Read after the level updates on purpose: a delete share-locks the levels before it commits, so by
    // now it has either committed (and is seen here) or will see this reservation and refuse.
    unknown.push(...(await this.inventory.skusOfDeletedProducts(manager, [...warehouseBySku.keys()])));

    if (unknown.length > 0 || short.length > 0) {
      await manager.query('ROLLBACK TO SAVEPOINT reserve_order');
      const payload: InventoryReservationFailedV1 = {
        orderId,
        reason: unknown.length > 0 ? 'UNKNOWN_SKU' : 'INSUFFICIENT_STOCK',
        failedSkuIds: [...unknown, ...short],
      };
      await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, sellerId, 'inventory.reservation_failed', 'OrderReservation', orderId, payload)]);
      return;
    }

    await manager.query(
      `INSERT INTO stock_movements (seller_id, sku_id, warehouse_id, movement_type, quantity, source_type, source_id, order_id, reserved_delta, created_at)
       SELECT $1, r.sku_id, r.warehouse_id, 'RESERVATION', r.quantity, 'ORDER', $2, $2, -r.quantity, $6::timestamptz
         FROM unnest($3::text[], $4::text[], $5::int[]) AS r(sku_id, warehouse_id, quantity)`,
      [sellerId, orderId, requests.map((r) => r.skuId), requests.map((r) => warehouseBySku.get(r.skuId)), requests.map((r) => -r.quantity), tx.now],
    );
    await manager.query(
      `INSERT INTO reserved_order_lines (order_line_id, order_id, seller_id, sku_id, quantity)
       SELECT r.line_id, $1, $2, r.sku_id, r.quantity FROM unnest($3::text[], $4::text[], $5::int[]) AS r(line_id, sku_id, quantity)
       ON CONFLICT DO NOTHING`,
      [
        orderId,
        sellerId,
        placed.payload.lines.map((l) => l.orderLineId),
        placed.payload.lines.map((l) => l.skuId),
        placed.payload.lines.map((l) => l.quantity),
      ],
    );
    await this.stockStatus.refresh(
      tx,
      sellerId,
      requests.map((r) => r.skuId),
    );
    const payload: InventoryReservedV1 = {
      orderId,
      lines: placed.payload.lines.map((l) => ({
        orderLineId: l.orderLineId,
        skuId: l.skuId,
        quantity: l.quantity,
        warehouseId: warehouseBySku.get(l.skuId)!,
      })),
    };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, sellerId, 'inventory.reserved', 'OrderReservation', orderId, payload)]);
  }
}
