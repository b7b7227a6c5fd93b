// Turns TypeBox schema errors into readable problems at the right line of a YAML file.
import type { TSchema } from '@sinclair/typebox';
import { FormatRegistry } from '@sinclair/typebox';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { ContentProblem, PathSegment, YamlSource } from './source.ts';

if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', (value) => URL.canParse(value));

function toSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function literalChoices(schema: TSchema): string[] | undefined {
  const anyOf = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!anyOf?.every((member) => 'const' in member)) return undefined;
  return anyOf.map((member) => String((member as unknown as { const: unknown }).const));
}

function describe(error: ValueError, segments: PathSegment[]): { message: string; atKey: boolean } {
  const field = segments.filter((s) => typeof s === 'string').at(-1) ?? 'value';
  const got = JSON.stringify(error.value);
  const choices = literalChoices(error.schema);
  if (choices) {
    const what = field === 'type' ? 'unknown topic type' : `unknown ${field}`;
    return { message: `${what} ${got}: expected one of ${choices.join(', ')}`, atKey: false };
  }
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { message: `missing ${field}`, atKey: false };
    case ValueErrorType.ObjectAdditionalProperties:
      return { message: `unknown field "${field}"`, atKey: true };
    case ValueErrorType.StringPattern:
      if (field === 'question') return { message: `a question ends in "?": ${got}`, atKey: false };
      if (field === 'seeAlso')
        return { message: `malformed see-also link ${got}: write roadmap/topic-id`, atKey: false };
      return {
        message: `malformed id ${got} in ${field}: use lowercase kebab-case (a-z, 0-9, -)`,
        atKey: false,
      };
    case ValueErrorType.StringMinLength:
      return { message: `${field} must not be empty`, atKey: false };
    case ValueErrorType.StringMaxLength:
      return { message: `${field} is too long (at most ${error.schema.maxLength} characters)`, atKey: false };
    case ValueErrorType.ArrayMinItems:
      return { message: `${field} needs at least ${error.schema.minItems} entries`, atKey: false };
    default:
      return { message: `${field}: ${error.message.toLowerCase()} (got ${got})`, atKey: false };
  }
}

/**
 * A union of a string and an object (a section's topic entry) reports only "expected union": the
 * errors of the member with the value's own type say what is wrong.
 */
function* errorsOf(errors: Iterable<ValueError>): Generator<ValueError> {
  for (const error of errors) {
    if (error.type !== ValueErrorType.Union || literalChoices(error.schema)) {
      yield error;
      continue;
    }
    const members = (error.schema as { anyOf?: TSchema[] }).anyOf ?? [];
    const type = typeof error.value === 'object' && error.value !== null ? 'object' : typeof error.value;
    const index = members.findIndex((member) => member.type === type);
    const member = error.errors[index];
    if (member) yield* errorsOf(member);
    else yield error;
  }
}

/** Schema problems of one document, at most one per location, most specific first. */
export function schemaProblems(source: YamlSource, schema: TSchema): ContentProblem[] {
  const seen = new Set<string>();
  const problems: ContentProblem[] = [];
  for (const error of errorsOf(Value.Errors(schema, source.data))) {
    if (error.type === ValueErrorType.Union && !literalChoices(error.schema)) continue;
    let segments = toSegments(error.path);
    const { message, atKey } = describe(error, segments);
    if (error.type === ValueErrorType.ObjectRequiredProperty) segments = segments.slice(0, -1);
    const key = `${error.path}|${message}`;
    if (seen.has(key) || [...seen].some((k) => k.startsWith(`${error.path}|`))) continue;
    seen.add(key);
    problems.push(source.problem(segments, message, { key: atKey }));
  }
  return problems;
}
