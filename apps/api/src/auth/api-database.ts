import { MongooseModule } from '@nestjs/mongoose';
import { API_CONFIG, type ApiConfig } from '../config';

/** The api's own database, `mitra_api`: accounts and sessions. */
export const apiDatabaseModule = () =>
  MongooseModule.forRootAsync({
    inject: [API_CONFIG],
    useFactory: (config: ApiConfig) => ({
      uri: config.MONGO_URL,
      dbName: 'mitra_api',
      serverSelectionTimeoutMS: 5000,
    }),
  });
