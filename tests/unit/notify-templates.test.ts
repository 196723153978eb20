import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeyword, twilioSignature, verifyTwilioSignature } from '@/lib/notify/inbound';
import { displayPhone, normalizeEmail, normalizePhone } from '@/lib/notify/phone';
import { renderEmail, renderSms, STOP_LINE, templateKeys, type NoticeContext, type TemplateKey } from '@/lib/notify/templates';

const text = (min: number, max: number) => fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzñáéíóú ABCDEFGH0123456789,.-'.split('')) }).filter((s) => s.trim().length >= min);
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
const day = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const hearing = fc.record({
  hearingId: fc.uuid(),
  startsAt: instant,
  endsAt: instant,
  location: fc.option(text(1, 200), { nil: null }),
  locationCode: fc.option(fc.constantFrom('video' as const, 'to_be_confirmed' as const), { nil: null }),
  address: fc.option(text(1, 300), { nil: null }),
  videoUrl: fc.option(fc.constant('https://video.example.org/room/123'), { nil: null }),
  boardName: fc.option(text(1, 120), { nil: null }),
  sequence: fc.nat(20),
});
const dataFor: Record<TemplateKey, fc.Arbitrary<unknown>> = {
  'hearing.confirmation': hearing,
  'hearing.reminder': hearing.chain((h) => fc.constantFrom('7d', '2d', 'day_of').map((lead) => ({ ...h, lead }))),
  'hearing.changed': hearing.chain((h) => instant.map((previousStartsAt) => ({ ...h, previousStartsAt }))),
  'hearing.cancelled': hearing,
  'hearing.no_show': fc.record({ hearingId: fc.uuid(), missedAt: instant, rescheduleUrl: fc.webUrl({ size: 'small' }).filter((u) => u.length <= 300) }),
  'obligation.due_soon': fc.record({ obligationId: fc.uuid(), title: text(1, 200), dueOn: day }),
  'obligation.overdue': fc.record({ obligationId: fc.uuid(), title: text(1, 200), dueOn: day }),
  'agreement.signed': fc.record({ agreementId: fc.uuid(), endsOn: day, itemCount: fc.integer({ min: 0, max: 100 }) }),
  'case.completed': fc.constant({}),
  'case.returned': fc.constant({}),
  'auth.sign_in_code': fc.record({ code: fc.stringMatching(/^\d{6}$/), minutes: fc.integer({ min: 1, max: 60 }) }),
  'auth.invitation': fc.record({ url: fc.constant('https://commonground.example.org/sign-in/code?t=abcdefghijklmnopqrstuvwxyz012345'), expiresOn: day }),
  'portal.request': fc.record({
    kind: fc.constantFrom('help' as const, 'reschedule' as const),
    participantName: text(1, 120),
    caseNumber: text(1, 60),
    message: text(0, 1000),
    url: fc.constant('https://commonground.example.org/cases/3f1c2b9e-0000-4000-8000-000000000000'),
  }),
};
const context = fc.record({
  locale: fc.constantFrom('en' as const, 'es' as const),
  timeZone: fc.constantFrom('America/Chicago', 'America/Los_Angeles', 'America/New_York'),
  programName: text(3, 80),
  helpPhone: fc.constantFrom('(816) 555-0142', '+1 913 555 0100 ext. 12'),
  recipientName: text(1, 40),
  onBehalfOf: fc.option(text(1, 60), { nil: null }),
});

