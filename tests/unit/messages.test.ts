import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';

/** Every leaf key as a path of segments. */
const paths = (o: object, pre: string[] = []): string[][] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? paths(v, [...pre, k]) : [[...pre, k]]));

describe('message catalogs', () => {
  it('Spanish and English have the same keys', () => {
    const join = (p: string[]) => p.join(' › ');
    expect(paths(es).map(join).sort()).toEqual(paths(en).map(join).sort());
  });

  it('no key contains a dot (next-intl reads dots as nesting, so such a message can never be found)', () => {
    const dotted = [...paths(en), ...paths(es)].filter((p) => p.some((seg) => seg.includes('.'))).map((p) => p.join(' › '));
    expect(dotted).toEqual([]);
  });
});
