import { useTranslation } from 'react-i18next';
import { periodLabelOfKey } from '../../../domain/reporting/period-label.ts';

/** A period's name in the UI's language ("Quý III/2025" / "Q3 2025"), written by the domain's one rule. */
export function usePeriodLabel(): (period: { key: string; label: string }) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'vi';
  return (period) => periodLabelOfKey(period.key, period.label, lang);
}
