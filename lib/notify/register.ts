/**
 * The one place that loads every feature's "still due?" resolvers, so any process that runs the
 * worker (the in-process loop of `npm start`, `npm run worker`) has all of them. A feature adds a
 * side-effect import here, e.g. `import '@/lib/scheduling/notice-resolvers';` which calls
 * `registerResolver('hearing.reminder', …)` from lib/notify/resolvers.ts.
 */
import 'server-only';
import '@/lib/scheduling/notice-resolvers';
import '@/lib/agreements/notice-resolvers';

export const resolversLoaded = true;
