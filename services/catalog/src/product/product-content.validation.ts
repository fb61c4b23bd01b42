import { FieldProblem, MoneyInput, checkText, parseMoneyInput } from '@sc/graphql';

const MAX_IMAGES = 9;
const MAX_ATTRIBUTES = 50;

/** Problems with image URLs: https only, bounded count and length. */
export function checkImages(field: string, images: string[]): FieldProblem[] {
  if (images.length > MAX_IMAGES) return [{ field, message: `must have at most ${MAX_IMAGES} images` }];
  return images.flatMap((url, i) => {
    const text = checkText(`${field}[${i}]`, url, 1, 2048);
    if (text.length > 0) return text;
    return /^https:\/\/[^\s]+$/.test(url) ? [] : [{ field: `${field}[${i}]`, message: 'must be an https URL' }];
  });
}

/** Problems with name/value attributes (product or sales attributes). */
export function checkAttributes(field: string, attributes: Array<{ name: string; value: string }>, valueMax = 255): FieldProblem[] {
  if (attributes.length > MAX_ATTRIBUTES) return [{ field, message: `must have at most ${MAX_ATTRIBUTES} attributes` }];
  return attributes.flatMap((a, i) => [...checkText(`${field}[${i}].name`, a.name, 1, 64), ...checkText(`${field}[${i}].value`, a.value, 1, valueMax)]);
}

/** Problems with a category id (the listing check decides whether it is a known one). */
export const checkCategoryId = (field: string, categoryId: string | null | undefined): FieldProblem[] =>
  categoryId === null || categoryId === undefined ? [] : checkText(field, categoryId, 1, 64);

/** A validated SKU price pair in minor units. */
export interface ValidPrice {
  priceMinor: bigint;
  listPriceMinor: bigint | null;
  currencyCode: string;
}

/**
 * Parses a price and optional list price in the shop's currency (no other currency is accepted) and
 * checks the list price is not below the price.
 */
export function parsePricePair(field: string, price: MoneyInput, listPrice: MoneyInput | null | undefined, shopCurrency: string): FieldProblem[] | ValidPrice {
  const parsed = parseMoneyInput(`${field}.price`, price, shopCurrency);
  const parsedList = listPrice ? parseMoneyInput(`${field}.listPrice`, listPrice, shopCurrency) : null;
  if (Array.isArray(parsed) || Array.isArray(parsedList)) {
    return [...(Array.isArray(parsed) ? parsed : []), ...(Array.isArray(parsedList) ? parsedList : [])];
  }
  if (parsedList && parsedList.amount < parsed.amount) return [{ field: `${field}.listPrice`, message: 'must not be below the price' }];
  return { priceMinor: parsed.amount, listPriceMinor: parsedList ? parsedList.amount : null, currencyCode: parsed.currencyCode };
}
