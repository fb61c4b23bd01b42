import { ListingContent, checkListing } from './listing-check';

const good: ListingContent = {
  title: 'Organic cotton crew-neck tee, relaxed fit',
  description: '',
  categoryId: 'apparel',
  images: ['https://img.example/tee.jpg'],
  attributes: [{ name: 'Material', value: 'Cotton' }],
};
const codes = (content: Partial<ListingContent>) => checkListing({ ...good, ...content }).map((p) => p.code);

describe('listing check', () => {
  it('passes a complete listing', () => {
    expect(checkListing(good)).toEqual([]);
  });

  it.each([
    ['a short title', { title: 'Cotton tee' }, ['TITLE_LENGTH']],
    ['a title over 255 characters', { title: 'Cotton tee '.repeat(30) }, ['TITLE_LENGTH']],
    ['an all-caps title', { title: 'ORGANIC COTTON CREW-NECK TEE 2024' }, ['TITLE_ALL_CAPS']],
    ['a promotional title', { title: 'Organic cotton tee on SALE today only' }, ['TITLE_PROMOTIONAL']],
    ['a percentage-off title', { title: 'Organic cotton crew-neck tee 50% off' }, ['TITLE_PROMOTIONAL']],
    ['no images', { images: [] }, ['NO_IMAGES']],
    ['no category', { categoryId: null }, ['CATEGORY_REQUIRED']],
    ['an unknown category', { categoryId: 'weapons' }, ['UNKNOWN_CATEGORY']],
    ['a missing required attribute', { attributes: [] }, ['MISSING_ATTRIBUTE']],
    ['a blank required attribute', { attributes: [{ name: 'material', value: ' ' }] }, ['MISSING_ATTRIBUTE']],
    ['two missing attributes', { categoryId: 'beauty', attributes: [] }, ['MISSING_ATTRIBUTE', 'MISSING_ATTRIBUTE']],
  ])('reports %s', (_name, content, expected) => {
    expect(codes(content as Partial<ListingContent>)).toEqual(expected);
  });

  it('matches required attributes case-insensitively', () => {
    expect(codes({ attributes: [{ name: 'material', value: 'Linen' }] })).toEqual([]);
  });
});
