import { getDb } from '@/db/client';
import { handleInboundSms } from '@/lib/notify/inbound';

export const dynamic = 'force-dynamic';

/**
 * Replies to our text messages (the SMS provider's incoming-message webhook). STOP / START / HELP
 * are honoured at once; the signature check uses SMS_AUTH_TOKEN and the public URL the provider
 * calls (SMS_WEBHOOK_URL when the app sits behind a proxy that rewrites the host).
 */
export async function POST(request: Request) {
  return handleInboundSms(await getDb(), request, { authToken: process.env.SMS_AUTH_TOKEN, publicUrl: process.env.SMS_WEBHOOK_URL || undefined });
}
