// The request schemas every feature shares: ids in addresses and bodies, the note limit, and the
// path a form goes back to. One definition each, so the API, the forms and the pages agree.
import { type TProperties, Type } from '@sinclair/typebox';
import { ID_PATTERN } from './content/schema.ts';
import { NOTE_MAX_LENGTH } from './features/progress/rules.ts';

export { ID_PATTERN };

/** A roadmap slug, topic id, section id, choice group or option id, as content files spell them. */
export const Id = (description: string) => Type.String({ pattern: ID_PATTERN, maxLength: 100, description });
export const Slug = Id('Roadmap slug, e.g. backend');
export const TopicId = Id('Topic id, e.g. rest-apis');

// The limit lives with the progress rules, which the browser bundle runs too.
export { NOTE_MAX_LENGTH };
export const NoteMarkdown = Type.String({
  maxLength: NOTE_MAX_LENGTH,
  description: `Markdown, at most ${NOTE_MAX_LENGTH} characters`,
});

/**
 * No control character (a line break would split the Location header), no line or paragraph
 * separator. Whether the path stays on this site is decided where it is used (safeNext).
 */
// A tab is left to safeNext, which sends a path holding one home (it is legal in a header).
export const LOCAL_PATH_PATTERN = '^[^\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$';
export const ReturnPath = Type.String({
  pattern: LOCAL_PATH_PATTERN,
  maxLength: 2000,
  description: 'A path on this site to go to afterwards',
});

/**
 * An HTML form's fields, each sent once (a field sent twice arrives as a list and is refused). The
 * CSRF token is checked by its own plugin, which answers 403; other fields browsers add are let be.
 */
export const FormFields = <T extends TProperties>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), ...fields });
