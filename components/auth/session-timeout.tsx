'use client';

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/actions';
import { SESSION } from '@/lib/auth/policy';

type Times = { idleExpiresAt: number; absoluteExpiresAt: number };
type Labels = { title: string; warning: string; absolute: string; stay: string; staying: string; ended: string; endedHelp: string; signIn: string };

const WARN_MS = SESSION.warnSeconds * 1000;

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Warns about two minutes before the session ends for inactivity (or reaches its 12-hour limit)
 * and offers "Stay signed in". It never reloads or leaves the page, so a half-filled form keeps
 * what was typed; if the session does end, it says so and offers sign-in in a new tab. The times
 * come from the server (GET /api/session, which does not count as activity), so another tab's
 * activity is taken into account before warning.
 */
export function SessionTimeout({
  initial,
  stayAction,
  labels,
}: {
  initial: Times;
  stayAction: (prev: ActionResult<Times> | null, fd: FormData) => Promise<ActionResult<Times>>;
  labels: Labels;
}) {
  const [times, setTimes] = useState<Times>(initial);
  const [phase, setPhase] = useState<'quiet' | 'warning' | 'ended'>('quiet');
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const stayButton = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  // The once-a-second tick reads these; refs keep it from restarting on every change.
  const state = useRef({ times: initial, phase: 'quiet' as 'quiet' | 'warning' | 'ended', checking: false, recheck: true });

  const apply = useCallback((next: Partial<{ times: Times; phase: 'quiet' | 'warning' | 'ended' }>) => {
    if (next.times) {
      state.current.times = next.times;
      setTimes(next.times);
    }
    if (next.phase) {
      state.current.phase = next.phase;
      setPhase(next.phase);
    }
  }, []);

  /** Ask the server (without counting as activity) when the session ends; null if it could not say. */
  const check = useCallback(async (): Promise<Times | null> => {
    if (state.current.checking) return null;
    state.current.checking = true;
    try {
      const res = await fetch('/api/session', { cache: 'no-store' });
      const body = (await res.json()) as { signedIn: boolean } & Partial<Times>;
      if (!body.signedIn || !body.idleExpiresAt || !body.absoluteExpiresAt) {
        apply({ phase: 'ended' });
        return null;
      }
      const next = { idleExpiresAt: body.idleExpiresAt, absoluteExpiresAt: body.absoluteExpiresAt };
      apply({ times: next });
      return next;
    } catch {
      return null; // offline for a moment: keep the last known times
    } finally {
      state.current.checking = false;
    }
  }, [apply]);

  // A client-side navigation reached the server, which moved the session along: look again.
  useEffect(() => {
    state.current.recheck = true;
  }, [pathname]);

  useEffect(() => {
    const endOf = (t: Times) => Math.min(t.idleExpiresAt, t.absoluteExpiresAt);
    const tick = () => {
      const at = Date.now();
      setNow(at);
      const { times: known, phase: current } = state.current;
      if (current === 'ended') return;
      const left = endOf(known) - at;
      if (state.current.recheck) {
        state.current.recheck = false;
        void check();
      } else if (left <= 0) {
        void check().then((t) => {
          if (t && endOf(t) <= Date.now()) apply({ phase: 'ended' });
        });
      } else if (left <= WARN_MS && current === 'quiet') {
        void check().then((t) => {
          if (t && endOf(t) - Date.now() <= WARN_MS) apply({ phase: 'warning' });
        });
      } else if (left > WARN_MS && current === 'warning') {
        apply({ phase: 'quiet' });
      }
    };
    const timer = window.setInterval(tick, 1000);
    // Back from another tab (perhaps after signing in again there): look again.
    const onFocus = () =>
      void check().then((t) => {
        if (t && endOf(t) - Date.now() > WARN_MS) apply({ phase: 'quiet' });
      });
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [check, apply]);

  useEffect(() => {
    if (phase === 'warning') stayButton.current?.focus();
  }, [phase]);

  const left = Math.min(times.idleExpiresAt, times.absoluteExpiresAt) - now;
  if (phase === 'quiet') return null;
  const absoluteLimit = times.absoluteExpiresAt <= times.idleExpiresAt;
  const stay = () =>
    startTransition(async () => {
      const result = await stayAction(null, new FormData());
      if (result.ok) apply({ times: result.data, phase: 'quiet' });
      else apply({ phase: 'ended' });
    });

  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-body"
      data-testid="session-timeout"
      className="fixed inset-x-2 bottom-2 z-50 mx-auto max-w-lg rounded-lg border border-amber-400 bg-amber-50 p-4 shadow-lg"
    >
      <h2 id="session-timeout-title" className="font-semibold">
        {phase === 'ended' ? labels.ended : labels.title}
      </h2>
      <p id="session-timeout-body" className="mt-1 text-sm text-stone-800">
        {phase === 'ended' ? labels.endedHelp : (absoluteLimit ? labels.absolute : labels.warning).replace('{time}', mmss(left))}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {phase === 'warning' && !absoluteLimit && (
          <button ref={stayButton} type="button" onClick={stay} disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
            {pending ? labels.staying : labels.stay}
          </button>
        )}
        {phase === 'ended' && (
          <a href="/sign-in" target="_blank" rel="noopener" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {labels.signIn}
          </a>
        )}
      </div>
    </div>
  );
}
