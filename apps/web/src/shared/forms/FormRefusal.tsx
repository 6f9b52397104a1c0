import { ApiErrorAlert } from '#shared/ui';

/** A refusal the form could not put under a field, where `useCommandForm` moves the focus to. */
export function FormRefusal({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div data-form-error tabIndex={-1}>
      <ApiErrorAlert error={error} />
    </div>
  );
}
