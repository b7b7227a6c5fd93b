// Query strings of the single sign-on routes.
import { Type } from '@sinclair/typebox';
import { ReturnPath } from '../../schemas.ts';

const Param = Type.String({ maxLength: 4096 });

export const StartQuery = Type.Object({ next: Type.Optional(ReturnPath) }, { additionalProperties: false });

/** What an issuer sends back (RFC 6749 §4.1.2, RFC 9207's iss); issuers may add their own fields. */
export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Param),
    state: Type.Optional(Param),
    iss: Type.Optional(Param),
    error: Type.Optional(Param),
    error_description: Type.Optional(Param),
  },
  { additionalProperties: true },
);
