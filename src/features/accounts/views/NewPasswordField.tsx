// The new-password field every form that sets a password shares: the same limits the service
// checks, the same hint, and the error (when there is one) read with it by screen readers.

export interface NewPasswordFieldProps {
  /** The form field's name, which the route reads (`next` or `password`). */
  name: string;
  /** The id of the form's error message, when it shows one. */
  errorId?: string | undefined;
  hint?: string;
}

export function NewPasswordField({
  name,
  errorId,
  hint = 'At least 8 characters. Very common passwords are refused.',
}: NewPasswordFieldProps) {
  const hintId = `${name}-hint`;
  return (
    <>
      <label for={name}>New password</label>
      <input
        id={name}
        name={name}
        type="password"
        autocomplete="new-password"
        required
        minLength={8}
        maxLength={256}
        aria-describedby={errorId ? `${errorId} ${hintId}` : hintId}
      />
      <p class="hint" id={hintId}>
        {hint}
      </p>
    </>
  );
}
