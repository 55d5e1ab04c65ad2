import { DownOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyOnIntent } from './lazy-on-intent.ts';
import { useWorkingUnit } from './working-unit.tsx';

const Picker = lazyOnIntent(() => import('./unit-switcher-picker.tsx'));

/**
 * The working unit in the header. It shows the unit's name at once; the tree picker behind it
 * (TreeSelect, its virtual list, the org tree request) comes with the first hover, focus or click,
 * so pages like the report form do not wait for it.
 */
export function UnitSwitcher() {
  const { t } = useTranslation();
  const { unit } = useWorkingUnit();
  const [opened, setOpened] = useState(false);

  const face = (onClick?: () => void) => (
    <button
      type="button"
      className="unit-switcher unit-switcher-face"
      // The visible unit name is part of the name (WCAG 2.5.3, axe label-content-name-mismatch).
      aria-label={`${t('header.unitSwitcher')}: ${unit.name}`}
      aria-haspopup="listbox"
      aria-expanded={false}
      onPointerEnter={Picker.preload}
      onFocus={Picker.preload}
      onTouchStart={Picker.preload}
      onClick={onClick}
    >
      <span className="unit-switcher-face__value">{unit.name}</span>
      <DownOutlined aria-hidden className="unit-switcher-face__arrow" />
    </button>
  );

  if (!opened) return face(() => setOpened(true));
  return (
    <Suspense fallback={face()}>
      <Picker.Component opened />
    </Suspense>
  );
}
