export * from './jurisdictions';
export * from './users';
export * from './boards';
export * from './participants';
export * from './cases';
export * from './audit';
export * from './security';
