import type {
  TIndicator,
  TIndicatorCatalogue,
  TIndicatorCatalogueQuery,
  TIndicatorInput,
  TIndicatorUpdate,
} from '../../contracts/reporting.ts';
import { foldText, matchesAllTerms, searchTerms } from '../../domain/fold-text.ts';
import {
  generatedCode,
  indicatorChangeRefusal,
  indicatorUnit,
} from '../../domain/indicators/indicator-rules.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { nounRef } from '../i18n/messages.ts';
import type { IndicatorRepository } from '../repositories/indicator.repository.ts';
import type { ReportingRepository } from '../repositories/reporting.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { toIndicator } from './reporting-views.ts';

/**
 * An indicator's definition as stored: the name's search key, a ratio's unit fixed to %, and a
 * code — the one given, checked free, or one made from the name. Used by every path that writes
 * an indicator (create, edit).
 */
export async function storedDefinition(
  input: TIndicatorInput,
  codes: IndicatorRepository,
  current?: { id: number; code: string },
) {
  const taken = await codes.codes();
  if (current) taken.delete(current.code);
  const given = input.code?.trim() ?? '';
  if (given !== '' && taken.has(given))
    throw new AppError(409, 'duplicate', { field: nounRef('code'), value: given }, 'code');
  const code = given !== '' ? given : (current?.code ?? generatedCode(input.name, (c) => taken.has(c)));
  return {
    code,
    name: input.name,
    nameFolded: foldText(input.name),
    kind: input.kind,
    unit: indicatorUnit(input.kind, input.unit),
    numeratorLabel: input.kind === 'ratio' ? input.numeratorLabel : null,
    denominatorLabel: input.kind === 'ratio' ? input.denominatorLabel : null,
    disaggregation: input.disaggregation,
    aggregation: input.aggregation,
    threshold: input.threshold,
  };
}

/** The indicator page: find, edit (under a version), retire and restore indicators. */
export class IndicatorCatalogueService {
  constructor(
    private readonly database: Database,
    private readonly reporting: ReportingRepository,
    private readonly catalogueRows: IndicatorRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Indicators whose name or code holds every word searched (diacritics folded), with their use. */
  async catalogue(actor: Actor, query: TIndicatorCatalogueQuery): Promise<TIndicatorCatalogue> {
    this.access.assertRole(actor, 'viewer');
    const terms = searchTerms(query.q ?? '');
    const [all, use] = await Promise.all([this.reporting.listIndicators(), this.catalogueRows.use()]);
    const useOf = new Map(use.map((u) => [u.indicatorId, u]));
    const indicators = all
      .filter((row) => {
        const retired = row.retiredAt !== null;
        if (query.retired === 'exclude' && retired) return false;
        if (query.retired === 'only' && !retired) return false;
        return matchesAllTerms(`${row.nameFolded} ${foldText(row.code)}`, terms);
      })
      .map((row) => {
        const u = useOf.get(row.id);
        return {
          ...toIndicator(row),
          use: { targets: u?.targets ?? 0, forms: u?.forms ?? 0, reports: u?.reports ?? 0 },
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { indicators };
  }

  /** An edit of the whole definition; a used indicator keeps its kind, breakdown and roll-up. */
  async update(actor: Actor, id: number, input: TIndicatorUpdate): Promise<TIndicator> {
    this.access.assertRole(actor, 'manager');
    return this.database.transaction(async () => {
      const before = await this.reporting.indicator(id);
      if (!before) throw notFound('indicator');
      if (before.version !== input.version) throw versionConflict(toIndicator(before));
      const values = await storedDefinition(input, this.catalogueRows, before);
      const refusal = indicatorChangeRefusal(before, values, await this.catalogueRows.inUse(id));
      if (refusal) throw new AppError(409, refusal, {}, 'kind');
      const row = await this.catalogueRows.update(id, input.version, values);
      if (!row) throw versionConflict(toIndicator(before));
      await this.audit.record(
        actor,
        'indicator.update',
        'indicator',
        id,
        toIndicator(before),
        toIndicator(row),
      );
      return toIndicator(row);
    });
  }

  /** Retired: no longer offered for new targets and forms; what uses it keeps it. */
  async setRetired(actor: Actor, id: number, retired: boolean, version: number): Promise<TIndicator> {
    this.access.assertRole(actor, 'manager');
    return this.database.transaction(async () => {
      const before = await this.reporting.indicator(id);
      if (!before) throw notFound('indicator');
      const row = await this.catalogueRows.setRetired(id, version, retired ? 'now' : null);
      if (!row) throw versionConflict(toIndicator(before));
      await this.audit.record(
        actor,
        retired ? 'indicator.retire' : 'indicator.restore',
        'indicator',
        id,
        { retiredAt: before.retiredAt },
        { retiredAt: row.retiredAt },
      );
      return toIndicator(row);
    });
  }
}
