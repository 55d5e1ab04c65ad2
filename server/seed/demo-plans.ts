import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlanDocument } from '../../documents/parse/parse-plan-document.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import type { Services } from '../services/services.ts';

const SEEDS_DIR = fileURLToPath(new URL('../../resources/seeds/', import.meta.url));

/** The five public seed documents, and the unit each belongs to in the demo organisation. */
const SEEDS: { file: string; unitCode: string | null }[] = [
  { file: '000_67631e6a61cea5fb.txt', unitCode: 'CDN-YT-34' },
  { file: '001_92387612ef960366.txt', unitCode: null },
  { file: '002_ecf9da9cd69f7705.txt', unitCode: 'LDLD-12' },
  { file: '003_6dfe05125ab9d5c9.txt', unitCode: 'LDLD-66' },
  { file: '004_59893a27bd211b8d.txt', unitCode: 'LDLD-84' },
];

/**
 * Demo plans: the seeds read by the parser and stored with their chains, and implementing plans
 * derived from Lai Châu's plan 72/KH-LĐLĐ by its commune unions — one issued, one draft, one
 * not started (late). Runs inside the demo's transaction; everything is marked demo.
 */
export async function loadDemoPlans(services: Services): Promise<void> {
  const actor = SYSTEM_ACTOR;
  let laiChauPlanId: number | null = null;
  for (const seed of SEEDS) {
    const text = readFileSync(`${SEEDS_DIR}${seed.file}`, 'utf8');
    const extract = parsePlanDocument(text, { source: seed.file });
    for (const document of extract.documents) {
      const unit = seed.unitCode ? await services.orgRepository.findUnitByCode(seed.unitCode) : undefined;
      if (unit && (document.kind === 'KH' || document.kind === null)) {
        const plan = await services.plans.createFromExtract(
          actor,
          { unitId: unit.id, document, sourceText: text, sourceFileName: seed.file },
          { isDemo: true },
        );
        if (seed.unitCode === 'LDLD-12') laiChauPlanId = plan.id;
      } else {
        await services.documentRegistry.register(actor, document, {
          sourceText: text,
          sourceFileName: seed.file,
          ownerUnitId: null,
          isDemo: true,
          onDuplicate: 'reuse',
        });
      }
    }
  }
  if (laiChauPlanId === null) return;
  const communes = ['CDX-12-1', 'CDX-12-2'];
  for (const [index, code] of communes.entries()) {
    const unit = (await services.orgRepository.findUnitByCode(code))!;
    const draft = await services.planDerive.derive(actor, laiChauPlanId, {
      unitId: unit.id,
      reportLeadDays: 10,
    });
    if (index === 0) {
      const { symbol } = await services.planIssue.suggestSymbol(actor, draft.id, 2025);
      await services.planIssue.issue(actor, draft.id, {
        symbol,
        issuedOn: '2025-08-15',
        version: draft.version,
        // the demo's signer, as synthetic as its commune unions
        signer: { authority: 'TM.', on_behalf_of: 'Ban Chấp hành', title: 'Chủ tịch', name: 'Lò Văn Minh' },
      });
    }
  }
}
