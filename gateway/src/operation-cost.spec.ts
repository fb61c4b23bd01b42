import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { MUTATION_FIELD_COST, operationCost } from './operation-cost';

function costOf(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f] as const),
  );
  return operationCost(operation, fragments, variables);
}

describe('operationCost', () => {
  it('counts objects, not scalars', () => {
    expect(costOf('{ shop { id name currencyCode } }')).toBe(1);
    expect(costOf('{ shop { id owner { id } } ping }')).toBe(2);
  });

  it("multiplies a list's selection by the page asked for, literal or variable, and assumes 20 when it is unknown", () => {
    expect(costOf('{ shop { orders(first: 50) { nodes { id lines { sku { id } } } } } }')).toBe(1 + 1 + 50 * (1 + 1 + 1));
    expect(costOf('query($n: Int) { shop { orders(first: $n) { nodes { id } } } }', { n: 5 })).toBe(1 + 1 + 5 * 1);
    expect(costOf('query($n: Int) { shop { orders(first: $n) { nodes { id } } } }')).toBe(1 + 1 + 20 * 1);
  });

  it('counts fragments where they are spread', () => {
    expect(costOf('{ shop { ...F ... on Shop { owner { id } } } } fragment F on Shop { profile { id } }')).toBe(1 + 1 + 1);
  });

  it('adds a fixed cost per root mutation field', () => {
    expect(costOf('mutation { placeOrder(input: {}) { id shop { id } } }')).toBe(1 + 1 + MUTATION_FIELD_COST);
    expect(costOf('mutation { a: payOrder(input: {}) { id } b: payOrder(input: {}) { id } __typename }')).toBe(2 + 2 * MUTATION_FIELD_COST);
  });
});
