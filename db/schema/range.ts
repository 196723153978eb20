/**
 * PostgreSQL range type drizzle lacks. Values travel as PostgreSQL's text form
 * (`["2026-03-08 18:00:00+00","2026-03-08 19:00:00+00")`); code reads starts_at/ends_at instead.
 */
import { customType } from 'drizzle-orm/pg-core';

export const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
});
