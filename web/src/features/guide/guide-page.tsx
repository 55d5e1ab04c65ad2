import { Card, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import guide from '../../../../docs/huong-dan-su-dung.md?raw';
import { renderGuide } from './render-guide.ts';

// the guide's pictures, by the path the guide writes ("images/journey-02-review.png")
const imageUrls = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('../../../../docs/images/*.png', {
      eager: true,
      query: '?url',
      import: 'default',
    }),
  ).map(([path, url]) => [`images/${path.split('/').pop()}`, url]),
);

/** "Hướng dẫn sử dụng": the illustrated user guide, inside the app (the "?" of each screen links here). */
export default function GuidePage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const html = useMemo(() => renderGuide(guide, imageUrls), []);
  useEffect(() => {
    document.title = `${t('guide.pageTitle')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash]);
  return (
    <div className="guide-page">
      <Card>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the project's own guide, bundled at build time */}
        <Typography className="guide" dangerouslySetInnerHTML={{ __html: html }} />
      </Card>
    </div>
  );
}
