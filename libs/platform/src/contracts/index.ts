export * from './contract.guard';
export * from './handles.decorator';
export * from './access-policy.check';
