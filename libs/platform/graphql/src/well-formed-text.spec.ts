import { illFormedTextPaths } from './well-formed-text';
import { checkText } from './validation';

describe('well-formed text at the edge', () => {
  const lone = 'Summer \ud800 sale';

  it('finds lone surrogates anywhere in the variables, by path', () => {
    expect(illFormedTextPaths({ input: { title: lone, items: ['ok', lone], nested: [{ note: lone }] } }, '')).toEqual([
      'input.title',
      'input.items[1]',
      'input.nested[0].note',
    ]);
  });

  it('accepts well-formed text, including characters outside the BMP (surrogate pairs)', () => {
    expect(illFormedTextPaths({ input: { title: 'Été 🌞 sale', count: 3, none: null } }, '')).toEqual([]);
  });

  it('refuses a lone surrogate in checkText as well, for callers that bypass GraphQL', () => {
    expect(checkText('title', lone, 1, 100)).toEqual([{ field: 'title', message: 'must be well-formed Unicode text' }]);
    expect(checkText('title', '\udc00', 1, 100)).toHaveLength(1);
    expect(checkText('title', 'Plain title', 1, 100)).toEqual([]);
  });
});
