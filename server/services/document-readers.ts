import { notFound } from '../errors.ts';
import type {
  DocumentAccessRepository,
  DocumentHolders,
} from '../repositories/document-access.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';

/** Who may read a stored document: the rule behind every read of the document registry. */
export class DocumentReaders {
  constructor(
    private readonly holders: DocumentAccessRepository,
    private readonly access: AccessService,
  ) {}

  /**
   * Which of these documents the actor may read. A stored document is read where its plans are:
   * wherever a plan holding it may be read (the plan's unit, its organisation and the units below,
   * which receive it), and where a plan derived from such a plan may be read (the document came
   * down to it); by whoever uploaded it; at the national level (or by the system) every one. A
   * document known only by reference (symbol, date, issuer: a citation, no text) is what the
   * documents citing it say, and is read where one of them may be read (or by whoever stored
   * the citation). Others are answered 404, as if they did not exist.
   */
  async readableOf(actor: Actor, ids: number[]): Promise<Set<number>> {
    return this.readable(actor, ids, true);
  }

  private async readable(actor: Actor, ids: number[], throughCitations: boolean): Promise<Set<number>> {
    const holders = await this.holders.holdersOf(ids);
    if (actor.homeUnitId === null) return new Set(holders.keys());
    const home = actor.homeUnitId;
    const reach = new Map<number, Promise<boolean>>();
    // A unit's plans are read in its organisation and below it (received from above, as
    // `PlanService` reads plans): the unit reaches the actor's home unit.
    const reaches = (unitId: number) => {
      let known = reach.get(unitId);
      if (!known) {
        known = this.access
          .canAccessUnit(actor, unitId)
          .then(
            async (inside) => inside || this.access.canAccessUnit({ ...actor, homeUnitId: unitId }, home),
          );
        reach.set(unitId, known);
      }
      return known;
    };
    const nationalReach = (unitId: number) => this.access.canAccessUnit(actor, unitId);
    for (const national of await this.holders.nationalUnitIds())
      if (await nationalReach(national)) return new Set(holders.keys());
    const readable = new Set<number>();
    const citations: DocumentHolders[] = [];
    for (const held of holders.values()) {
      if (held.createdBy !== null && held.createdBy === actor.userId) {
        readable.add(held.documentId);
        continue;
      }
      if (held.knownByReference) {
        citations.push(held);
        continue;
      }
      const units = held.ownerUnitId === null ? held.planUnitIds : [held.ownerUnitId, ...held.planUnitIds];
      for (const unitId of units) {
        if (await reaches(unitId)) {
          readable.add(held.documentId);
          break;
        }
      }
    }
    // a citation is read through the documents that cite it (stored ones: they cite nothing unread)
    if (throughCitations && citations.length > 0) {
      const citing = await this.readable(actor, [...new Set(citations.flatMap((c) => c.citedBy))], false);
      for (const held of citations)
        if (held.citedBy.some((id) => citing.has(id))) readable.add(held.documentId);
    }
    return readable;
  }

  /** 404 for a document that does not exist or that the actor may not read (`readableOf`). */
  async assertReadable(actor: Actor, id: number): Promise<void> {
    if (!(await this.readableOf(actor, [id])).has(id)) throw notFound('document');
  }
}
