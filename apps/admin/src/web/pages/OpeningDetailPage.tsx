import { useEffect, useState } from 'react';
import { graphqlRequest } from '../../lib/graphql';
import { seatsLabel } from '../../lib/opening-filter';
import { OPENING_DETAIL } from '../operations';
import { hrefOf } from '../route';
import type { MemberMatch, OpeningRow, TeamProposal } from '../types';

interface DetailAnswer {
  opening: OpeningRow | null;
  recommendMembers: MemberMatch[];
  proposeTeam: TeamProposal;
}

export function OpeningDetailPage(props: { adminKey: string; id: string }) {
  const { adminKey, id } = props;
  const [data, setData] = useState<DetailAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    graphqlRequest<DetailAnswer>(OPENING_DETAIL, { id, first: 10 }, adminKey)
      .then(setData)
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [adminKey, id]);

  return (
    <section>
      <p>
        <a href={hrefOf({ page: 'openings' })}>← Openings</a>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && !data.opening && <p className="error">No opening with id {id}.</p>}
      {data?.opening && (
        <>
          <h1>{data.opening.title}</h1>
          <div className="card">
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{data.opening.kind}</dd>
              <dt>Status</dt>
              <dd>{data.opening.status}</dd>
              <dt>Region</dt>
              <dd>{data.opening.region}</dd>
              <dt>Stacks</dt>
              <dd>{data.opening.stacks.join(', ')}</dd>
              <dt>Min years</dt>
              <dd>{data.opening.minExperienceYears}</dd>
              <dt>Tags</dt>
              <dd>{data.opening.tags.join(', ') || '—'}</dd>
              <dt>Seats</dt>
              <dd>{seatsLabel(data.opening.acceptedCount, data.opening.capacity)}</dd>
              <dt>Applications</dt>
              <dd>{data.opening.applicationCount}</dd>
              <dt>externalId</dt>
              <dd>{data.opening.externalId ?? '—'}</dd>
            </dl>
            {data.opening.description && <p className="description">{data.opening.description}</p>}
          </div>

          <div className="card">
            <h2>Proposed team</h2>
            {data.proposeTeam.members.length === 0 ? (
              <p className="muted">No team could be proposed.</p>
            ) : (
              <>
                <p>
                  Total score {data.proposeTeam.totalScore.toFixed(3)} · covers{' '}
                  {data.proposeTeam.coveredStacks.join(', ') || '—'}
                  {data.proposeTeam.missingStacks.length > 0 && (
                    <span className="warning"> · missing {data.proposeTeam.missingStacks.join(', ')}</span>
                  )}
                </p>
                <table data-testid="proposed-team">
                  <thead>
                    <tr>
                      <th>Member</th>
                      <th>Region</th>
                      <th>Years</th>
                      <th>Stacks</th>
                      <th>Score</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.proposeTeam.members.map(({ member, score }) => (
                      <tr key={member.id}>
                        <td>{member.displayName}</td>
                        <td>{member.region}</td>
                        <td>{member.experienceYears}</td>
                        <td>{member.stacks.join(', ')}</td>
                        <td>{score.toFixed(3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>

          <div className="card">
            <h2>Recommended members</h2>
            {data.recommendMembers.length === 0 ? (
              <p className="muted">No members to recommend yet.</p>
            ) : (
              <table data-testid="recommended-members">
                <thead>
                  <tr>
                    <th>Member</th>
                    <th>Region</th>
                    <th>Years</th>
                    <th>Stacks</th>
                    <th>Score</th>
                    <th>Similarity</th>
                    <th>Reasons</th>
                  </tr>
                </thead>
                <tbody>
                  {data.recommendMembers.map((match) => (
                    <tr key={match.member.id}>
                      <td>{match.member.displayName}</td>
                      <td>{match.member.region}</td>
                      <td>{match.member.experienceYears}</td>
                      <td>{match.member.stacks.join(', ')}</td>
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
