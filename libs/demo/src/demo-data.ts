import { GatewayClient, retrying } from './gateway-client';
import { DEMO_PLATFORM, DEMO_SELLER } from './demo-identities';
import { finishHeldDemoOrders, seedDemoOrders } from './demo-orders';
import { seedDemoAfterSales } from './demo-after-sales';
import { seedDemoInquiries } from './demo-inquiries';

const PRODUCTS = [
  {
    key: 'tee',
    title: 'Organic cotton tee, relaxed crew neck',
    categoryId: 'apparel',
    attributes: [['Material', 'Organic cotton']],
    skus: [
      ['TEE-BLK-M', 'Black', 'M', 1900, 40],
      ['TEE-BLK-L', 'Black', 'L', 1900, 25],
      ['TEE-WHT-M', 'White', 'M', 1900, 0],
    ],
  },
  {
    key: 'mug',
    title: 'Stoneware mug with speckled sand glaze',
    categoryId: 'home',
    attributes: [['Material', 'Stoneware']],
    skus: [['MUG-SAND', 'Sand', 'One size', 1450, 60]],
  },
  {
    key: 'lamp',
    title: 'Rattan table lamp with linen shade',
    categoryId: 'home',
    attributes: [['Material', 'Rattan']],
    skus: [['LAMP-NAT', 'Natural', 'One size', 5900, 8]],
  },
  {
    key: 'serum',
    title: 'Vitamin C brightening serum 30 ml',
    categoryId: 'beauty',
    attributes: [
      ['Volume', '30 ml'],
      ['Skin type', 'All skin types'],
    ],
    skus: [['SERUM-30', 'Clear', '30 ml', 2450, 120]],
  },
] as const;

const CREATORS = [
  { handle: 'dailydrip', displayName: 'Daily Drip', followerCount: 182_000, categories: ['fashion'] },
  { handle: 'homebyhana', displayName: 'Home by Hana', followerCount: 64_500, categories: ['home'] },
];

/**
 * Seeds the demo shop through the gateway, exactly as clients would. Every write carries a fixed
 * idempotency key, so a second run changes nothing. Besides the catalogue, a promotion and creators: the
 * seller's journey in orders (see DEMO_ORDER_PLAN: awaiting shipment, shipped, delivered, cancelled on the
 * buyer's request, a cancellation request pending, one refused for stock), a pending return on the shipped
 * order, a granted refund on the delivered one and two buyer inquiries. On a stack with DEMO_STACK_ENV
 * every journey is done when it resolves; on one without (production), paid orders sit out the real
 * one-hour remorse hold, and the result's `finish` takes them on (with their after-sales) once it ends.
 */
