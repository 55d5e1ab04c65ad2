import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** `successors.1.code` or `successors[1].code` → `['successors', 1, 'code']` (antd name path). */
export function toNamePath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Put a server error on the form field it names. Returns true when placed; otherwise the caller
 * shows the message above the form.
 */
export function placeApiErrorOnField<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldNames: readonly string[],
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const path = toNamePath(error.field);
  const first = path[0];
  if (typeof first !== 'string' || !fieldNames.includes(first)) return false;
  form.setFields([{ name: path as never, errors: [error.message] }]);
  form.scrollToField(path as never, { block: 'center' });
  return true;
}