describe('notice templates', () => {
  it('property: every text message names the sender, stays within 320 characters and ends with the STOP line, in both languages', () => {
    for (const key of templateKeys) {
      fc.assert(
        fc.property(dataFor[key], context, (data, ctx: NoticeContext) => {
          const s = renderSms(key, data, ctx);
          expect(s.length).toBeLessThanOrEqual(320);
          expect(s.endsWith(STOP_LINE[ctx.locale])).toBe(true);
          expect(s.startsWith(ctx.programName.slice(0, 20))).toBe(true);
          expect(s).toContain(ctx.locale === 'es' ? 'Ayuda:' : 'Help:');
        }),
        { numRuns: 150 },
      );
    }
  });

  it('property: every email greets the person, names the program and the help phone, and explains why they got it', () => {
    for (const key of templateKeys) {
      fc.assert(
        fc.property(dataFor[key], context, (data, ctx: NoticeContext) => {
          const m = renderEmail(key, data, ctx);
          expect(m.subject.endsWith(` · ${ctx.programName}`)).toBe(true);
          expect(m.text.startsWith(ctx.locale === 'es' ? `Hola ${ctx.recipientName}:` : `Hello ${ctx.recipientName},`)).toBe(true);
          expect(m.text).toContain(ctx.helpPhone);
          if (ctx.onBehalfOf) expect(m.text).toContain(ctx.onBehalfOf);
          expect(m.attachments.length).toBe(['hearing.confirmation', 'hearing.changed', 'hearing.cancelled'].includes(key) ? 1 : 0);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('a long venue name is shortened, never the STOP line or the link of a no-show message', () => {
    const ctx: NoticeContext = { locale: 'en', timeZone: 'America/Chicago', programName: 'Common Ground', helpPhone: '(816) 555-0142', recipientName: 'Jordan' };
    const s = renderSms('hearing.confirmation', { hearingId: 'h', startsAt: '2027-01-12T00:30:00Z', endsAt: '2027-01-12T01:30:00Z', location: 'A'.repeat(200) }, ctx);
    expect(s).toMatch(/at A+…\. Can't come\?/);
    expect(s.length).toBeLessThanOrEqual(320);
    const url = 'https://cg.example.org/portal/reschedule/0123456789abcdef';
    expect(renderSms('hearing.no_show', { hearingId: 'h', missedAt: '2027-01-12T00:30:00Z', rescheduleUrl: url }, ctx)).toContain(url);
  });

  it('formats the same instant in the recipient’s language and the jurisdiction’s zone', () => {
    const base = { recipientName: 'Jordan', programName: 'Common Ground', helpPhone: '(816) 555-0142' };
    const d = { hearingId: 'h', startsAt: '2027-07-14T01:00:00Z', endsAt: '2027-07-14T02:00:00Z', location: 'Library', lead: 'day_of' };
    expect(renderSms('hearing.reminder', d, { ...base, locale: 'en', timeZone: 'America/Chicago' })).toContain('Today: your board meeting at 8:00 PM CDT');
    expect(renderSms('hearing.reminder', d, { ...base, locale: 'es', timeZone: 'America/Los_Angeles' })).toContain('Hoy: su reunión con el comité es a las 6:00 p.m. PDT');
  });
});

describe('where the hearing is, in the recipient’s language', () => {
  const ctx = (locale: 'en' | 'es'): NoticeContext => ({ locale, timeZone: 'America/Chicago', programName: 'Common Ground', helpPhone: '(816) 555-0142', recipientName: 'Jordan' });
  const base = { hearingId: 'h-place', startsAt: '2027-01-12T00:30:00Z', endsAt: '2027-01-12T01:30:00Z', boardName: 'Northeast', sequence: 1 };
  const video = { ...base, location: null, locationCode: 'video', videoUrl: 'https://video.example.org/room/42' };
  const unknown = { ...base, location: null, locationCode: 'to_be_confirmed' };
  // Rows queued before the code existed carry the English words themselves.
  const legacyVideo = { ...base, location: 'Video meeting', videoUrl: 'https://video.example.org/room/42' };
  const legacyUnknown = { ...base, location: 'To be confirmed' };
  const ENGLISH = /Video meeting|To be confirmed/;
  const everything = (key: 'hearing.confirmation' | 'hearing.changed' | 'hearing.reminder', data: object, locale: 'en' | 'es') => {
    const d = key === 'hearing.changed' ? { ...data, previousStartsAt: '2027-01-05T00:30:00Z' } : key === 'hearing.reminder' ? { ...data, lead: '2d' } : data;
    const m = renderEmail(key, d, ctx(locale));
    return { text: m.text, sms: renderSms(key, d, ctx(locale)), ics: m.attachments.map((a) => a.content).join('\n') };
  };

  it('a Spanish recipient reads "Videollamada" and "Por confirmar" in the email, the text message and the calendar file, never the English words', () => {
    for (const key of ['hearing.confirmation', 'hearing.changed', 'hearing.reminder'] as const) {
      for (const [data, label, inline] of [
        [video, 'Videollamada', 'en videollamada'],
        [legacyVideo, 'Videollamada', 'en videollamada'],
        [unknown, 'Por confirmar', 'en lugar por confirmar'],
        [legacyUnknown, 'Por confirmar', 'en lugar por confirmar'],
      ] as const) {
        const r = everything(key, data, 'es');
        expect(r.text).toContain(`Lugar: ${label}`);
        expect(r.sms).toContain(inline);
        if (key !== 'hearing.reminder') expect(r.ics).toContain(`LOCATION:${label}`);
        for (const out of [r.text, r.sms, r.ics]) expect(out).not.toMatch(ENGLISH);
      }
    }
    expect(everything('hearing.confirmation', video, 'es').text).toContain('Enlace de video: https://video.example.org/room/42');
    expect(everything('hearing.confirmation', video, 'es').sms).toContain('Su reunión con el comité es el lun, 11 de ene, 6:30 p.m. CST en videollamada.');
  });

  it('English reads as before, and old rows render exactly like new ones', () => {
    const en = everything('hearing.confirmation', video, 'en');
    expect(en.text).toContain('Where: Video meeting\nVideo link: https://video.example.org/room/42');
    expect(en.sms).toContain('Your board meeting is set for Mon, Jan 11, 6:30 PM CST at Video meeting.');
    expect(en.ics).toContain('LOCATION:Video meeting');
    const tbc = everything('hearing.confirmation', unknown, 'en');
    expect(tbc.text).toContain('Where: To be confirmed');
    expect(tbc.ics).toContain('LOCATION:To be confirmed');
    for (const locale of ['en', 'es'] as const) {
      for (const key of ['hearing.confirmation', 'hearing.changed', 'hearing.reminder'] as const) {
        expect(everything(key, legacyVideo, locale)).toEqual(everything(key, video, locale));
        expect(everything(key, legacyUnknown, locale)).toEqual(everything(key, unknown, locale));
      }
    }
  });

  it('a venue’s own name is printed as is in both languages', () => {
    const named = { ...base, location: 'Northeast Branch Library, Room B', address: '6000 Wilson Rd' };
    expect(everything('hearing.confirmation', named, 'es').text).toContain('Lugar: Northeast Branch Library, Room B, 6000 Wilson Rd');
    expect(everything('hearing.confirmation', named, 'es').ics).toContain('LOCATION:Northeast Branch Library\\, Room B\\, 6000 Wilson Rd');
    expect(everything('hearing.confirmation', named, 'en').sms).toContain('at Northeast Branch Library, Room B.');
  });
});

describe('phone numbers and addresses', () => {
  it('normalizes North American numbers to E.164 and refuses what cannot be dialled', () => {
    expect(normalizePhone('(816) 555-0142')).toBe('+18165550142');
    expect(normalizePhone('1-816-555-0142')).toBe('+18165550142');
    expect(normalizePhone('+52 55 1234 5678')).toBe('+525512345678');
    expect(normalizePhone('555-0142')).toBeNull();
    expect(normalizePhone('816-055-0142')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
    expect(displayPhone('+18165550142')).toBe('(816) 555-0142');
    expect(normalizeEmail('jordan@example.org')).toBe('jordan@example.org');
    expect(normalizeEmail('jordan@')).toBeNull();
  });

  it('property: a valid number normalizes to the same E.164 however it is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 999_999 }), (a, b, c, rest) => {
        const digits = `${a}${String(b).padStart(2, '0')}${c}${String(rest).padStart(6, '0')}`;
        const e164 = `+1${digits}`;
        for (const written of [digits, `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `1.${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`, `+1 ${digits}`]) {
          expect(normalizePhone(written)).toBe(e164);
        }
      }),
    );
  });
});

describe('inbound SMS', () => {
  it('signs like Twilio: HMAC-SHA1 of the URL and the sorted parameters, base64', () => {
    // Worked example from Twilio's webhook security documentation.
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const sig = twilioSignature('12345', url, params);
    expect(sig).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(verifyTwilioSignature('12345', url, params, sig)).toBe(true);
    expect(verifyTwilioSignature('12345', url, { ...params, Digits: '9999' }, sig)).toBe(false);
    expect(verifyTwilioSignature('wrong', url, params, sig)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params, null)).toBe(false);
  });

  it('reads the keyword from the first word, in English or Spanish', () => {
    expect(parseKeyword('Stop')).toEqual({ keyword: 'stop', raw: 'STOP' });
    expect(parseKeyword(' stop. thanks')).toEqual({ keyword: 'stop', raw: 'STOP' });
    expect(parseKeyword('BASTA')).toMatchObject({ keyword: 'stop' });
    expect(parseKeyword('unstop')).toMatchObject({ keyword: 'start' });
    expect(parseKeyword('ayuda!')).toMatchObject({ keyword: 'help' });
    expect(parseKeyword('please stop')).toBeNull();
    expect(parseKeyword('')).toBeNull();
  });
});
