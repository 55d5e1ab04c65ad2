import { toIsoTimestamp } from '../../domain/dates.ts';
import type { AuditFilter, AuditRepository } from '../repositories/audit.repository.ts';
import type { Actor } from './actor.ts';

/** Writes one audit record per mutation, inside the mutation's own transaction. */
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string | number | null,
    before: unknown,
    after: unknown,
  ) {
    return this.audit.append({
      userId: actor.userId,
      ip: actor.ip,
      action,
      objectType,
      objectId,
      before,
      after,
    });
  }

  async list(filter: AuditFilter) {
    return (await this.audit.list(filter)).map((entry) => ({ ...entry, at: toIsoTimestamp(entry.at) }));
  }
}
