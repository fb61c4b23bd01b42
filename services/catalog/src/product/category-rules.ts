/** What a category demands of a listing before review accepts it. */
export interface CategoryRule {
  name: string;
  requiredAttributes: string[];
}

/**
 * The categories sellers may list in and their required attributes. Kept in code for now: a small,
 * reviewed table changes with releases, not at runtime.
 */
export const CATEGORY_RULES: Readonly<Record<string, CategoryRule>> = {
  apparel: { name: 'Apparel', requiredAttributes: ['Material'] },
  beauty: { name: 'Beauty & personal care', requiredAttributes: ['Volume', 'Skin type'] },
  home: { name: 'Home & living', requiredAttributes: ['Material'] },
  electronics: { name: 'Electronics', requiredAttributes: ['Brand', 'Warranty'] },
  general: { name: 'General merchandise', requiredAttributes: [] },
};
