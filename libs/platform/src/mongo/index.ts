export * from './mongo.module';
export * from './service-health.controller';
export * from './duplicate-key';
