import {
  type FieldNode,
  getNamedType,
  GraphQLError,
  type GraphQLNamedType,
  isObjectType,
  isInterfaceType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  Kind,
  type GraphQLField,
} from 'graphql';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxComplexity: number;
}

/** Codes of the refusals (HTTP 400 before anything runs). */
export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * Introspection is cyclic (`__Type.fields.type.ofType…`); the standard introspection query that IDEs send is 15
 * levels deep. It is held to this fixed depth whatever PLUMBLINE_MAX_QUERY_DEPTH says.
 */
export const INTROSPECTION_MAX_DEPTH = 16;

/** Page size assumed for a list argument (`first`, `last`, `limit`) given as a variable: rules see no values. */
export const ASSUMED_PAGE_SIZE = 100;
const PAGE_ARGUMENTS = new Set(['first', 'last', 'limit']);

/**
 * Refuses operations deeper or costlier than the limits, before execution. Depth counts nested fields
 * (fragments expanded). Cost: each field costs its `complexity` extension (Nest `@Field({ complexity })`,
 * default 1), and the cost of a field's selection is multiplied by its page argument when it has one.
 *
 * Each fragment is measured once per document and its measure reused at every spread, so the work is linear in
 * the size of the document: a fragment spread twice at each of 30 levels costs 30 measures, not 2^30.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => {
    const walk: Walk = { context, fragments: new Map() };
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const root = rootType(context, operation);
        if (!root) return;
        report(context, operation, measure(walk, operation.selectionSet, root), limits);
      },
    };
  };
}

function report(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  measured: Measure,
  limits: QueryLimits,
): void {
  const refuse = (message: string, extensions: Record<string, unknown>) =>
    context.reportError(new GraphQLError(message, { nodes: [operation], extensions }));
  if (measured.depth > limits.maxDepth) {
    refuse(
      `query depth ${measured.depth} exceeds the limit of ${limits.maxDepth} (PLUMBLINE_MAX_QUERY_DEPTH)`,
      {
        code: QUERY_TOO_DEEP,
        depth: measured.depth,
        maxDepth: limits.maxDepth,
      },
    );
  }
  if (measured.introspectionDepth > INTROSPECTION_MAX_DEPTH) {
    refuse(
      `introspection depth ${measured.introspectionDepth} exceeds the limit of ${INTROSPECTION_MAX_DEPTH}`,
      {
        code: QUERY_TOO_DEEP,
        depth: measured.introspectionDepth,
        maxDepth: INTROSPECTION_MAX_DEPTH,
      },
    );
  }
  if (measured.cost > limits.maxComplexity) {
    refuse(
      `query complexity ${measured.cost} exceeds the limit of ${limits.maxComplexity} (PLUMBLINE_MAX_QUERY_COMPLEXITY)`,
      { code: QUERY_TOO_COMPLEX, complexity: measured.cost, maxComplexity: limits.maxComplexity },
    );
  }
}

interface Measure {
  /** Depth of application fields. */
  depth: number;
  /** Depth below `__schema` / `__type`. */
  introspectionDepth: number;
  cost: number;
}

function rootType(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): GraphQLNamedType | undefined {
  const schema = context.getSchema();
  if (operation.operation === 'query') return schema.getQueryType() ?? undefined;
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  return schema.getSubscriptionType() ?? undefined;
}

/** One document's walk: the measure of each named fragment, `null` while it is being measured. */
interface Walk {
  readonly context: ValidationContext;
  readonly fragments: Map<string, Measure | null>;
}

const NOTHING: Measure = { depth: 0, introspectionDepth: 0, cost: 0 };

function measure(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): Measure {
  const result: Measure = { depth: 0, introspectionDepth: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      inner = measureField(walk, selection, parent);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? walk.context.getSchema().getType(selection.typeCondition.name.value)
        : parent;
      inner = measure(walk, selection.selectionSet, condition ?? undefined);
    } else {
      inner = measureFragment(walk, selection.name.value);
    }
    result.depth = Math.max(result.depth, inner.depth);
    result.introspectionDepth = Math.max(result.introspectionDepth, inner.introspectionDepth);
    result.cost += inner.cost;
  }
  return result;
}

/** A named fragment's measure, computed at its first spread. */
function measureFragment(walk: Walk, name: string): Measure {
  const known = walk.fragments.get(name);
  // `null`: a cycle of fragments, which graphql's own NoFragmentCycles rule reports.
  if (known !== undefined) return known ?? NOTHING;
  const fragment = walk.context.getFragment(name);
  if (!fragment) return NOTHING;
  walk.fragments.set(name, null);
  const condition = walk.context.getSchema().getType(fragment.typeCondition.name.value);
  const measured = measure(walk, fragment.selectionSet, condition ?? undefined);
  walk.fragments.set(name, measured);
  return measured;
}

function measureField(walk: Walk, field: FieldNode, parent: GraphQLNamedType | undefined): Measure {
  const name = field.name.value;
  const definition: GraphQLField<unknown, unknown> | undefined =
    parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const own = typeof definition?.extensions?.complexity === 'number' ? definition.extensions.complexity : 1;
  if (!field.selectionSet) return { depth: 1, introspectionDepth: 0, cost: own };
  const inner = measure(walk, field.selectionSet, definition ? getNamedType(definition.type) : undefined);
  const measured = {
    depth: inner.depth + 1,
    introspectionDepth: inner.introspectionDepth,
    cost: own + pageSize(field) * inner.cost,
  };
  if (name === '__schema' || name === '__type') {
    return {
      depth: 0,
      introspectionDepth: Math.max(measured.depth, inner.introspectionDepth),
      cost: measured.cost,
    };
  }
  if (inner.introspectionDepth > 0) measured.introspectionDepth = inner.introspectionDepth;
  return measured;
}

/**
 * The page size a field asks for: an Int `first`/`last`/`limit` argument, or such a field of an input-object
 * argument (`log(page: { first: 500 })`); a variable in either place counts as ASSUMED_PAGE_SIZE.
 */
function pageSize(field: FieldNode): number {
  for (const argument of field.arguments ?? []) {
    const candidates =
      argument.value.kind === Kind.OBJECT
        ? argument.value.fields.map((f) => ({ name: f.name.value, value: f.value }))
        : [{ name: argument.name.value, value: argument.value }];
    for (const { name, value } of candidates) {
      if (!PAGE_ARGUMENTS.has(name)) continue;
      if (value.kind === Kind.INT) return Math.max(1, Number(value.value));
      if (value.kind === Kind.VARIABLE) return ASSUMED_PAGE_SIZE;
    }
  }
  return 1;
}
