// Turns Ajv's validation errors into one sentence a person understands, naming the field and, where
// the schema has a list, the allowed values ("status must be one of: pending, learning, done").
// Needs Ajv's `verbose` errors: the schema around a failed keyword holds the fields and choices.
import { ID_PATTERN, LOCAL_PATH_PATTERN } from '../schemas.ts';

export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  /** With Ajv's `verbose`: the schema holding the failed keyword, and the value it looked at. */
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

export type ValidationContext = 'body' | 'params' | 'querystring' | 'headers' | string;

const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const PATTERN_MEANINGS: Record<string, string> = {
  [ID_PATTERN]: 'must be lowercase letters and digits with single hyphens between words, like rest-apis',
  [LOCAL_PATH_PATTERN]: 'must not contain line breaks or other control characters',
};

const FORMAT_MEANINGS: Record<string, string> = {
  'date-time': 'a date and time such as 2026-01-31T09:30:00Z',
  date: 'a date such as 2026-01-31',
  email: 'an email address',
};

const WHERE: Record<string, string> = {
  params: ' in the address',
  querystring: ' in the query string',
  headers: ' header',
};

function nounOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'number') return 'a number';
  return 'an object';
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The field an issue is about, as a person would name it: topics.sql.status, or "slug in the address". */
function fieldName(instancePath: string, context: ValidationContext, child?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof child === 'string') parts.push(child);
  if (parts.length === 0) return context === 'body' ? 'The body' : `The ${context}`;
  return `${parts.join('.')}${WHERE[context] ?? ''}`;
}

function describeIssue(issue: ValidationIssue, context: ValidationContext): string {
  const { params } = issue;
  const field = fieldName(issue.instancePath, context);
  switch (issue.keyword) {
    case 'required':
      return `${fieldName(issue.instancePath, context, params.missingProperty)} is required`;
    case 'additionalProperties': {
      const unknown = fieldName(issue.instancePath, context, params.additionalProperty);
      const allowed = Object.keys((issue.parentSchema?.properties as object | undefined) ?? {});
      return allowed.length > 0
        ? `Unknown field "${unknown}": the allowed fields are ${allowed.join(', ')}`
        : `Unknown field "${unknown}"`;
    }
    case 'type': {
      const expected = [params.type].flat().map((type) => TYPE_NOUNS[String(type)] ?? String(type));
      const wanted = field === 'The body' ? 'a JSON object' : expected.join(' or ');
      return `${field} must be ${wanted}${'data' in issue ? `, not ${nounOf(issue.data)}` : ''}`;
    }
    case 'minLength':
      return params.limit === 1
        ? `${field} must not be empty`
        : `${field} must be at least ${params.limit} characters`;
    case 'maxLength':
      return `${field} must be at most ${params.limit} characters`;
    case 'pattern':
      return `${field} ${PATTERN_MEANINGS[String(params.pattern)] ?? 'is not in the expected form'}`;
    case 'format':
      return `${field} must be ${FORMAT_MEANINGS[String(params.format)] ?? `a valid ${params.format}`}`;
    case 'const':
      return `${field} must be ${show(params.allowedValue)}`;
    case 'enum':
      return `${field} must be one of: ${(params.allowedValues as unknown[]).map(show).join(', ')}`;
    case 'maxProperties':
      return `${field} must have at most ${params.limit} entries`;
    case 'minProperties':
      return `${field} must have at least ${params.limit} entries`;
    case 'maxItems':
      return `${field} must have at most ${params.limit} items`;
    case 'minItems':
      return `${field} must have at least ${params.limit} items`;
    case 'maximum':
      return `${field} must be at most ${params.limit}`;
    case 'minimum':
      return `${field} must be at least ${params.limit}`;
    default:
      return `${field} is not valid`;
  }
}

/** A value that matched none of a union's choices: list the choices, or explain the closest miss. */
function describeAnyOf(anyOf: ValidationIssue, branches: ValidationIssue[], context: ValidationContext) {
  const field = fieldName(anyOf.instancePath, context);
  const choices = (anyOf.parentSchema?.anyOf as Record<string, unknown>[] | undefined) ?? [];
  if (choices.length > 0 && choices.every((choice) => 'const' in choice)) {
    return `${field} must be one of: ${choices.map((choice) => show(choice.const)).join(', ')}`;
  }
  // A choice whose type matched but that failed otherwise (a pattern, a length) is the closest miss.
  const closer = branches.find((issue) => issue.keyword !== 'type' && issue.keyword !== 'const');
  if (closer) return describeIssue(closer, context);
  const nouns = choices.map((choice) =>
    'const' in choice ? show(choice.const) : (TYPE_NOUNS[String(choice.type)] ?? 'something else'),
  );
  return `${field} must be ${nouns.join(' or ')}${'data' in anyOf ? `, not ${nounOf(anyOf.data)}` : ''}`;
}

export function describeValidation(issues: ValidationIssue[], context: ValidationContext): string {
  // Ajv stops at the first failed keyword; when that is a union, its choices' errors come first.
  const anyOf = issues.findLast((issue) => issue.keyword === 'anyOf');
  if (anyOf) {
    return describeAnyOf(
      anyOf,
      issues.filter((issue) => issue !== anyOf),
      context,
    );
  }
  const first = issues[0];
  return first ? describeIssue(first, context) : 'The request is not valid';
}