export async function seedDemoData(client: GatewayClient, log: (msg: string) => void): Promise<DemoSeedResult> {
  await client.run(DEMO_SELLER, `mutation { registerShop(input: { name: "Demo Outfitters", currencyCode: "USD", timeZone: "Asia/Jakarta" }) { id } }`);
  // Flat 4.99 shipping, free from 50.00: the demo orders show both. Retried until orders has learned the
  // shop's currency from catalog's shop.registered.
  await retrying(() =>
    client.run(DEMO_SELLER, `mutation($input: SetShopShippingInput!) { setShopShipping(input: $input) { shipping { isDefault } } }`, {
      input: {
        flatFee: { amountMinor: '499', currencyCode: 'USD' },
        freeShippingThreshold: { amountMinor: '5000', currencyCode: 'USD' },
        idempotencyKey: 'demo-shop-shipping',
      },
    }),
  );

  const skuIds: Record<string, string> = {};
  const productIds: string[] = [];
  for (const product of PRODUCTS) {
    // Submitted for review (LISTING) and approved by the demo platform reviewer, so buyers can order it.
    const created = await client
      .run(DEMO_SELLER, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id status skus { id sellerSku } } }`, {
        input: {
          title: product.title,
          saveMode: 'LISTING',
          categoryId: product.categoryId,
          images: [`https://images.example/demo/${product.key}.jpg`],
          attributes: product.attributes.map(([name, value]) => ({ name, value })),
          idempotencyKey: `demo-product-${product.key}`,
          skus: product.skus.map(([sellerSku, colour, size, price, stock]) => ({
            sellerSku,
            salesAttributes: [
              { name: 'Colour', value: colour },
              { name: 'Size', value: size },
            ],
            price: { amountMinor: String(price), currencyCode: 'USD' },
            initialStock: stock,
          })),
        },
      })
      .catch(async (error: Error) => {
        // Demo data seeded before listing review used the same key with other input: reuse that product.
        if (!/IDEMPOTENCY_CONFLICT/.test(error.message)) throw error;
        const { shop } = await client.run(DEMO_SELLER, `{ shop { products(first: 100) { nodes { id status skus { id sellerSku } } } } }`);
        return { createProduct: shop.products.nodes.find((p: any) => p.skus.some((s: any) => s.sellerSku === product.skus[0][0])) };
      });
    if (created.createProduct.status === 'PENDING') {
      await client.run(DEMO_PLATFORM, `mutation($input: ProductCommandInput!) { approveProduct(input: $input) { id } }`, {
        input: { productId: created.createProduct.id, idempotencyKey: `demo-approve-${product.key}` },
      });
    }
    productIds.push(created.createProduct.id);
    for (const sku of created.createProduct.skus) skuIds[sku.sellerSku] = sku.id;
  }
  log(`products: ${productIds.length}`);

  const orders = await seedDemoOrders(client, skuIds, log);

  await client
    .run(DEMO_SELLER, `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }`, {
      input: {
        title: 'Year-end sale',
        discountBasisPoints: 1500,
        productIds: productIds.slice(0, 2),
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        idempotencyKey: 'demo-promotion-year-end',
      },
    })
    .catch((error: Error) => {
      // A rerun sends a new window with the same key: the first promotion stands.
      if (!/IDEMPOTENCY_CONFLICT/.test(error.message)) throw error;
    });
  // Buy more, save more on the third product: 5 % from 2 units, 10 % from 3 (priceCart and placeOrder price it).
  await client
    .run(DEMO_SELLER, `mutation($input: CreateTieredPromotionInput!) { createTieredPromotion(input: $input) { id } }`, {
      input: {
        title: 'Buy more, save more',
        tiers: [
          { minQuantity: 2, discountBasisPoints: 500 },
          { minQuantity: 3, discountBasisPoints: 1000 },
        ],
        productIds: productIds.slice(2, 3),
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        idempotencyKey: 'demo-promotion-buy-more',
      },
    })
    .catch((error: Error) => {
      if (!/IDEMPOTENCY_CONFLICT/.test(error.message)) throw error;
    });

  const creatorIds: string[] = [];
  for (const creator of CREATORS) {
    const registered = await client.run(DEMO_PLATFORM, `mutation($input: RegisterCreatorInput!) { registerCreator(input: $input) { id } }`, {
      input: { ...creator, idempotencyKey: `demo-creator-${creator.handle}` },
    });
    creatorIds.push(registered.registerCreator.id);
  }
  await retrying(() =>
    client.run(DEMO_SELLER, `mutation($input: CreateCollaborationInput!) { createCollaboration(input: $input) { id } }`, {
      input: { creatorId: creatorIds[0], productId: productIds[0], commissionRateBps: 1200, idempotencyKey: 'demo-collab-tee' },
    }),
  );
  log('promotions, creators and a collaboration: done');

  await seedDemoAfterSales(client, orders, log);
  await seedDemoInquiries(client, orders[0].id);

  const held = orders.filter((o) => o.heldUntil);
  return {
    heldUntil: held.length === 0 ? undefined : new Date(Math.max(...held.map((o) => o.heldUntil!.getTime()))),
    heldOrders: held.length,
    finish: async () => {
      if (held.length === 0) return;
      await finishHeldDemoOrders(client, orders, log);
      await seedDemoAfterSales(client, held, log);
      log(`order journeys after the remorse hold: ${held.map((o) => `${o.plan.journey}${o.reached ? '' : ' (skipped)'}`).join(', ')}`);
    },
  };
}

/** What {@link seedDemoData} left for after the buyer-remorse hold (nothing on a stack with DEMO_STACK_ENV). */
export interface DemoSeedResult {
  /** When the last held demo order's hold ends; undefined when every journey is done. */
  heldUntil?: Date;
  /** How many demo orders are still in the hold. */
  heldOrders: number;
  /** Waits out the holds, then takes those orders along their journeys and adds their after-sales. */
  finish(): Promise<void>;
}
