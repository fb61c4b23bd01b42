/**
 * A corpus of distinct, valid analyst queries over the graph: each combines a few shop sections (catalog,
 * orders with catalog joins, returns, promotions, collaborations, dashboard figures) with its own page size
 * and field choice, so each needs its own query plan.
 */
const SECTIONS: Array<(n: number, variant: number) => string> = [
  (_n, v) => ['name currencyCode', 'name timeZone createdAt', 'currencyCode timeZone'][v % 3],
  (n, v) =>
    `products(first: ${n}) { nodes { id title ${v % 2 ? 'status' : 'categoryId'} skus { sellerSku ${v % 3 ? 'availableQuantity' : 'price { amountMinor }'} } } }`,
  (n, v) =>
    `orders(first: ${n}) { nodes { id status ${v % 2 ? 'total { amountMinor currencyCode }' : 'createdAt'} lines { quantity ${v % 3 ? 'product { title }' : 'sku { sellerSku }'} } } }`,
  (n, v) => `returnRequests(first: ${n}) { nodes { id status ${v % 2 ? 'reason' : 'createdAt'} order { id status } } }`,
  (n, v) => `promotions(first: ${n}) { nodes { id title ${v % 2 ? 'discountBasisPoints' : 'status startsAt'} } }`,
  (n, v) => `collaborations(first: ${n}) { nodes { id commissionRateBps ${v % 2 ? 'creator { handle }' : 'product { title }'} } }`,
  (_n, v) => `salesSummary(range: { preset: ${v % 2 ? 'LAST_7_DAYS' : 'LAST_30_DAYS'} }) { current { orders ${v % 3 ? 'gmv { amountMinor }' : 'buyers'} } }`,
  (_n, v) => (v % 2 ? 'actionCounters { awaitingShipment toShipWithin24h }' : 'productBucketCounts { active drafts inReview }'),
  (_n, v) => (v % 2 ? 'outOfStockSkuCount' : 'warehouses { id name isDefault }'),
];

const PAGE_SIZES = [5, 10, 20];

/** `count` distinct analyst queries (deterministic). */
export function analystCorpus(count = 50): string[] {
  const out = new Set<string>();
  for (let k = 0; out.size < count && k < count * 20; k += 1) {
    // Three or four sections per query, chosen by k; the variant picks fields within each.
    const picks = new Set<number>();
    for (let j = 0; picks.size < 3 + (k % 2); j += 1) picks.add((k * 7 + j * ((k % 5) + 1) + j * j) % SECTIONS.length);
    const n = PAGE_SIZES[k % PAGE_SIZES.length];
    const body = [...picks]
      .sort((a, b) => a - b)
      .map((s) => SECTIONS[s](n, k + s))
      .join('\n    ');
    out.add(`query Analyst${out.size + 1} {\n  shop {\n    ${body}\n  }\n}`);
  }
  return [...out];
}

/**
 * The same query with text no cache has seen: a fresh alias on the root field changes the document (so the
 * gateway parses, validates and plans it again) but not what it reads.
 */
export const uniqueText = (query: string, n: number): string => query.replace(/\n {2}shop \{/, `\n  u${n}: shop {`);
