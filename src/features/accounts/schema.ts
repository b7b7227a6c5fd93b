// Request and reply schemas of the accounts API.
import { Type } from '@sinclair/typebox';

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
});

export const PasswordChange = Type.Object(
  {
    current: Type.String({ minLength: 1, maxLength: 256 }),
    next: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const PasswordConfirmation = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
