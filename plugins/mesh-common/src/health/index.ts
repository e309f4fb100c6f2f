export * from './status';
export * from './thresholds';
export * from './response';
export * from './annotations';
export * from './alertRules';
export * from './revisions';
export * from './upgradeGateClient';
