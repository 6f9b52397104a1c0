export * from './command-keys';
export * from './field-errors';
export * from './first-error';
export * from './FormRefusal';
export * from './NumberField';
export * from './refused-numbers';
export * from './use-command-form';
