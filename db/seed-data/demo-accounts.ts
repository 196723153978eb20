import type { Role } from '@/db/schema/users';

// Shared by the seed, the sign-in page (demo mode only) and the tests.
export const DEMO_PASSWORD = 'commonground-demo';

export const demoAccounts: { email: string; role: Role }[] = [
  { email: 'coordinator@demo.test', role: 'coordinator' },
  { email: 'prosecutor@demo.test', role: 'prosecutor' },
  { email: 'volunteer@demo.test', role: 'volunteer' },
  { email: 'participant@demo.test', role: 'participant' },
  { email: 'participant3@demo.test', role: 'participant' },
  { email: 'participant4@demo.test', role: 'participant' },
  { email: 'provider@demo.test', role: 'provider' },
  { email: 'admin@demo.test', role: 'admin' },
];
