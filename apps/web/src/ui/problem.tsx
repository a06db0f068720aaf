import { Alert, List } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';

/**
 * Puts a failed request's `errors[]` beside the form's fields and returns what is left to say
 * (the problem's `detail`) for a FormProblem near the submit button.
 */
export function applyProblem<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  error: unknown,
): string | null {
  if (!(error instanceof ApiProblem)) return null;
  const fields = Object.keys(form.getValues());
  let placed = 0;
  for (const { field, message } of error.problem.errors ?? []) {
    if (fields.includes(field)) {
      form.setFieldError(field, message);
      placed += 1;
    }
  }
  const total = error.problem.errors?.length ?? 0;
  if (placed > 0 && placed === total) return null;
  return error.problem.detail ?? error.problem.title ?? null;
}

/** The message of a failed request: the problem's `detail`, or a plain sentence. */
export function ProblemAlert({
  error,
  message,
  title,
}: {
  error?: unknown;
  message?: string | null;
  title?: string;
}) {
  const { t } = useTranslation();
  if (!error && !message) return null;
  const problem = error instanceof ApiProblem ? error.problem : null;
  const text = message ?? problem?.detail ?? problem?.title ?? t('common.somethingWrong');
  return (
    <Alert color="red" variant="outline" role="alert" title={title}>
      {text}
      {problem?.unmet?.length ? (
        <List size="sm" mt="xs">
          {problem.unmet.map((item, i) => (
            <List.Item key={item.key ?? i}>
              {item.title ?? item.detail}
              {item.have !== undefined && item.need !== undefined
                ? ` (${t('common.haveOfNeed', { have: item.have, need: item.need })})`
                : ''}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
