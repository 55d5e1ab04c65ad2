import { useTranslation } from 'react-i18next';
import type { TProgressStatus, TStatusColour } from '../../../../contracts/dashboard.ts';

/** A target's status in words on its colour (dark text: readable, not colour alone). */
export function StatusBadge({ status, colour }: { status: TProgressStatus; colour: TStatusColour }) {
  const { t } = useTranslation();
  return (
    <span className={`dash-status dash-status--${colour}`} data-status={status}>
      {t(`dashboards.status.${status}`)}
    </span>
  );
}

/** The chart colours of the statuses (echarts needs values, not CSS classes). */
export const CHART_COLOURS: Record<TStatusColour, string> = {
  green: '#237804',
  blue: '#0958d9',
  amber: '#d48806',
  red: '#cf1322',
  grey: '#8c8c8c',
};
