export * from './contract.guard';
export * from './handles.decorator';
