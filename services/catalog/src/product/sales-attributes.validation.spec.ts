import { checkSalesAttributeCombinations } from './sales-attributes.validation';

const sku = (...pairs: Array<[string, string]>) => ({ salesAttributes: pairs.map(([name, value]) => ({ name, value })) });

describe('checkSalesAttributeCombinations', () => {
  it('accepts a single SKU without sales attributes and SKUs with distinct combinations', () => {
    expect(checkSalesAttributeCombinations([sku()])).toEqual([]);
    expect(
      checkSalesAttributeCombinations([
        sku(['Colour', 'Black'], ['Size', 'M']),
        sku(['Size', 'L'], ['Colour', 'Black']),
        sku(['Colour', 'White'], ['Size', 'M']),
      ]),
    ).toEqual([]);
  });

  it('refuses a combination another SKU already has, ignoring case, blanks and order', () => {
    expect(
      checkSalesAttributeCombinations([
        sku(['Colour', 'Black'], ['Size', 'M']),
        sku(['Colour', 'White'], ['Size', 'M']),
        sku([' size ', 'm'], ['colour', 'BLACK']),
      ]),
    ).toEqual([{ field: 'skus[2].salesAttributes', message: 'repeats the sales attribute values of skus[0]' }]);
  });

  it('refuses SKUs of a multi-SKU product that cannot be told apart or name other attributes', () => {
    expect(checkSalesAttributeCombinations([sku(), sku()])).toEqual([
      { field: 'skus[0].salesAttributes', message: expect.stringContaining('must tell this SKU apart') },
      { field: 'skus[1].salesAttributes', message: expect.stringContaining('must tell this SKU apart') },
    ]);
    expect(checkSalesAttributeCombinations([sku(['Colour', 'Red']), sku(['Colour', 'Red'], ['Size', 'M'])])).toEqual([
      { field: 'skus[1].salesAttributes', message: 'must name the same sales attributes as skus[0] (Colour)' },
    ]);
  });

  it('refuses a sales attribute named twice in one SKU, even for a single SKU', () => {
    expect(checkSalesAttributeCombinations([sku(['Colour', 'Red'], ['colour', 'Blue'])])).toEqual([
      { field: 'skus[0].salesAttributes[1].name', message: 'is repeated in this SKU' },
    ]);
  });
});
