import { FieldProblem, checkIdempotencyKey, checkText } from '@sc/graphql';
import { isIdOf } from '@sc/db';
import { EditProductInput, UpdateSkuPricesInput } from './lifecycle.inputs';
import { checkAttributes, checkCategoryId, checkImages, parsePricePair, ValidPrice } from './product-content.validation';

/** The content fields an edit may change. */
export const CONTENT_FIELDS = ['title', 'description', 'categoryId', 'images', 'attributes'] as const;

/** Problems with a product id argument (malformed ids are refused before any read). */
export const checkProductId = (field: string, id: string): FieldProblem[] => (isIdOf('prd', id) ? [] : [{ field, message: 'is not a product id' }]);

/** Every problem of an editProduct input; at least one content field must be given. */
export function validateEditProduct(input: EditProductInput): FieldProblem[] {
  const problems: FieldProblem[] = [
    ...checkProductId('productId', input.productId),
    ...(input.title === null || input.title === undefined ? [] : checkText('title', input.title, 1, 255)),
    ...(input.description === null || input.description === undefined ? [] : checkText('description', input.description, 0, 10_000)),
    ...checkCategoryId('categoryId', input.categoryId),
    ...(input.images ? checkImages('images', input.images) : []),
    ...(input.attributes ? checkAttributes('attributes', input.attributes) : []),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
  if (CONTENT_FIELDS.every((f) => input[f] === null || input[f] === undefined)) problems.push({ field: 'input', message: 'must change at least one field' });
  return problems;
}

/** A validated new price of one SKU. */
export interface ValidSkuPrice extends ValidPrice {
  skuId: string;
}

/** Every problem of an updateSkuPrices input, prices parsed in the shop currency. */
export function validateUpdateSkuPrices(input: UpdateSkuPricesInput, shopCurrency: string): { problems: FieldProblem[]; prices: ValidSkuPrice[] } {
  const problems: FieldProblem[] = [...checkProductId('productId', input.productId), ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)];
  if (input.prices.length < 1 || input.prices.length > 100) problems.push({ field: 'prices', message: 'must have 1 to 100 prices' });
  const seen = new Set<string>();
  const prices: ValidSkuPrice[] = [];
  input.prices.forEach((p, i) => {
    const field = `prices[${i}]`;
    if (!isIdOf('sku', p.skuId)) problems.push({ field: `${field}.skuId`, message: 'is not a SKU id' });
    if (seen.has(p.skuId)) problems.push({ field: `${field}.skuId`, message: 'is repeated' });
    seen.add(p.skuId);
    const pair = parsePricePair(field, p.price, p.listPrice, shopCurrency);
    if (Array.isArray(pair)) problems.push(...pair);
    else prices.push({ skuId: p.skuId, ...pair });
  });
  return { problems, prices };
}

/** Problems with a bulk id list: 1 to 100 distinct product ids. */
export function validateBulk(productIds: string[], idempotencyKey: string): FieldProblem[] {
  const problems = checkIdempotencyKey('idempotencyKey', idempotencyKey);
  if (productIds.length < 1 || productIds.length > 100) problems.push({ field: 'productIds', message: 'must have 1 to 100 ids' });
  if (new Set(productIds).size !== productIds.length) problems.push({ field: 'productIds', message: 'must not repeat an id' });
  productIds.forEach((id, i) => problems.push(...checkProductId(`productIds[${i}]`, id)));
  return problems;
}
