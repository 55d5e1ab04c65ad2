import { type MessageKey, type NounKey, nounRef } from './i18n/messages.ts';

/**
 * An error the client should see: HTTP status, a stable code, a message key (translated at the
 * edge by `Accept-Language`) and the field it concerns.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly field: string | null = null,
    readonly details?: unknown,
  ) {
    super(key);
    this.name = 'AppError';
  }

  get code(): string {
    return this.key;
  }
}

export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const forbidden = () => new AppError(403, 'forbidden');
export const forbiddenUnit = () => new AppError(403, 'forbidden_unit');
export const notFound = (what: NounKey) => new AppError(404, 'not_found', { what: nounRef(what) });
export const versionConflict = (current: unknown) =>
  new AppError(409, 'conflict_version', {}, 'version', { current });
export const invalid = (field: string, detail: string) =>
  new AppError(400, 'validation', { field, detail }, field);
