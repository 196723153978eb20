/** What every template knows besides its own data. */
export type NoticeLocale = 'en' | 'es';

export type NoticeContext = {
  locale: NoticeLocale;
  /** IANA zone of the jurisdiction: every time in a notice is shown in it. */
  timeZone: string;
  programName: string;
  helpPhone: string;
  /** First name (or full name) of the person the message goes to. */
  recipientName: string;
  /** Set when the message goes to a support contact: the participant it is about. */
  onBehalfOf?: string | null;
  /** Address shown as the sender in calendar files. */
  senderEmail?: string;
};

export type RenderedEmail = {
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

export const SMS_MAX = 320;

