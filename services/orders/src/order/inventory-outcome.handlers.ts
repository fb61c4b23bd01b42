import { Injectable } from '@nestjs/common';
import { EventEnvelope, InventoryReservationFailedV1, InventoryReservedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';
import { StockOutcomeService } from './stock-outcome.service';

/** Catalog's answers to an order's stock reservation, applied in the consumer's inbox transaction. */
@Injectable()
export class InventoryOutcomeHandlers {
  constructor(private readonly outcomes: StockOutcomeService) {}

  /** inventory.reserved → confirm the order. */
  @OnEvent('catalog.inventory.v1', 'inventory.reserved')
  onReserved(event: EventEnvelope<InventoryReservedV1>, tx: WriteTx): Promise<void> {
    return this.outcomes.confirm(tx, event);
  }

  /** inventory.reservation_failed → cancel the order with catalog's reason. */
  @OnEvent('catalog.inventory.v1', 'inventory.reservation_failed')
  onReservationFailed(event: EventEnvelope<InventoryReservationFailedV1>, tx: WriteTx): Promise<void> {
    return this.outcomes.reject(tx, event);
  }
}
