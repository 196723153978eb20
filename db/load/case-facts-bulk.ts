import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../types';

/**
 * Build the case_facts rows of every case that has none yet (of one jurisdiction, if given),
 * set-based, for bulk loads (the load generator). Same values as db/queries/case-facts.ts
 * `factsSelect` (which the lifecycle uses per case, keyed on the primary key), but each per-case
 * subquery is computed once for all cases as a grouped relation and hash-joined: correlated
 * subqueries per case took over 10 minutes at 1M cases; this takes seconds.
 * tests/integration/load-generator.test.ts checks both give the same rows.
 */
export async function fillCaseFactsBulk(db: Db, jurisdictionId?: string): Promise<void> {
  const scope = jurisdictionId ? sql`c.jurisdiction_id = ${jurisdictionId}` : sql`true`;
  await db.execute(sql`
    with todo as (select c.* from cases c where ${scope} and not exists (select 1 from case_facts x where x.case_id = c.id)),
    asg as (
      select distinct on (a.case_id) a.case_id, a.board_id from case_assignments a join todo t on t.id = a.case_id
      order by a.case_id, a.ended_at is null desc, a.assigned_at desc
    ),
    sd as (
      select distinct on (d.case_id) d.case_id, d.decision, d.results from screening_decisions d join todo t on t.id = d.case_id
      order by d.case_id, d.created_at desc, d.source desc
    ),
    ofr as (
      select o.case_id, bool_or(o.status = 'accepted') as accepted from case_offers o join todo t on t.id = o.case_id group by o.case_id
    ),
    hh as (
      select h.case_id, min(h.starts_at) filter (where h.status = 'held') as first_held,
        (count(*) filter (where h.status = 'held'))::int as attended,
        (count(*) filter (where h.status = 'no_show_participant'))::int as missed
      from hearings h join todo t on t.id = h.case_id group by h.case_id
    )
    insert into case_facts (
      case_id, jurisdiction_id, participant_id, board_id, neighborhood, race, ethnicity, sex, age_band,
      referred_at, referred_day, status, screening_decision, ineligible_reasons, offered, accepted,
      first_hearing_at, days_to_first_hearing, hearings_attended, hearings_missed, closed_at,
      return_reason, days_to_completion, updated_at)
    select
      c.id, c.jurisdiction_id, c.participant_id, asg.board_id, ba.neighborhood,
      p.race, p.ethnicity, p.sex,
      case
        when age.y < 18 then 'under_18' when age.y < 25 then '18_24' when age.y < 35 then '25_34'
        when age.y < 45 then '35_44' when age.y < 55 then '45_54' else '55_plus' end,
      c.referred_at, (c.referred_at at time zone j.time_zone)::date, c.status,
      sd.decision,
      case when sd.decision = 'ineligible'
        then coalesce((select array_agg(r->>'kind' order by r->>'kind') from jsonb_array_elements(sd.results) r where r->>'result' = 'met'), '{}')
        else '{}' end,
      ofr.case_id is not null
        or c.status in ('offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('declined', 'no_response', 'withdrawn', 'unsuccessful'), false),
      coalesce(ofr.accepted, false)
        or c.status in ('accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed')
        or coalesce(c.return_reason in ('withdrawn', 'unsuccessful'), false),
      coalesce(hh.first_held, c.first_hearing_at),
      case when coalesce(hh.first_held, c.first_hearing_at) is null then null
        else floor(extract(epoch from coalesce(hh.first_held, c.first_hearing_at) - c.referred_at) / 86400)::int end,
      coalesce(hh.attended, 0), coalesce(hh.missed, 0),
      c.closed_at, c.return_reason,
      case when c.status = 'completed' then floor(extract(epoch from c.closed_at - c.referred_at) / 86400)::int end,
      now()
    from todo c
    join participants p on p.id = c.participant_id
    join jurisdictions j on j.id = c.jurisdiction_id
    cross join lateral (select extract(year from age((c.referred_at at time zone j.time_zone)::date, p.date_of_birth))::int as y) age
    left join board_areas ba on ba.jurisdiction_id = c.jurisdiction_id and ba.zip = p.zip
    left join asg on asg.case_id = c.id
    left join sd on sd.case_id = c.id
    left join ofr on ofr.case_id = c.id
    left join hh on hh.case_id = c.id
    on conflict (case_id) do nothing`);
}
