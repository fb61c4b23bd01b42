import { CATEGORY_RULES } from './category-rules';

/** The listing content review looks at. */
export interface ListingContent {
  title: string;
  description: string;
  categoryId: string | null;
  images: string[];
  attributes: Array<{ name: string; value: string }>;
}

/** One reason review would refuse a listing. */
export interface ListingProblem {
  field: string;
  code: 'CATEGORY_REQUIRED' | 'UNKNOWN_CATEGORY' | 'MISSING_ATTRIBUTE' | 'NO_IMAGES' | 'TITLE_LENGTH' | 'TITLE_ALL_CAPS' | 'TITLE_PROMOTIONAL';
  message: string;
}

const TITLE_MIN = 25;
const TITLE_MAX = 255;
// Marketplace policy: titles describe the product; price talk and hype belong in promotions.
const PROMOTIONAL = /\b(free|sale|discount|cheap|cheapest|best price|hot deal|limited offer|clearance|\d+\s*% off)\b/i;

/**
 * What review would refuse in this listing (empty when it would pass). The same check backs the
 * `checkListing` dry run, `createProduct(saveMode: LISTING)` and `submitProductForReview`.
 */
export function checkListing(content: ListingContent): ListingProblem[] {
  const problems: ListingProblem[] = [];
  const title = content.title.trim();
  if (title.length < TITLE_MIN || title.length > TITLE_MAX) {
    problems.push({ field: 'title', code: 'TITLE_LENGTH', message: `must be ${TITLE_MIN} to ${TITLE_MAX} characters` });
  }
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    problems.push({ field: 'title', code: 'TITLE_ALL_CAPS', message: 'must not be written in capitals only' });
  }
  if (PROMOTIONAL.test(title)) problems.push({ field: 'title', code: 'TITLE_PROMOTIONAL', message: 'must not contain promotional words' });
  if (content.images.length === 0) problems.push({ field: 'images', code: 'NO_IMAGES', message: 'must have at least one image' });
  if (!content.categoryId) {
    problems.push({ field: 'categoryId', code: 'CATEGORY_REQUIRED', message: 'must be set before review' });
    return problems;
  }
  const rule = CATEGORY_RULES[content.categoryId];
  if (!rule) {
    problems.push({ field: 'categoryId', code: 'UNKNOWN_CATEGORY', message: 'is not a known category' });
    return problems;
  }
  const present = new Set(content.attributes.filter((a) => a.value.trim()).map((a) => a.name.trim().toLowerCase()));
  for (const required of rule.requiredAttributes) {
    if (!present.has(required.toLowerCase())) {
      problems.push({ field: 'attributes', code: 'MISSING_ATTRIBUTE', message: `${required} is required in ${rule.name}` });
    }
  }
  return problems;
}
