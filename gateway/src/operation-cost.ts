import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** What a write costs on top of what it selects: a write does far more work than reading one object. */
export const MUTATION_FIELD_COST = 10;
/** Page size assumed for a list field whose size argument is absent or not a number. */
const DEFAULT_PAGE = 20;
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit']);

/**
 * The cost of an operation for rate limiting, in the manner of Shopify's calculated query cost: every object
 * (a field with a selection) costs 1, scalars are free, a list's selection counts once per item asked for
 * (`first`, `last` or `limit`, from a literal or a variable), and each root mutation field costs
 * {@link MUTATION_FIELD_COST} more. It is an upper bound known before execution, so a request that cannot be
 * afforded is refused before any subgraph is called.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const root = selectionCost(operation.selectionSet, fragments, variables, new Set());
  if (operation.operation !== 'mutation') return root;
  return root + MUTATION_FIELD_COST * rootFieldCount(operation.selectionSet, fragments, new Set());
}

function selectionCost(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  spreading: Set<string>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.selectionSet) continue;
      const page = pageSize(selection.arguments ?? [], variables);
      cost += 1 + page * selectionCost(selection.selectionSet, fragments, variables, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, fragments, variables, spreading);
    } else {
      const fragment = fragments.get(selection.name.value);
      // Validation refuses cycles before this runs; the guard keeps a bad document from looping here anyway.
      if (!fragment || spreading.has(fragment.name.value)) continue;
      spreading.add(fragment.name.value);
      cost += selectionCost(fragment.selectionSet, fragments, variables, spreading);
      spreading.delete(fragment.name.value);
    }
  }
  return cost;
}

function rootFieldCount(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, spreading: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value.startsWith('__') ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, fragments, spreading);
    else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || spreading.has(fragment.name.value)) continue;
      spreading.add(fragment.name.value);
      count += rootFieldCount(fragment.selectionSet, fragments, spreading);
      spreading.delete(fragment.name.value);
    }
  }
  return count;
}

function pageSize(args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>, variables: Readonly<Record<string, unknown>>): number {
  for (const arg of args) {
    if (!PAGE_ARGUMENTS.has(arg.name.value)) continue;
    const value = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : undefined;
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_PAGE;
  }
  return 1;
}
