/** GraphQL operations of the workloads, as a seller-center client sends them. */

export const DASHBOARD_QUERY = `query Dashboard($range: SalesRangeInput!) {
  shop {
    id name
    salesSummary(range: $range) {
      timeZone currencyCode
      current { from to gmv { amountMinor currencyCode } netSales { amountMinor } orders buyers averageOrderValue { amountMinor } visitors conversionBasisPoints }
      previous { gmv { amountMinor } netSales { amountMinor } orders buyers }
      daily { day gmv { amountMinor } orders buyers }
    }
    actionCounters { awaitingShipment toShipWithin24h autoCancelWithin24h pendingCancellationRequests unreadInquiries }
  }
}`;

export const ORDER_LIST_QUERY = `query OrderList($first: Int!, $after: String) {
  shop {
    orders(first: $first, after: $after) {
      nodes {
        id status createdAt paidAt total { amountMinor currencyCode }
        lines {
          id quantity unitPrice { amountMinor } lineTotal { amountMinor }
          sku { id sellerSku price { amountMinor currencyCode } availableQuantity }
          product { id title status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const ORDER_DETAIL_QUERY = `query OrderDetail($id: ID!) {
  order(id: $id) {
    id status createdAt paidAt deliveredAt total { amountMinor currencyCode } recipient { masked name address }
    lines {
      id quantity lineTotal { amountMinor }
      sku { id sellerSku price { amountMinor } availableQuantity }
      product {
        id title status
        activePromotions { id title discountBasisPoints }
        collaborations { id commissionRateBps status creator { handle followerCount } }
      }
    }
    returns { id status reason createdAt lines { orderLineId quantity } }
  }
}`;

/** Single-subgraph controls: the same operation through the gateway and straight to the subgraph. */
export const ORDER_ONLY_QUERY = `query OrderOnly($id: ID!) {
  order(id: $id) { id status createdAt total { amountMinor currencyCode } lines { id quantity unitPrice { amountMinor } lineTotal { amountMinor } } }
}`;

export const PRODUCTS_ONLY_QUERY = `query ProductsOnly($after: String) {
  shop { id name products(first: 20, after: $after) { nodes { id title status skus { id sellerSku price { amountMinor currencyCode } availableQuantity } } } }
}`;

export const PLACE_ORDER_MUTATION = `mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;

/**
 * The dashboard's range input for `days` days ending `endOffset` + 1 days ago. With no offset, 7 and 30 days are
 * the presets (which end yesterday); anything else is a CUSTOM range of the same length.
 */
export function dashboardRange(days: number, endOffset = 0, now = new Date()): Record<string, string> {
  if (endOffset === 0 && days === 7) return { preset: 'LAST_7_DAYS' };
  if (endOffset === 0 && days === 30) return { preset: 'LAST_30_DAYS' };
  const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  return { preset: 'CUSTOM', from: day(endOffset + days), to: day(endOffset + 1) };
}
