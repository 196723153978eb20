/**
 * Where hearings happen: rooms at libraries, churches and community centers, and video rooms
 * (a standing meeting link). A video room is booked like a physical room: one link hosts one
 * hearing at a time, so the same no-overlap rule applies. Coordinators create and edit venues;
 * a venue is deactivated, never deleted, so past hearings keep their place.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { jurisdictions } from './jurisdictions';

export const venueKindEnum = pgEnum('venue_kind', ['library', 'church', 'community_center', 'other', 'video']);

/** Weekly opening hours in local wall-clock minutes (0 = Sunday). */
export type WeeklyWindow = { weekday: number; start: number; end: number };

export const venues = pgTable(
  'venues',
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    name: text().notNull(),
    kind: venueKindEnum().notNull(),
    /** Room name inside the building ("Meeting room B"). */
    room: text().notNull().default(''),
    addressLine: text(),
    zip: text(),
    capacity: integer().notNull().default(8),
    accessible: boolean().notNull().default(true),
    accessibilityNotes: text().notNull().default(''),
    hours: jsonb().$type<WeeklyWindow[]>().notNull().default([]),
    meetingUrl: text(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('venues_jurisdiction_idx').on(t.jurisdictionId),
    check('venues_capacity_positive', sql`${t.capacity} > 0`),
    check('venues_video_has_link', sql`(${t.kind} = 'video') = (${t.meetingUrl} is not null)`),
    check('venues_place_has_address', sql`${t.kind} = 'video' or ${t.addressLine} is not null`),
  ],
);

export type Venue = typeof venues.$inferSelect;
