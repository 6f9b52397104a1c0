import type { DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose from 'mongoose';
import type { ServiceName } from '@mitra/contracts';
import { loadConfig, mongoConfigSchema } from '../config';

// Unknown filter keys are an injection path since mongoose 7 turned strictQuery off.
mongoose.set('strictQuery', 'throw');
mongoose.set('sanitizeFilter', true);

/** Each service owns its own database, `mitra_<service>`, on the one MongoDB-wire server. */
export function serviceDatabaseModule(service: ServiceName): DynamicModule {
  return MongooseModule.forRootAsync({
    useFactory: () => ({
      uri: loadConfig(mongoConfigSchema).MONGO_URL,
      dbName: `mitra_${service}`,
      serverSelectionTimeoutMS: 5000,
    }),
  });
}
