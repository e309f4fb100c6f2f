export * from './permissions';
export * from './credentialLikeContent';
export * from './meshRun';
