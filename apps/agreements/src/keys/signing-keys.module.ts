import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  SigningKeyCommandRecord,
  SigningKeyCommandSchema,
  SigningKeyRecord,
  SigningKeyRevocationRecord,
  SigningKeyRevocationSchema,
  SigningKeySchema,
} from './signing-key.schema';
import { SigningKeysController } from './signing-keys.controller';
import { SigningKeysRepository } from './signing-keys.repository';
import { SigningKeysService } from './signing-keys.service';

@Module({
  imports: [MongooseModule.forFeature([
      { name: SigningKeyRecord.name, schema: SigningKeySchema },
      { name: SigningKeyCommandRecord.name, schema: SigningKeyCommandSchema },
      { name: SigningKeyRevocationRecord.name, schema: SigningKeyRevocationSchema },
    ])],
  controllers: [SigningKeysController],
  providers: [SigningKeysRepository, SigningKeysService],
  exports: [SigningKeysService],
})
export class SigningKeysModule {}
