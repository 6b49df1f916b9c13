import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OpeningDetailDocument, type OpeningDetailQuery } from '../../generated/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { hrefOf } from '../route';

export function OpeningDetailPage(props: { adminKey: string; id: string }) {
  const { adminKey, id } = props;
  const { t } = useTranslation();
  const [data, setData] = useState<OpeningDetailQuery | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    graphqlRequest(OpeningDetailDocument, { id, first: 10 }, adminKey)
      .then(setData)
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [adminKey, id]);

  return (
    <section>
      <p>
        <a href={hrefOf({ page: 'openings' })}>{t('opening.back')}</a>
      </p>
      {error && (
        <p className="error" role="alert">
          {t('opening.loadFailed', { detail: error })}
        </p>
      )}
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && !data.opening && <p className="error">{t('opening.notFound', { id })}</p>}
      {data?.opening && (
        <>
          <h1>{data.opening.title}</h1>
          <div className="card">
            <dl className="facts">
              <dt>{t('opening.fact.kind')}</dt>
              <dd>{t(`kind.${data.opening.kind}`)}</dd>
              <dt>{t('opening.fact.status')}</dt>
              <dd>{t(`openingStatus.${data.opening.status}`)}</dd>
              <dt>{t('opening.fact.region')}</dt>
              <dd>{data.opening.region}</dd>
              <dt>{t('opening.fact.stacks')}</dt>
              <dd>{data.opening.stacks.join(', ')}</dd>
              <dt>{t('opening.fact.minYears')}</dt>
              <dd>{data.opening.minExperienceYears}</dd>
              <dt>{t('opening.fact.tags')}</dt>
              <dd>{data.opening.tags.join(', ') || '—'}</dd>
              <dt>{t('opening.fact.seats')}</dt>
              <dd>{t('openings.seats', { accepted: data.opening.acceptedCount, capacity: data.opening.capacity })}</dd>
              <dt>{t('opening.fact.applications')}</dt>
              <dd>{data.opening.applicationCount}</dd>
              <dt>{t('opening.fact.externalId')}</dt>
              <dd>{data.opening.externalId ?? '—'}</dd>
            </dl>
            {data.opening.description && <p className="description">{data.opening.description}</p>}
          </div>

          <div className="card">
            <h2>{t('opening.team.heading')}</h2>
            {data.proposeTeam.members.length === 0 ? (
              <p className="muted">{t('opening.team.none')}</p>
            ) : (
              <>
                <p>
                  {t('opening.team.summary', {
                    score: data.proposeTeam.totalScore.toFixed(3),
                    covered: data.proposeTeam.coveredStacks.join(', ') || '—',
                  })}
                  {data.proposeTeam.missingStacks.length > 0 && (
                    <span className="warning">
                      {t('opening.team.missing', { missing: data.proposeTeam.missingStacks.join(', ') })}
                    </span>
                  )}
                </p>
                <table data-testid="proposed-team">
                  <thead>
                    <tr>
                      <MemberColumns />
                      <th>{t('opening.column.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.proposeTeam.members.map(({ member, score }) => (
                      <tr key={member.id}>
                        <MemberCells member={member} />
                        <td>{score.toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>

          <div className="card">
            <h2>{t('opening.recommended.heading')}</h2>
            {data.recommendMembers.length === 0 ? (
              <p className="muted">{t('opening.recommended.none')}</p>
            ) : (
              <table data-testid="recommended-members">
                <thead>
                  <tr>
                    <MemberColumns />
                    <th>{t('opening.column.score')}</th>
                    <th>{t('opening.column.similarity')}</th>
                    <th>{t('opening.column.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.recommendMembers.map((match) => (
                    <tr key={match.member.id}>
                      <MemberCells member={match.member} />
                      <td>{match.score.toFixed(3)}</td>
                      <td>{match.similarity.toFixed(3)}</td>
                      <td>
                        {match.reasons.map((reason) => (
                          <span key={reason.code + reason.message} className="reason" title={reason.code}>
                            {reason.message}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The member columns both tables start with. */
function MemberColumns() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('opening.column.member')}</th>
      <th>{t('opening.column.region')}</th>
      <th>{t('opening.column.years')}</th>
      <th>{t('opening.column.stacks')}</th>
    </>
  );
}

function MemberCells({ member }: { member: OpeningDetailQuery['recommendMembers'][number]['member'] }) {
  return (
    <>
      <td>{member.displayName}</td>
      <td>{member.region}</td>
      <td>{member.experienceYears}</td>
      <td>{member.stacks.join(', ')}</td>
    </>
  );
}
