import { FieldProblem, checkIdempotencyKey, checkInteger, checkText, parseMoneyInput } from '@sc/graphql';
import { CreateProductInput } from './create-product.input';

/** A validated SKU, price parsed into minor units. */
export interface ValidSku {
  sellerSku: string;
  salesAttributes: Array<{ name: string; value: string }>;
  priceMinor: bigint;
  currencyCode: string;
  initialStock: number;
}

/** Every problem of a create-product input, given the shop's currency; empty when valid. */
export function validateCreateProduct(input: CreateProductInput, shopCurrency: string): { problems: FieldProblem[]; skus: ValidSku[] } {
  const problems: FieldProblem[] = [
    ...checkText('title', input.title, 1, 255),
    ...checkText('description', input.description, 0, 10_000),
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
    sku.salesAttributes.forEach((a, j) => {
      problems.push(...checkText(`${field}.salesAttributes[${j}].name`, a.name, 1, 64));
      problems.push(...checkText(`${field}.salesAttributes[${j}].value`, a.value, 1, 64));
    });
    problems.push(...checkInteger(`${field}.initialStock`, sku.initialStock, 0, 10_000_000));
    const price = parseMoneyInput(`${field}.price`, sku.price, shopCurrency);
    if (Array.isArray(price)) problems.push(...price);
    else {
      skus.push({
        sellerSku: sku.sellerSku.trim(),
        salesAttributes: sku.salesAttributes.map((a) => ({ name: a.name.trim(), value: a.value.trim() })),
        priceMinor: price.amount,
        currencyCode: price.currencyCode,
        initialStock: sku.initialStock,
      });
    }
  });
  return { problems, skus };
}
