import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CloseOpeningDocument,
  OpeningsDocument,
  ReopenOpeningDocument,
  VocabularyDocument,
  type OpeningRowFieldsFragment as OpeningRow,
} from '../../generated/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { EMPTY_FILTER, toOpeningFilter, type OpeningFilterForm } from '../../lib/opening-filter';
import { hrefOf } from '../route';

const PAGE_SIZE = 50;

/** What failed, and the API's own message. */
interface PageError {
  key: 'openings.loadFailed' | 'openings.toggleFailed';
  detail: string;
}

const detailOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

export function OpeningsPage(props: { adminKey: string }) {
  const { adminKey } = props;
  const { t } = useTranslation();
  const [form, setForm] = useState<OpeningFilterForm>(EMPTY_FILTER);
  const [applied, setApplied] = useState<OpeningFilterForm>(EMPTY_FILTER);
  const [regions, setRegions] = useState<string[]>([]);
  const [rows, setRows] = useState<OpeningRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [totalCount, setTotalCount] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<PageError | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  useEffect(() => {
    graphqlRequest(VocabularyDocument, {}, adminKey)
      .then((data) => setRegions([...data.vocabulary.regions]))
      .catch(() => setRegions([]));
  }, [adminKey]);

  const load = useCallback(
    async (filter: OpeningFilterForm, after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const data = await graphqlRequest(OpeningsDocument, { filter: toOpeningFilter(filter), first: PAGE_SIZE, after }, adminKey);
        const page = data.openings.edges.map((edge) => edge.node);
        setRows((previous) => (after ? [...previous, ...page] : page));
        setNext(data.openings.pageInfo.hasNextPage ? data.openings.pageInfo.endCursor : null);
        setTotalCount(data.openings.totalCount);
      } catch (caught) {
        setError({ key: 'openings.loadFailed', detail: detailOf(caught) });
      } finally {
        setLoading(false);
      }
    },
    [adminKey],
  );

  useEffect(() => {
    void load(applied, null);
  }, [applied, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(form);
  };

  const toggle = async (row: OpeningRow) => {
    setBusyId(row.id);
    setError(null);
    try {
      const closing = row.status !== 'CLOSED';
      const updated = closing
        ? (await graphqlRequest(CloseOpeningDocument, { id: row.id }, adminKey)).closeOpening
        : (await graphqlRequest(ReopenOpeningDocument, { id: row.id }, adminKey)).reopenOpening;
      if (updated) setRows((current) => current.map((r) => (r.id === updated.id ? { ...r, status: updated.status } : r)));
    } catch (caught) {
      setError({ key: 'openings.toggleFailed', detail: detailOf(caught) });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section>
      <h1>{t('openings.heading')}</h1>
      <form className="filters card" onSubmit={submit} data-testid="openings-filter">
        <label>
          {t('openings.filter.kind')}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as OpeningFilterForm['kind'] })}>
            <option value="">{t('common.any')}</option>
            <option value="PROJECT">{t('kind.PROJECT')}</option>
            <option value="STUDY">{t('kind.STUDY')}</option>
          </select>
        </label>
        <label>
          {t('openings.filter.region')}
          <select value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })}>
            <option value="">{t('common.any')}</option>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('openings.filter.status')}
          <select
            value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value as OpeningFilterForm['status'] })}
          >
            <option value="">{t('common.any')}</option>
            <option value="OPEN">{t('openingStatus.OPEN')}</option>
            <option value="FULL">{t('openingStatus.FULL')}</option>
            <option value="CLOSED">{t('openingStatus.CLOSED')}</option>
          </select>
        </label>
        <label className="grow">
          {t('openings.filter.text')}
          <input
            type="search"
            value={form.text}
            placeholder={t('openings.filter.textPlaceholder')}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        </label>
        <button type="submit">{t('openings.filter.submit')}</button>
      </form>

      {error && (
        <p className="error" role="alert">
          {t(error.key, { detail: error.detail })}
        </p>
      )}

      <div className="card table-wrap">
        {totalCount !== null && (
          <p className="muted" data-testid="openings-count">
            {t('openings.shown', { shown: rows.length, total: totalCount })}
          </p>
        )}
        <table data-testid="openings-table">
          <thead>
            <tr>
              <th>{t('openings.column.title')}</th>
              <th>{t('openings.column.kind')}</th>
              <th>{t('openings.column.region')}</th>
              <th>{t('openings.column.stacks')}</th>
              <th>{t('openings.column.minYears')}</th>
              <th>{t('openings.column.status')}</th>
              <th>{t('openings.column.seats')}</th>
              <th>{t('openings.column.applications')}</th>
              <th>{t('openings.column.externalId')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-external-id={row.externalId ?? ''}>
                <td>
                  <a href={hrefOf({ page: 'opening', id: row.id })}>{row.title}</a>
                </td>
                <td>{t(`kind.${row.kind}`)}</td>
                <td className="nowrap">{row.region}</td>
                <td>{row.stacks.join(', ')}</td>
                <td>{row.minExperienceYears}</td>
                <td>
                  <span className={`status status-${row.status.toLowerCase()}`}>{t(`openingStatus.${row.status}`)}</span>
                </td>
                <td className="nowrap">{t('openings.seats', { accepted: row.acceptedCount, capacity: row.capacity })}</td>
                <td>{row.applicationCount}</td>
                <td className="muted nowrap">{row.externalId ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="secondary small"
                    disabled={busyId === row.id}
                    onClick={() => void toggle(row)}
                  >
                    {row.status === 'CLOSED' ? t('openings.reopen') : t('openings.close')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <p className="muted">{t('openings.empty')}</p>}
        {loading && <p className="muted">{t('common.loading')}</p>}
        {next && !loading && (
          <button type="button" className="secondary" onClick={() => void load(applied, next)}>
            {t('openings.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
