export * from './actor-assertion';
export * from './actor-assertion.guard';
export * from './assertion-keys';
export * from './assertion-signing.serializer';
export * from './canonical-json';
export * from './pairwise-keys';
