import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { fetchHome, HOME_QUERY_KEY, type THome, type THomePeriod } from '../../api/home.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { PlainCard } from '../../components/plain-card.tsx';
import { formatIsoDate, formatNumber } from '../../lib/format.ts';
import { usePeriodLabel } from '../../lib/period-label.ts';
import { planDashboardPath, planPath, planReportsPath, ROUTES, reportPath } from '../../routes.ts';
import { verdictIn } from '../dashboards/assessment-words.ts';
import { StatusBadge } from '../dashboards/status-badge.tsx';
import '../dashboards/dashboards.css';
import './home.css';

/** One part of the home page: a heading with its count, its items (or a line saying there are none), a link to the rest. */
function Section({
  id,
  title,
  count,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  count: number;
  empty: string;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section className="home-section" aria-labelledby={`home-${id}`} data-testid={`home-${id}`}>
      <PlainCard>
        <div className="home-section__head">
          <Typography.Title level={2} id={`home-${id}`} className="home-section__title">
            {title}
          </Typography.Title>
          <span className={count > 0 ? 'home-count home-count--some' : 'home-count'}>
            {formatNumber(count)}
          </span>
        </div>
        {count === 0 ? (
          <Typography.Paragraph type="secondary" className="home-section__empty">
            {empty}
          </Typography.Paragraph>
        ) : (
          <ul className="home-list">{children}</ul>
        )}
        {more && (
          <Link className="home-section__more" to={more.to}>
            {more.label}
          </Link>
        )}
      </PlainCard>
    </section>
  );
}

function PeriodLine({ period }: { period: THomePeriod }) {
  const periodLabel = usePeriodLabel();
  return (
    <>
      <Link to={planReportsPath(period.planId)} className="home-item__title">
        {period.scheduleName} — {periodLabel({ key: period.periodKey, label: period.periodLabel })}
      </Link>
      <div className="home-item__meta">{period.planTitle}</div>
    </>
  );
}

