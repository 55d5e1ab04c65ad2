import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { IdempotencyRepository } from '../repositories/idempotency.repository.ts';
import type { Actor } from './actor.ts';

/** What a key may look like: a UUID, or any 8–100 letters, digits, `-`, `_`, `:` and `.`. */
const KEY_PATTERN = /^[A-Za-z0-9_:.-]{8,100}$/;
const KEEP_DAYS = 7;

/**
 * Mutations a device may send more than once — an offline queue replayed after a lost answer —
 * run once per `Idempotency-Key`: the key is taken in the same transaction as the mutation, so
 * a repeat (even a concurrent one) gets the first answer and changes nothing. A key sent with a
 * different request (another route or report) is refused. No key: the request runs as before.
 */
export class IdempotencyService {
  constructor(
    private readonly database: Database,
    private readonly keys: IdempotencyRepository,
  ) {}

  async once<T>(
    actor: Actor,
    key: string | string[] | undefined,
    scope: string,
    status: number,
    run: () => Promise<T>,
  ): Promise<T> {
    if (key === undefined || actor.userId === null) return run();
    const text = Array.isArray(key) ? key.join(',') : key;
    if (!KEY_PATTERN.test(text)) {
      throw new AppError(
        400,
        'validation',
        { field: 'Idempotency-Key', detail: '8–100 chữ cái, chữ số, "-", "_", ":" hoặc "."' },
        'Idempotency-Key',
      );
    }
    const userId = actor.userId;
    return this.database.transaction(async () => {
      if (!(await this.keys.claim(userId, text, scope))) {
        const seen = await this.keys.find(userId, text);
        if (!seen || seen.scope !== scope) {
          throw new AppError(
            422,
            'validation',
            { field: 'Idempotency-Key', detail: 'khóa này đã dùng cho một yêu cầu khác' },
            'Idempotency-Key',
          );
        }
        return seen.response as T;
      }
      await this.keys.forgetOld(userId, KEEP_DAYS);
      const result = await run();
      await this.keys.complete(userId, text, status, result);
      return result;
    });
  }
}
