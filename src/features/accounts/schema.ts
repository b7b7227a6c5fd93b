// Request and reply schemas of the accounts API.
import { Type } from '@sinclair/typebox';
import { FormFields, ReturnPath } from '../../schemas.ts';

export const Credentials = Type.Object(
  {
    email: Type.String({
      minLength: 1,
      maxLength: 254,
      description: 'Compared without regard to letter case',
    }),
    password: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'At least 8 characters, not a common password',
    }),
  },
  { additionalProperties: false },
);

export const LearnerOut = Type.Object({
  id: Type.String(),
  email: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  emailVerifiedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the address was confirmed with a mailed link; null until then',
  }),
});

const Email = Type.String({
  minLength: 1,
  maxLength: 254,
  description: 'Compared without regard to letter case',
});
const NewPasswordField = Type.String({
  minLength: 1,
  maxLength: 256,
  description: 'At least 8 characters, not a common password',
});

export const EmailOnly = Type.Object({ email: Email }, { additionalProperties: false });
export const NewPassword = Type.Object({ password: NewPasswordField }, { additionalProperties: false });
export const EmailChange = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 256, description: 'The current password' }),
  },
  { additionalProperties: false },
);
export const MailAccepted = Type.Object({ message: Type.String() });
/** A token from a mailed link; its form is checked by the service, which says what is wrong. */
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const PasswordChange = Type.Object(
  {
    current: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'Required, except right after signing in with a one-time password',
      }),
    ),
    next: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const PasswordConfirmation = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

// The account forms and pages. Their text fields are only bounded here: the rules (a real email,
// a long enough password) are the service's, so that they show in the form rather than as a 400.
const Text = (maxLength: number) => Type.String({ maxLength });
export const AuthForm = FormFields({
  email: Text(254),
  password: Text(256),
  next: Type.Optional(ReturnPath),
});
// No current password on the form a one-time password leads to (see password-change-gate.ts).
export const PasswordForm = FormFields({ current: Type.Optional(Text(256)), next: Text(256) });
export const DeleteForm = FormFields({ password: Text(256) });
export const SignOutForm = FormFields({});
export const AuthQuery = Type.Object({
  next: Type.Optional(ReturnPath),
  notice: Type.Optional(Text(50)),
});
export const AccountQuery = Type.Object({ notice: Type.Optional(Text(50)) });
export const EmailForm = FormFields({ email: Text(254) });
export const NewPasswordForm = FormFields({ password: Text(256) });
export const EmailChangeForm = FormFields({ email: Text(254), password: Text(256) });
