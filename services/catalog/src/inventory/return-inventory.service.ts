import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, InventoryRestockedV1, ReturnReceivedV1 } from '@sc/events';
import { appendToOutbox } from '@sc/messaging';
import { InventoryRepository } from './inventory.repository';
import { StockStatusService } from './stock-status.service';
import { causedBy, inventoryEvent } from './inventory.events';

/** return.received: RESTOCKED lines go back on hand, once per return line. */
@Injectable()
export class ReturnInventoryService {
  private readonly logger = new Logger(ReturnInventoryService.name);

  constructor(
    private readonly inventory: InventoryRepository,
    private readonly stockStatus: StockStatusService,
  ) {}

  async restock(manager: EntityManager, event: EventEnvelope<ReturnReceivedV1>): Promise<void> {
    const sellerId = event.sellerId;
    const restocked: InventoryRestockedV1['lines'] = [];
    const lines = event.payload.lines.filter((l) => l.disposition === 'RESTOCKED').sort((a, b) => a.skuId.localeCompare(b.skuId));
    for (const line of lines) {
      const warehouseId = line.warehouseId ?? (await this.inventory.defaultWarehouseId(manager, sellerId));
      // A SKU or warehouse of another seller (or none) is never stocked: skip the line, keep the rest.
      if (!warehouseId || !(await this.inventory.skuExists(manager, sellerId, line.skuId)) || !(await this.inventory.warehouseExists(manager, sellerId, warehouseId))) {
        this.logger.warn(JSON.stringify({ msg: 'return line not restocked: unknown SKU or warehouse', returnLineId: line.returnLineId }));
        continue;
      }
      const appended = await this.inventory.appendMovement(manager, {
        sellerId, skuId: line.skuId, warehouseId, movementType: 'RESTOCK', quantity: line.quantity,
        sourceType: 'RETURN_LINE', sourceId: line.returnLineId, onHandDelta: line.quantity,
      });
      if (!appended) continue;
      await this.inventory.addOnHand(manager, sellerId, line.skuId, warehouseId, line.quantity);
      restocked.push({ returnLineId: line.returnLineId, skuId: line.skuId, warehouseId, quantity: line.quantity });
    }
    if (restocked.length === 0) return;
    await this.stockStatus.refresh(manager, causedBy(event), restocked.map((l) => l.skuId));
    const payload: InventoryRestockedV1 = { returnId: event.payload.returnId, lines: restocked };
    await appendToOutbox(manager, 'catalog.inventory.v1', [inventoryEvent(causedBy(event), 'inventory.restocked', 'Return', event.payload.returnId, payload)]);
  }
}
