// Invented names for demo data. Any resemblance to real people is accidental.
export const firstNames = [
  'Marcus', 'Jasmine', 'Darnell', 'Keisha', 'Andre', 'Tasha', 'Jamal', 'Aaliyah', 'Terrence', 'Monique',
  'Luis', 'María', 'José', 'Ana', 'Carlos', 'Sofía', 'Miguel', 'Lucía', 'Brandon', 'Ashley',
  'Tyler', 'Megan', 'Cody', 'Brittany', 'Kevin', 'Nicole', 'Derrick', 'Latoya', 'Hung', 'Mai',
];
export const lastNames = [
  'Johnson', 'Williams', 'Brown', 'Jackson', 'Davis', 'Harris', 'Robinson', 'Walker', 'Thompson', 'White',
  'García', 'Hernández', 'López', 'Martínez', 'Rodríguez', 'Smith', 'Miller', 'Wilson', 'Moore', 'Taylor',
  'Anderson', 'Thomas', 'Nguyen', 'Tran', 'Carter', 'Mitchell', 'Turner', 'Phillips', 'Campbell', 'Parker',
];
export const volunteerNames = [
  'Gloria Washington', 'Rev. Samuel Hayes', 'Patricia Nguyen', 'Daniel Ortiz', 'Beverly Coleman', 'Marcus Reed',
  'Elena Castillo', 'Harold Jenkins', 'Denise Porter', 'Victor Alvarez', 'Loretta Simmons', 'James Whitfield',
  'Rosa Delgado', 'Kenneth Brooks', 'Angela Foster', 'Tomás Rivera', 'Sharon Mitchell', 'Curtis Bell',
  'Ruth Okafor', 'Leonard Price',
];

/** Charge table for the demo (Missouri RSMo sections). */
export type DemoCharge = { code: string; description: string; severity: string; violent: boolean; weapon: boolean };
export const chargeTable: readonly DemoCharge[] = [
  { code: '579.015', description: 'Possession of a controlled substance', severity: 'felony_d', violent: false, weapon: false },
  { code: '579.074', description: 'Possession of drug paraphernalia', severity: 'misdemeanor_a', violent: false, weapon: false },
  { code: '579.015-M', description: 'Possession of marijuana/synthetic cannabinoid (≤ 35 g)', severity: 'misdemeanor_a', violent: false, weapon: false },
  { code: '579.020', description: 'Delivery of a controlled substance', severity: 'felony_c', violent: false, weapon: false },
  { code: '579.065', description: 'Trafficking drugs, second degree', severity: 'felony_b', violent: false, weapon: false },
  { code: '571.030', description: 'Unlawful use of a weapon', severity: 'felony_e', violent: false, weapon: true },
  { code: '571.070', description: 'Unlawful possession of a firearm', severity: 'felony_d', violent: false, weapon: true },
  { code: '565.050', description: 'Assault, first degree', severity: 'felony_a', violent: true, weapon: false },
  { code: '565.056', description: 'Assault, fourth degree', severity: 'misdemeanor_a', violent: true, weapon: false },
  { code: '569.160', description: 'Burglary, first degree', severity: 'felony_b', violent: true, weapon: false },
];

export const referringAgencies = ['Kansas City Police Department', 'Independence Police Department', "Jackson County Sheriff's Office"];
