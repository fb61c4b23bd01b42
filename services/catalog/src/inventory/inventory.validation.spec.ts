import { AdjustmentReason, InventoryState } from './inventory.inputs';
import { validateAdjust, validateMove, validateSet, validateThreshold } from './inventory.validation';

const base = { skuId: 'sku_1', warehouseId: 'whs_1', idempotencyKey: 'key-12345' };
const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field);

describe('inventory input validation', () => {
  it('refuses zero, fractional and huge deltas', () => {
    expect(fields(validateAdjust({ ...base, delta: 0, reason: AdjustmentReason.RECEIVED }))).toEqual(['delta']);
    expect(fields(validateAdjust({ ...base, delta: 1.5, reason: AdjustmentReason.RECEIVED }))).toEqual(['delta']);
    expect(fields(validateAdjust({ ...base, delta: 10_000_000, reason: AdjustmentReason.RECEIVED }))).toEqual(['delta']);
    expect(validateAdjust({ ...base, delta: -3, reason: AdjustmentReason.LOST })).toEqual([]);
  });

  it('refuses control characters in ids and malformed keys, listing every field', () => {
    expect(fields(validateAdjust({ ...base, skuId: 'sku_\u0000', idempotencyKey: 'k', delta: 1, reason: AdjustmentReason.OTHER }))).toEqual([
      'skuId',
      'idempotencyKey',
    ]);
  });

  it('refuses negative quantities in a compare-and-set', () => {
    expect(fields(validateSet({ ...base, quantity: -1, expectedQuantity: -2 }))).toEqual(['quantity', 'expectedQuantity']);
  });

  it('refuses moves to the same state and non-positive quantities', () => {
    expect(fields(validateMove({ ...base, from: InventoryState.DAMAGED, to: InventoryState.DAMAGED, quantity: 0 }))).toEqual(['to', 'quantity']);
    expect(validateMove({ ...base, from: InventoryState.AVAILABLE, to: InventoryState.SAFETY_STOCK, quantity: 2 })).toEqual([]);
  });

  it('refuses a negative threshold', () => {
    expect(fields(validateThreshold({ skuId: 'sku_1', threshold: -1, idempotencyKey: 'key-12345' }))).toEqual(['threshold']);
  });
});
