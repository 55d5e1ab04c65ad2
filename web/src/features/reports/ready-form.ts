import type { TIndicator, TIndicatorInput } from '../../../../contracts/reporting.ts';
import type { ReadyForm } from '../../../../domain/reporting/ready-forms.ts';

/**
 * A ready form's indicators in this workspace: those that exist (by their fixed code) are reused,
 * the others created through the API (audited like any new indicator). Returns the ids in the
 * form's order and which are required.
 */
export async function materialiseReadyForm(
  form: ReadyForm,
  existing: readonly Pick<TIndicator, 'id' | 'code'>[],
  create: (input: TIndicatorInput) => Promise<Pick<TIndicator, 'id'>>,
): Promise<{ indicatorIds: number[]; requiredIndicatorIds: number[] }> {
  const byCode = new Map(existing.map((i) => [i.code, i.id]));
  const indicatorIds: number[] = [];
  const requiredIndicatorIds: number[] = [];
  for (const indicator of form.indicators) {
    let id = byCode.get(indicator.code);
    if (id === undefined) {
      id = (
        await create({
          code: indicator.code,
          name: indicator.name,
          kind: indicator.kind,
          unit: indicator.unit,
          numeratorLabel: null,
          denominatorLabel: null,
          disaggregation: indicator.disaggregation,
          aggregation: indicator.aggregation,
          threshold: 1,
        })
      ).id;
    }
    indicatorIds.push(id);
    if (indicator.required) requiredIndicatorIds.push(id);
  }
  return { indicatorIds, requiredIndicatorIds };
}
