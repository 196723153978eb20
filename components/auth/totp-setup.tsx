/** The key and link an authenticator app needs, as text: no QR library, nothing to scan. */
export function TotpSetup({ secret, uri, labels }: { secret: string; uri: string; labels: { step1: string; step2: string; step3: string; secret: string; openInApp: string; uri: string } }) {
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <ol className="list-decimal space-y-3 pl-5">
      <li>{labels.step1}</li>
      <li>
        {labels.step2}
        <dl className="mt-2 rounded-md border border-stone-200 bg-white p-3">
          <dt className="text-sm text-stone-600">{labels.secret}</dt>
          <dd className="font-mono text-lg tracking-wide" data-testid="totp-secret">
            {grouped}
          </dd>
          <dt className="mt-2 text-sm text-stone-600">{labels.uri}</dt>
          <dd className="break-all font-mono text-xs text-stone-700">{uri}</dd>
        </dl>
        <a href={uri} className="mt-2 inline-block font-medium text-brand-700 underline">
          {labels.openInApp}
        </a>
      </li>
      <li>{labels.step3}</li>
    </ol>
  );
}
