import { FieldProblem } from '@sc/graphql';

/** The sales attributes of one SKU as given (name and value, e.g. Colour = Red). */
type SalesAttributes = ReadonlyArray<{ name: string; value: string }>;

// Buyers pick a variant by name and value, so comparison ignores case, surrounding blanks and order.
const norm = (text: string) => text.trim().toLowerCase();
const namesOf = (attributes: SalesAttributes) => attributes.map((a) => norm(a.name)).sort();
const combinationOf = (attributes: SalesAttributes) =>
  JSON.stringify(attributes.map((a) => [norm(a.name), norm(a.value)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The marketplace rule for variants: a SKU names each sales attribute at most once, and the SKUs of a
 * product with more than one SKU must each name the same sales attributes (as skus[0]) with a
 * combination of values no other SKU of the product has — otherwise a buyer could not tell them apart.
 * A single-SKU product may have none. Field paths point at the offending SKU (`skus[i].salesAttributes`).
 */
export function checkSalesAttributeCombinations(skus: ReadonlyArray<{ salesAttributes: SalesAttributes }>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  skus.forEach((sku, i) => {
    const seen = new Set<string>();
    sku.salesAttributes.forEach((a, k) => {
      if (seen.has(norm(a.name))) problems.push({ field: `skus[${i}].salesAttributes[${k}].name`, message: 'is repeated in this SKU' });
      seen.add(norm(a.name));
    });
  });
  if (skus.length < 2 || problems.length > 0) return problems;

  const expectedNames = JSON.stringify(namesOf(skus[0].salesAttributes));
  const firstWith = new Map<string, number>();
  skus.forEach((sku, i) => {
    const field = `skus[${i}].salesAttributes`;
    if (sku.salesAttributes.length === 0) {
      problems.push({ field, message: 'must tell this SKU apart from the other SKUs of the product (e.g. Colour, Size)' });
      return;
    }
    if (i > 0 && skus[0].salesAttributes.length > 0 && JSON.stringify(namesOf(sku.salesAttributes)) !== expectedNames) {
      problems.push({ field, message: `must name the same sales attributes as skus[0] (${skus[0].salesAttributes.map((a) => a.name.trim()).join(', ')})` });
      return;
    }
    const combination = combinationOf(sku.salesAttributes);
    const earlier = firstWith.get(combination);
    if (earlier !== undefined) problems.push({ field, message: `repeats the sales attribute values of skus[${earlier}]` });
    else firstWith.set(combination, i);
  });
  return problems;
}
