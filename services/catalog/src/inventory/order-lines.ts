/** A quantity of one SKU on one order line. */
export interface LineQuantity {
  orderLineId: string;
  skuId: string;
  quantity: number;
}

/** Units moved for one SKU in one warehouse. */
export interface MovedUnits {
  skuId: string;
  warehouseId: string;
  quantity: number;
}

/** Sums quantities per SKU, in SKU order (a fixed lock order avoids deadlocks). */
export function sumBySku(lines: ReadonlyArray<{ skuId: string; quantity: number }>): Array<{ skuId: string; quantity: number }> {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.skuId, (totals.get(line.skuId) ?? 0) + line.quantity);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * Spreads units moved per SKU × warehouse back over the order lines (events report per line): each
 * line takes up to its own quantity, in line order, until the SKU's moved units run out.
 */
export function distributeOverLines(lines: readonly LineQuantity[], moved: readonly MovedUnits[]): Array<LineQuantity & { warehouseId: string }> {
  const pools = moved.filter((m) => m.quantity > 0).map((m) => ({ ...m }));
  const result: Array<LineQuantity & { warehouseId: string }> = [];
  for (const line of lines) {
    let wanted = line.quantity;
    for (const pool of pools) {
      if (wanted === 0) break;
      if (pool.skuId !== line.skuId || pool.quantity === 0) continue;
      const take = Math.min(wanted, pool.quantity);
      pool.quantity -= take;
      wanted -= take;
      result.push({ orderLineId: line.orderLineId, skuId: line.skuId, warehouseId: pool.warehouseId, quantity: take });
    }
  }
  return result;
}
