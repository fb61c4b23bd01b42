import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { CreateProductInput } from './create-product.input';
import { checkAttributes, checkCategoryId, checkImages, parsePricePair } from './product-content.validation';
import { checkSalesAttributeCombinations } from './sales-attributes.validation';

/** A validated SKU, prices parsed into minor units. */
export interface ValidSku {
  sellerSku: string;
  salesAttributes: Array<{ name: string; value: string }>;
  priceMinor: bigint;
  listPriceMinor: bigint | null;
  currencyCode: string;
  initialStock: number;
}

/** Every problem of a create-product input, given the shop's currency; empty when valid. */
export function validateCreateProduct(input: CreateProductInput, shopCurrency: string): { problems: FieldProblem[]; skus: ValidSku[] } {
  const problems: FieldProblem[] = [
    ...checkText('title', input.title, 1, 255),
    ...checkText('description', input.description, 0, 10_000),
    ...checkCategoryId('categoryId', input.categoryId),
    ...checkImages('images', input.images),
    ...checkAttributes('attributes', input.attributes),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
  if (input.skus.length < 1 || input.skus.length > 100) problems.push({ field: 'skus', message: 'must have 1 to 100 SKUs' });
  const seen = new Set<string>();
  const skus: ValidSku[] = [];
  input.skus.forEach((sku, i) => {
    const field = `skus[${i}]`;
    problems.push(...checkText(`${field}.sellerSku`, sku.sellerSku, 1, 64));
    if (seen.has(sku.sellerSku)) problems.push({ field: `${field}.sellerSku`, message: 'is repeated in this product' });
    seen.add(sku.sellerSku);
    problems.push(...checkAttributes(`${field}.salesAttributes`, sku.salesAttributes, 64));
    problems.push(...checkInteger(`${field}.initialStock`, sku.initialStock, 0, 10_000_000));
    const price = parsePricePair(field, sku.price, sku.listPrice, shopCurrency);
    if (Array.isArray(price)) problems.push(...price);
    else {
      skus.push({
        sellerSku: sku.sellerSku.trim(),
        salesAttributes: sku.salesAttributes.map((a) => ({ name: a.name.trim(), value: a.value.trim() })),
        ...price,
        initialStock: sku.initialStock,
      });
    }
  });
  // Only once each SKU's attributes are well-formed: comparing malformed ones would add noise.
  if (problems.every((p) => !/^skus\[\d+\]\.salesAttributes/.test(p.field))) problems.push(...checkSalesAttributeCombinations(input.skus));
  return { problems, skus };
}
