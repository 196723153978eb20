import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PortalAgreementLink } from '@/components/agreements/portal-agreement-link';
import { PortalOffer } from '@/components/intake/portal-offer';
import { ParticipantRecordStatus } from '@/components/outcomes/participant-record-status';
import { HelpBox } from '@/components/portal/help-box';
import { NextMeeting } from '@/components/portal/next-meeting';
import { PortalDocumentsSlot, PortalTreatmentSlot } from '@/components/portal/slots';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db/client';
import { participantHomePageData } from '@/db/queries/page-data';
import { requireActor } from '@/lib/auth/session';

/** The tab title in the participant's language. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('portalApp.titles'))('home') };
}

const CLOSED = new Set(['completed', 'returned', 'ineligible']);

/**
 * The participant's one page: what to do next first (answer the offer, confirm the meeting,
 * answer the survey), then the meeting, their agreement, messages, and what finishing means.
 */
export default async function ParticipantHome() {
  const actor = await requireActor(['participant']);
  const db = await getDb();
  // Every read of this page in one function, which the benchmark's baseline runs too.
  const data = await participantHomePageData(db, actor);
  const { jurisdiction, meetings, notices } = data;
  const t = await getTranslations('portal');
  const tp = await getTranslations('portalApp');
  // Message keys cannot contain dots (next-intl reads them as nesting): 'case.completed' → 'case_completed'.
  const messageKind = (key: string, subject: string | null) => {
    const k = `messages.kinds.${key.replace('.', '_')}`;
    return tp.has(k) ? tp(k as 'messages.kinds.case_completed') : (subject ?? key);
  };
  const format = await getFormatter();
  const tz = jurisdiction.timeZone;
  if (!data.case) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="mt-4">{t('noCase')}</p>
        <p className="mt-2">{t('help', { phone: jurisdiction.settings.helpPhone })}</p>
      </div>
    );
  }
  const { case: c, offer, closure, agreements } = data;
  const ts = await getTranslations('status');
  const next = meetings.upcoming[0];
  const todo: { key: string; text: string; href: string }[] = [];
  if (c.status === 'offered') todo.push({ key: 'offer', text: tp('todo.offer'), href: '#offer-h' });
  for (const h of meetings.surveyDue) todo.push({ key: `survey-${h.id}`, text: tp('todo.survey', { date: format.dateTime(h.startsAt, { dateStyle: 'medium', timeZone: tz }) }), href: `/portal/survey/${h.id}` });
  if (next && !next.confirmedAt) todo.push({ key: 'confirm', text: tp('todo.confirm'), href: '#meeting-h' });
  if (!CLOSED.has(c.status) && !next) todo.push({ key: 'availability', text: tp('todo.availability'), href: '/portal/availability' });

  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t('hello', { name: c.participant.firstName })}</h1>

      <section aria-labelledby="todo-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="portal-todo">
        <h2 id="todo-h" className="text-lg font-semibold">{tp('todo.title')}</h2>
        {todo.length === 0 ? (
          <p className="mt-1 text-lg">{t(`next.${c.status}`)}</p>
        ) : (
          <ul className="mt-2 list-disc space-y-2 pl-5">
            {todo.map((x) => (
              <li key={x.key}><a href={x.href} className="text-brand-800 underline underline-offset-2">{x.text}</a></li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="status-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="status-h" className="text-lg font-semibold">{t('statusTitle')}</h2>
        <div className="mt-2"><StatusBadge status={c.status} label={ts(c.status)} /></div>
        <p className="mt-2">{t(`next.${c.status}`)}</p>
        <p className="mt-2 text-sm text-stone-700">{t('referredOn', { date: format.dateTime(c.referredAt, { dateStyle: 'long', timeZone: tz }) })}</p>
        <p className="mt-1 text-sm text-stone-700">{t('board')}: {c.board?.name ?? t('noBoard')}</p>
      </section>

      {c.status === 'offered' && (
        <>
          <section aria-labelledby="explain-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="offer-explained">
            <h2 id="explain-h" className="text-lg font-semibold">{tp('offer.title')}</h2>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>{tp('offer.what')}</li>
              <li>{tp('offer.voluntary')}</li>
              <li>{tp('offer.stop')}</li>
              <li>{tp('offer.no')}</li>
              <li>{tp('offer.lawyer')}</li>
            </ul>
          </section>
          {offer && <PortalOffer offer={offer} caseId={c.id} timeZone={tz} />}
        </>
      )}

      {next ? (
        <NextMeeting hearing={next} timeZone={tz} />
      ) : (
        !CLOSED.has(c.status) && (
          <section aria-labelledby="meeting-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="next-meeting">
            <h2 id="meeting-h" className="text-lg font-semibold">{tp('meeting.title')}</h2>
            <p className="mt-1">{tp('meeting.none')}</p>
          </section>
        )
      )}
      {!CLOSED.has(c.status) && (
        <p className="mt-3"><Link href="/portal/availability" className="text-brand-800 underline underline-offset-2">{tp('availabilityLink')}</Link></p>
      )}

      {meetings.surveyDue.length > 0 && (
        <section aria-labelledby="survey-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="survey-due">
          <h2 id="survey-h" className="text-lg font-semibold">{tp('survey.title')}</h2>
          <p className="mt-1">{tp('survey.intro')}</p>
          <ul className="mt-2 space-y-1">
            {meetings.surveyDue.map((h) => (
              <li key={h.id}><Link href={`/portal/survey/${h.id}`} className="text-brand-800 underline underline-offset-2">{tp('survey.link', { date: format.dateTime(h.startsAt, { dateStyle: 'medium', timeZone: tz }) })}</Link></li>
            ))}
          </ul>
        </section>
      )}

      <PortalAgreementLink view={agreements} closed={CLOSED.has(c.status)} />
      <PortalTreatmentSlot actor={actor} caseId={c.id} timeZone={tz} />

      <section aria-labelledby="messages-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="portal-messages">
        <h2 id="messages-h" className="text-lg font-semibold">{tp('messages.title')}</h2>
        {notices.length === 0 ? (
          <p className="mt-1">{tp('messages.none')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200">
            {notices.map((n) => (
              <li key={n.id} className="py-2">
                <p className="font-medium">{messageKind(n.templateKey, n.subject)}</p>
                <p className="text-sm text-stone-700">
                  {format.dateTime(n.sentAt ?? n.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz })} · {tp(`messages.channel.${n.channel}`)}
                  {n.status !== 'sent' && ` · ${tp('messages.pending')}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <PortalDocumentsSlot caseId={c.id} closure={closure.closure} />

      <ParticipantRecordStatus closure={closure} timeZone={tz} />
      {!CLOSED.has(c.status) && (
        <section aria-labelledby="finish-h" className="mt-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="when-you-finish">
          <h2 id="finish-h" className="text-lg font-semibold">{tp('finish.title')}</h2>
          <p className="mt-1">{tp('finish.body')}</p>
          <p className="mt-1">{tp('finish.record')}</p>
        </section>
      )}

      <HelpBox phone={jurisdiction.settings.helpPhone} />
    </div>
  );
}