/**
 * Each role's first page: what its work is today, at first sight. The leader sees every plan with
 * what is off track and who is late; a manager the day's work (reports to review, plans to derive
 * or issue, units late, this week's deadlines); a grassroots officer the reports due and returned.
 * Which parts show is the server's (the access policy's pages), so a role never sees work it cannot do.
 */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const home = useQuery({ queryKey: HOME_QUERY_KEY, queryFn: ({ signal }) => fetchHome(signal) });
  const leader = home.data?.sections[0] === 'plansProgress';
  const title = leader ? t('home.leaderTitle') : t('home.title');

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [t, title]);

  if (home.isError) {
    // Offline (the installed app opened with no connection): the reports due are kept on the device.
    if (typeof navigator !== 'undefined' && !navigator.onLine)
      return <Navigate to={ROUTES.myReports} replace />;
    return <ErrorResult error={home.error} onRetry={() => void home.refetch()} />;
  }
  const data: THome | undefined = home.data;
  const has = (s: THome['sections'][number]) => data?.sections.includes(s) ?? false;
  return (
    <div className="home-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{title}</Typography.Title>
          <PageHelp topic="home" />
        </div>
      </div>
      {!data ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('home.lead', { unit: data.unit.unitName, date: formatIsoDate(data.asOf) })}
          </Typography.Paragraph>
          <div className="home-grid">
            {has('reportsDue') && (
              <Section
                id="due"
                title={t('home.due.title')}
                count={data.reportsDue.length}
                empty={t('home.due.empty')}
                more={{ to: ROUTES.myReports, label: t('home.due.more') }}
              >
                {data.reportsDue.map((item) => (
                  <li key={item.periodId} className="home-item">
                    <Link
                      to={item.reportId !== null ? reportPath(item.reportId) : ROUTES.myReports}
                      className="home-item__title"
                    >
                      {item.scheduleName} — {item.periodLabel}
                    </Link>
                    <div className="home-item__meta">
                      {t('home.due.dueOn', { date: formatIsoDate(item.dueOn) })}{' '}
                      {item.late && <Tag className="home-late-tag">{t('home.late')}</Tag>}
                      {item.status === 'draft' && <Tag>{t('reports.status.draft')}</Tag>}
                    </div>
                  </li>
                ))}
              </Section>
            )}
            {has('returned') && (
              <Section
                id="returned"
                title={t('home.returned.title')}
                count={data.returned.length}
                empty={t('home.returned.empty')}
              >
                {data.returned.map((item) => (
                  <li key={item.periodId} className="home-item">
                    <Link to={reportPath(item.reportId!)} className="home-item__title">
                      {item.scheduleName} — {item.periodLabel}
                    </Link>
                    <div className="home-item__meta">
                      {t('home.returned.hint', { date: formatIsoDate(item.dueOn) })}
                    </div>
                  </li>
                ))}
              </Section>
            )}
            {has('review') && (
              <Section
                id="review"
                title={t('home.review.title')}
                count={data.review.total}
                empty={t('home.review.empty')}
                more={{ to: ROUTES.reviewQueue, label: t('home.review.more', { count: data.review.total }) }}
              >
                {data.review.items.map((item) => (
                  <li key={item.reportId} className="home-item">
                    <Link to={reportPath(item.reportId)} className="home-item__title">
                      {item.unitName}
                    </Link>
                    <div className="home-item__meta">
                      {item.scheduleName} — {item.periodLabel}{' '}
                      {item.late && <Tag className="home-late-tag">{t('reports.due.sentLate')}</Tag>}
                    </div>
                  </li>
                ))}
              </Section>
            )}
            {has('plansToAct') && (
              <Section
                id="plans"
                title={t('home.plans.title')}
                count={data.plansToDerive.length + data.plansToIssue.length}
                empty={t('home.plans.empty')}
                more={{ to: ROUTES.plans, label: t('home.plans.more') }}
              >
                {data.plansToDerive.map((plan) => (
                  <li key={`derive-${plan.id}`} className="home-item">
                    <Link to={planPath(plan.id)} className="home-item__title">
                      {plan.symbol ? `${plan.symbol} — ${plan.title}` : plan.title}
                    </Link>
                    <div className="home-item__meta">{t('home.plans.toDerive', { unit: plan.unitName })}</div>
                  </li>
                ))}
                {data.plansToIssue.map((plan) => (
                  <li key={`issue-${plan.id}`} className="home-item">
                    <Link to={planPath(plan.id)} className="home-item__title">
                      {plan.title}
                    </Link>
                    <div className="home-item__meta">{t('home.plans.toIssue', { unit: plan.unitName })}</div>
                  </li>
                ))}
              </Section>
            )}
            {has('deadlines') && (
              <Section
                id="deadlines"
                title={t('home.deadlines.title')}
                count={data.deadlines.length}
                empty={t('home.deadlines.empty')}
              >
                {data.deadlines.map((period) => (
                  <li key={period.periodId} className="home-item">
                    <PeriodLine period={period} />
                    <div className="home-item__meta">
                      {t('home.deadlines.line', {
                        date: formatIsoDate(period.dueOn),
                        submitted: period.submitted,
                        expected: period.expected,
                      })}
                    </div>
                  </li>
                ))}
              </Section>
            )}
            {has('lateUnits') && (
              <Section
                id="late"
                title={t('home.lateUnits.title')}
                count={data.lateUnits.reduce((n, p) => n + p.lateCount, 0)}
                empty={t('home.lateUnits.empty')}
              >
                {data.lateUnits.map((period) => (
                  <li key={period.periodId} className="home-item">
                    <PeriodLine period={period} />
                    <ul className="home-late">
                      {period.lateUnits.map((unit) => (
                        <li key={unit.unitId}>
                          {unit.unitName}
                          <span className="home-item__meta">
                            {' '}
                            —{' '}
                            {t('home.lateUnits.days', {
                              count: unit.daysLate,
                              date: formatIsoDate(unit.dueOn),
                            })}
                          </span>
                        </li>
                      ))}
                      {period.lateCount > period.lateUnits.length && (
                        <li className="home-item__meta">
                          {t('home.lateUnits.others', { count: period.lateCount - period.lateUnits.length })}
                        </li>
                      )}
                    </ul>
                  </li>
                ))}
              </Section>
            )}
            {has('plansProgress') && (
              <Section
                id="progress"
                title={t('home.progress.title')}
                count={data.plans.length}
                empty={t('home.progress.empty')}
                more={{ to: ROUTES.dashboard, label: t('home.progress.more') }}
              >
                {data.plans.map((plan) => {
                  const behind = plan.targets.filter(
                    (x) => x.status === 'off_track' || x.status === 'at_risk',
                  );
                  return (
                    <li key={plan.planId} className="home-item">
                      <div className="home-plan__head">
                        <Link to={planDashboardPath(plan.planId)} className="home-item__title">
                          {plan.symbol ? `${plan.symbol} — ${plan.title}` : plan.title}
                        </Link>
                        <StatusBadge status={plan.status} colour={plan.colour} />
                      </div>
                      <div className="home-item__meta">
                        {t('home.progress.counts', {
                          offTrack: plan.counts.off_track ?? 0,
                          atRisk: plan.counts.at_risk ?? 0,
                          total: plan.targets.length,
                        })}
                      </div>
                      {behind.length > 0 && (
                        <ul className="home-late">
                          {behind.slice(0, 3).map((target) => (
                            <li key={target.targetId}>
                              <StatusBadge status={target.status} colour={target.colour} /> {target.text}
                              <span className="home-item__meta">
                                {' '}
                                — {verdictIn(i18n.language, target.verdictPhrase)}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </Section>
            )}
          </div>
        </>
      )}
    </div>
  );
}
