import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types';

/**
 * Recompute one case's dashboard row (case_facts) from the raw tables, inside the caller's
 * transaction. Called wherever a case's status, screening, offer, board or hearings change, so the
 * rollup is never behind the case. One statement, keyed on the case's primary key.
 */
export async function refreshCaseFacts(tx: Db, caseId: string): Promise<void> {
  await upsertFacts(tx, sql`c.id = ${caseId}`);
}

/** Rebuild the rows of every case in a jurisdiction in one statement (after a bulk load or restore). */
export async function rebuildCaseFacts(db: Db, jurisdictionId: string): Promise<void> {
  await upsertFacts(db, sql`c.jurisdiction_id = ${jurisdictionId}`);
}

/** Build the rows of every case that has none yet (bulk loads that bypass the lifecycle). */
export async function fillMissingCaseFacts(db: Db): Promise<void> {
  await upsertFacts(db, sql`not exists (select 1 from case_facts x where x.case_id = c.id)`);
}

async function upsertFacts(tx: Db, where: SQL): Promise<void> {
  await tx.execute(sql`
    insert into case_facts as f (
      case_id, jurisdiction_id, participant_id, board_id, neighborhood, race, ethnicity, sex, age_band,
      referred_at, referred_day, status, screening_decision, ineligible_reasons, offered, accepted,
      first_hearing_at, days_to_first_hearing, hearings_attended, hearings_missed, closed_at,
      return_reason, days_to_completion, updated_at)
    ${factsSelect(where)}
    on conflict (case_id) do update set
      board_id = excluded.board_id, neighborhood = excluded.neighborhood, race = excluded.race,
      ethnicity = excluded.ethnicity, sex = excluded.sex, age_band = excluded.age_band,
      referred_at = excluded.referred_at, referred_day = excluded.referred_day, status = excluded.status,
      screening_decision = excluded.screening_decision, ineligible_reasons = excluded.ineligible_reasons,
      offered = excluded.offered, accepted = excluded.accepted, first_hearing_at = excluded.first_hearing_at,
      days_to_first_hearing = excluded.days_to_first_hearing, hearings_attended = excluded.hearings_attended,
      hearings_missed = excluded.hearings_missed, closed_at = excluded.closed_at,
      return_reason = excluded.return_reason, days_to_completion = excluded.days_to_completion,
      updated_at = excluded.updated_at`);
}

const factColumnNames = ['case_id', 'jurisdiction_id', 'participant_id', 'board_id', 'neighborhood', 'race', 'ethnicity', 'sex', 'age_band', 'referred_at', 'referred_day', 'status', 'screening_decision', 'ineligible_reasons', 'offered', 'accepted', 'first_hearing_at', 'days_to_first_hearing', 'hearings_attended', 'hearings_missed', 'closed_at', 'return_reason', 'days_to_completion', 'updated_at'];
const factColumns = sql.join(
  factColumnNames.map((c) => sql.identifier(c)),
  sql`, `,
);

/** The rollup row computed from the raw tables (cases, participants, screening, offers, hearings). */
function factsSelect(where: SQL): SQL {
  return sql`
    select
      c.id, c.jurisdiction_id, c.participant_id,
      (select a.board_id from case_assignments a where a.case_id = c.id order by a.ended_at is null desc, a.assigned_at desc limit 1),
      (select ba.neighborhood from board_areas ba where ba.jurisdiction_id = c.jurisdiction_id and ba.zip = p.zip),
      p.race, p.ethnicity, p.sex,
      case
        when age.y < 18 then 'under_18' when age.y < 25 then '18_24' when age.y < 35 then '25_34'
        when age.y < 45 then '35_44' when age.y < 55 then '45_54' else '55_plus' end,
      c.referred_at, (c.referred_at at time zone j.time_zone)::date, c.status,
      sd.decision,
      case when sd.decision = 'ineligible'
        then coalesce((select array_agg(r->>'kind' order by r->>'kind') from jsonb_array_elements(sd.results) r where r->>'result' = 'met'), '{}')
        else '{}' end,
      exists (select 1 from case_offers o where o.case_id = c.id)
        or c.status in ('offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('declined', 'no_response', 'withdrawn', 'unsuccessful'), false),
      exists (select 1 from case_offers o where o.case_id = c.id and o.status = 'accepted')
        or c.status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('withdrawn', 'unsuccessful'), false),
      fh.at,
      case when fh.at is null then null else floor(extract(epoch from fh.at - c.referred_at) / 86400)::int end,
      (select count(*)::int from hearings h where h.case_id = c.id and h.status = 'held'),
      (select count(*)::int from hearings h where h.case_id = c.id and h.status = 'no_show_participant'),
      c.closed_at, c.return_reason,
      case when c.status = 'completed' then floor(extract(epoch from c.closed_at - c.referred_at) / 86400)::int end,
      now()
    from cases c
    join participants p on p.id = c.participant_id
    join jurisdictions j on j.id = c.jurisdiction_id
    cross join lateral (select extract(year from age((c.referred_at at time zone j.time_zone)::date, p.date_of_birth))::int as y) age
    left join lateral (select d.decision, d.results from screening_decisions d where d.case_id = c.id order by d.created_at desc, d.source desc limit 1) sd on true
    left join lateral (select coalesce((select min(h.starts_at) from hearings h where h.case_id = c.id and h.status = 'held'), c.first_hearing_at) as at) fh on true
    where ${where}
`;
}

/**
 * The same rows computed on the fly from the raw tables, as a FROM item named `f` — what the
 * dashboard would have to do without the rollup (the benchmark's baseline).
 */
export function rawFactsFrom(where: SQL): SQL {
  return sql`(${factsSelect(where)}) as f(${factColumns})`;
}
