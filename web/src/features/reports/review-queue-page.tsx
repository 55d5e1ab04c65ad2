import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fetchReviewQueue } from '../../api/reports.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { formatIsoDate, formatNumber, formatTimestamp } from '../../lib/format.ts';
import { fromMenu } from '../../lib/menu-selection.ts';
import { ROUTES, reportPath } from '../../routes.ts';
import './reports.css';

/** How many waiting reports a page shows first, and how many more each "Xem thêm" adds. */
const PAGE = 50;

/** "Duyệt báo cáo": reports the units below have sent, oldest first, a page at a time. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [limit, setLimit] = useState(PAGE);
  const queue = useQuery({
    queryKey: ['reports', 'review-queue', limit],
    queryFn: ({ signal }) => fetchReviewQueue(limit, signal),
    // The list stays on screen while the longer one loads.
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = `${t('reports.queue.title')} · ${t('app.name')}`;
  }, [t]);

  const items = queue.data?.items ?? [];
  const total = queue.data?.total ?? 0;
  return (
    <div className="review-queue-page reports-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('reports.queue.title')}</Typography.Title>
          <PageHelp topic="reviewQueue" />
        </div>
      </div>
      <Typography.Paragraph type="secondary">{t('reports.queue.intro')}</Typography.Paragraph>
      {queue.isPending ? (
        <Skeleton active />
      ) : queue.isError ? (
        <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('reports.queue.empty')} />
        </Card>
      ) : (
        <ul className="due-list" data-testid="review-queue">
          {items.map((item) => (
            <li key={item.reportId} className="due-card">
              <Card size="small">
                <div className="due-card__head">
                  <Typography.Title level={2} className="due-card__title">
                    {item.unitName}
                  </Typography.Title>
                  {item.late && <Tag className="report-late-tag">{t('reports.due.sentLate')}</Tag>}
                </div>
                <div className="due-card__unit">
                  {item.periodLabel} · {item.scheduleName}
                </div>
                <div className="due-card__due">
                  <span>
                    {t('reports.mine.dueOn')}: <strong>{formatIsoDate(item.dueOn)}</strong>
                  </span>
                  {item.submittedAt && (
                    <span>
                      {t('reports.form.submittedAt')}: <strong>{formatTimestamp(item.submittedAt)}</strong>
                    </span>
                  )}
                </div>
                <Button
                  className="due-card__open"
                  type="primary"
                  size="large"
                  block
                  onClick={() => navigate(reportPath(item.reportId), { state: fromMenu(ROUTES.reviewQueue) })}
                  aria-label={t('reports.queue.openFor', { unit: item.unitName, period: item.periodLabel })}
                >
                  {t('reports.queue.open')}
                  <RightOutlined aria-hidden />
                </Button>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <div className="review-queue-page__more">
          <Typography.Text type="secondary" data-testid="review-queue-count">
            {t('reports.queue.showing', { shown: formatNumber(items.length), total: formatNumber(total) })}
          </Typography.Text>
          {items.length < total && (
            <Button loading={queue.isFetching} onClick={() => setLimit((n) => n + PAGE)}>
              {t('reports.queue.more', { count: Math.min(PAGE, total - items.length) })}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
