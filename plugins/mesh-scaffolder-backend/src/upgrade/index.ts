export * from './upgradeStages';
export * from './precheckUpgrade';
export * from './advanceUpgrade';
