import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import {
  AdjustInventoryInput,
  AdjustmentReason,
  CreateWarehouseInput,
  InventoryState,
  MoveInventoryStateInput,
  SetInventoryInput,
  SetOutOfStockThresholdInput,
} from './inventory.inputs';

/** Largest quantity any single stock operation may name; far above real stock, far below int overflow. */
export const MAX_QUANTITY = 1_000_000;

/** Most units one SKU may have on hand in one warehouse: far above real stock, below the 32-bit columns' range. */
export const MAX_ON_HAND = 1_000_000_000;

const checkId = (field: string, value: string, prefix: string): FieldProblem[] =>
  checkText(field, value, 1, 64).length > 0 || !value.startsWith(`${prefix}_`) ? [{ field, message: `must be a ${prefix}_ id` }] : [];

const checkEnum = <T extends Record<string, string>>(field: string, value: string, values: T): FieldProblem[] =>
  Object.values(values).includes(value) ? [] : [{ field, message: 'is not a known value' }];

/** Problems with a new warehouse. */
export const validateCreateWarehouse = (input: CreateWarehouseInput): FieldProblem[] => [
  ...checkText('name', input.name, 1, 120),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Problems with a delta adjustment: the delta is a non-zero whole number within bounds. */
export const validateAdjust = (input: AdjustInventoryInput): FieldProblem[] => [
  ...checkId('skuId', input.skuId, 'sku'),
  ...checkId('warehouseId', input.warehouseId, 'whs'),
  ...(input.delta === 0 ? [{ field: 'delta', message: 'must not be 0' }] : checkInteger('delta', input.delta, -MAX_QUANTITY, MAX_QUANTITY)),
  ...checkEnum('reason', input.reason, AdjustmentReason),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Problems with a compare-and-set of on hand. */
export const validateSet = (input: SetInventoryInput): FieldProblem[] => [
  ...checkId('skuId', input.skuId, 'sku'),
  ...checkId('warehouseId', input.warehouseId, 'whs'),
  ...checkInteger('quantity', input.quantity, 0, MAX_QUANTITY),
  ...checkInteger('expectedQuantity', input.expectedQuantity, 0, MAX_QUANTITY),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Problems with a state move: two different states and a positive quantity. */
export const validateMove = (input: MoveInventoryStateInput): FieldProblem[] => [
  ...checkId('skuId', input.skuId, 'sku'),
  ...checkId('warehouseId', input.warehouseId, 'whs'),
  ...checkEnum('from', input.from, InventoryState),
  ...checkEnum('to', input.to, InventoryState),
  ...(input.from === input.to ? [{ field: 'to', message: 'must differ from from' }] : []),
  ...checkInteger('quantity', input.quantity, 1, MAX_QUANTITY),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Problems with an out-of-stock threshold. */
export const validateThreshold = (input: SetOutOfStockThresholdInput): FieldProblem[] => [
  ...checkId('skuId', input.skuId, 'sku'),
  ...checkInteger('threshold', input.threshold, 0, MAX_QUANTITY),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

/** Column of an inventory state bucket; AVAILABLE has none (it is derived). */
export const STATE_COLUMNS: Record<Exclude<InventoryState, InventoryState.AVAILABLE>, string> = {
  [InventoryState.DAMAGED]: 'damaged',
  [InventoryState.QUALITY_CONTROL]: 'quality_control',
  [InventoryState.SAFETY_STOCK]: 'safety_stock',
};
