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
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = rootType(context, operation);
      if (!root) return;
      const measured = measure(context, operation.selectionSet, root, new Set());
      if (measured.depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(
            `query depth ${measured.depth} exceeds the limit of ${limits.maxDepth} (PLUMBLINE_MAX_QUERY_DEPTH)`,
            {
              nodes: [operation],
              extensions: { code: QUERY_TOO_DEEP, depth: measured.depth, maxDepth: limits.maxDepth },
            },
          ),
        );
      }
      if (measured.introspectionDepth > INTROSPECTION_MAX_DEPTH) {
        context.reportError(
          new GraphQLError(
            `introspection depth ${measured.introspectionDepth} exceeds the limit of ${INTROSPECTION_MAX_DEPTH}`,
            {
              nodes: [operation],
              extensions: {
                code: QUERY_TOO_DEEP,
                depth: measured.introspectionDepth,
                maxDepth: INTROSPECTION_MAX_DEPTH,
              },
            },
          ),
        );
      }
      if (measured.cost > limits.maxComplexity) {
        context.reportError(
          new GraphQLError(
            `query complexity ${measured.cost} exceeds the limit of ${limits.maxComplexity} (PLUMBLINE_MAX_QUERY_COMPLEXITY)`,
            {
              nodes: [operation],
              extensions: {
                code: QUERY_TOO_COMPLEX,
                complexity: measured.cost,
                maxComplexity: limits.maxComplexity,
              },
            },
          ),
        );
      }
    },
  });
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

function measure(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  visiting: ReadonlySet<string>,
): Measure {
  const result: Measure = { depth: 0, introspectionDepth: 0, cost: 0 };
  for (const selection of selectionSet.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      inner = measureField(context, selection, parent, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? context.getSchema().getType(selection.typeCondition.name.value)
        : parent;
      inner = measure(context, selection.selectionSet, condition ?? undefined, visiting);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A cycle of fragments is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || visiting.has(name)) continue;
      const condition = context.getSchema().getType(fragment.typeCondition.name.value);
      inner = measure(context, fragment.selectionSet, condition ?? undefined, new Set([...visiting, name]));
    }
    result.depth = Math.max(result.depth, inner.depth);
    result.introspectionDepth = Math.max(result.introspectionDepth, inner.introspectionDepth);
    result.cost += inner.cost;
  }
  return result;
}

function measureField(
  context: ValidationContext,
  field: FieldNode,
  parent: GraphQLNamedType | undefined,
  visiting: ReadonlySet<string>,
): Measure {
  const name = field.name.value;
  const definition: GraphQLField<unknown, unknown> | undefined =
    parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const own = typeof definition?.extensions?.complexity === 'number' ? definition.extensions.complexity : 1;
  if (!field.selectionSet) return { depth: 1, introspectionDepth: 0, cost: own };
  const inner = measure(
    context,
    field.selectionSet,
    definition ? getNamedType(definition.type) : undefined,
    visiting,
  );
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
