import { useQuery } from '@tanstack/react-query';
import { Input, List, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgUnitAsOf } from '../../../../contracts/org.ts';
import { searchOrgUnits } from '../../api/org.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { UnitTypeTag } from './unit-type-tag.tsx';

/** Search box for units on the chosen date; the server ignores accents ("thai binh" finds "Thái Bình"). */
export function OrgSearch({ date, onPick }: { date: string; onPick: (unit: TOrgUnitAsOf) => void }) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const inputId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: ['org', 'search', query, date, 30],
    queryFn: ({ signal }) => searchOrgUnits(query, date, 30, signal),
    enabled: query.length >= 2,
  });

  return (
    <search className="org-search">
      <label htmlFor={inputId} className="field-label">
        {t('org.searchLabel')}
      </label>
      <Input.Search
        id={inputId}
        value={text}
        allowClear
        placeholder={t('org.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => setQuery(value.trim())}
        loading={search.isFetching}
        autoComplete="off"
      />
      {query.length >= 2 && (
        <section
          aria-label={t('org.searchResults')}
          className="org-search__results"
          data-testid="org-search-results"
        >
          {search.isError ? (
            <Typography.Text type="danger">{describe(search.error)}</Typography.Text>
          ) : (
            <List
              size="small"
              loading={search.isPending}
              dataSource={search.data ?? []}
              locale={{ emptyText: t('common.noResults') }}
              renderItem={(unit) => (
                <List.Item className="org-search__item">
                  <button
                    type="button"
                    className="org-search__button"
                    onClick={() => {
                      onPick(unit);
                      setText('');
                      setQuery('');
                    }}
                  >
                    <span className="org-search__name">{unit.name}</span>
                    <span className="org-node__code">{unit.code}</span>
                    <UnitTypeTag type={unit.type} />
                    {unit.validTo && unit.validTo < date && (
                      <span className="org-search__ended">
                        {t('org.detail.ended', { date: formatIsoDate(unit.validTo) })}
                      </span>
                    )}
                  </button>
                </List.Item>
              )}
            />
          )}
        </section>
      )}
    </search>
  );
}
