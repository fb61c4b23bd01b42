import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryRestockedV1, ReturnReceivedV1 } from '@sc/events';
import { UnprocessableEventError } from '@sc/messaging';
import { WriteTx } from '@sc/kit';
import { InventoryRepository } from './inventory.repository';
import { StockStatusService } from './stock-status.service';
import { inventoryEvent } from './inventory.events';

/**
 * return.received: RESTOCKED lines go back on hand, once per return line. A line naming a SKU or warehouse
 * this shop does not have is a data-integrity fault upstream, not a line to drop: the whole event fails
 * permanently (nothing written) and is parked on the dead-letter topic, where it can be fixed and replayed
 * (return line ids keep the replay to one restock). A SKU of a deleted product is still known — deleting
 * keeps the SKU rows — and is restocked.
 */
@Injectable()
export class ReturnInventoryService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly stockStatus: StockStatusService,
  ) {}

  async restock(tx: WriteTx, event: EventEnvelope<ReturnReceivedV1>): Promise<void> {
    const { manager } = tx;
    const sellerId = event.sellerId;
    const restocked: InventoryRestockedV1['lines'] = [];
    const lines = event.payload.lines.filter((l) => l.disposition === 'RESTOCKED').sort((a, b) => a.skuId.localeCompare(b.skuId));
    for (const line of lines) {
      const warehouseId = line.warehouseId ?? (await this.inventory.defaultWarehouseId(manager, sellerId));
      // Another seller's SKU or warehouse counts as unknown: stock never crosses shops.
      if (!(await this.inventory.skuExists(manager, sellerId, line.skuId))) {
        throw new UnprocessableEventError(`return line ${line.returnLineId}: SKU ${line.skuId} is unknown to shop ${sellerId}`);
      }
      if (!warehouseId || !(await this.inventory.warehouseExists(manager, sellerId, warehouseId))) {
        throw new UnprocessableEventError(`return line ${line.returnLineId}: warehouse ${warehouseId ?? '(default)'} is unknown to shop ${sellerId}`);
      }
      const appended = await this.inventory.appendMovement(tx, {
        sellerId,
        skuId: line.skuId,
        warehouseId,
        movementType: 'RESTOCK',
        quantity: line.quantity,
        sourceType: 'RETURN_LINE',
        sourceId: line.returnLineId,
        onHandDelta: line.quantity,
      });
      if (!appended) continue;
      await this.inventory.addOnHand(tx, sellerId, line.skuId, warehouseId, line.quantity);
      restocked.push({ returnLineId: line.returnLineId, skuId: line.skuId, warehouseId, quantity: line.quantity });
    }
    if (restocked.length === 0) return;
    await this.stockStatus.refresh(
      tx,
      sellerId,
      restocked.map((l) => l.skuId),
    );
    const payload: InventoryRestockedV1 = { returnId: event.payload.returnId, lines: restocked };
    await tx.emit('catalog.inventory.v1', [inventoryEvent(tx.cause, sellerId, 'inventory.restocked', 'Return', event.payload.returnId, payload)]);
  }
}
