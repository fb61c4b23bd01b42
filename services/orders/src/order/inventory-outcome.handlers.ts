import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, InventoryReservationFailedV1, InventoryReservedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { StockOutcomeService } from './stock-outcome.service';

/** inventory.reserved → confirm the order. */
@Injectable()
export class InventoryReservedHandler implements EventHandler<InventoryReservedV1> {
  readonly topic = 'catalog.inventory.v1' as const;
  readonly eventType = 'inventory.reserved';

  constructor(private readonly outcomes: StockOutcomeService) {}

  handle(event: EventEnvelope<InventoryReservedV1>, manager: EntityManager): Promise<void> {
    return this.outcomes.confirm(manager, event);
  }
}

/** inventory.reservation_failed → cancel the order with catalog's reason. */
@Injectable()
export class InventoryReservationFailedHandler implements EventHandler<InventoryReservationFailedV1> {
  readonly topic = 'catalog.inventory.v1' as const;
  readonly eventType = 'inventory.reservation_failed';

  constructor(private readonly outcomes: StockOutcomeService) {}

  handle(event: EventEnvelope<InventoryReservationFailedV1>, manager: EntityManager): Promise<void> {
    return this.outcomes.reject(manager, event);
  }
}
