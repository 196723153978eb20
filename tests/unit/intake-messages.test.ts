import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';

const keys = (o: object, pre = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${pre}${k}.`) : [`${pre}${k}`]));

describe('intake messages', () => {
  it('Spanish has every English intake string, and none is left in English by mistake', () => {
    expect(keys(es.intake).sort()).toEqual(keys(en.intake).sort());
    const flatEn = Object.fromEntries(keys(en.intake).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en.intake)]));
    const same = keys(es.intake).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], es.intake) === flatEn[k] && String(flatEn[k]).length > 3);
    expect(same).toEqual([]);
  });
});
