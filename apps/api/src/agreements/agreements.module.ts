import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { SigningKeysController } from './signing-keys.controller';

@Module({ controllers: [AgreementsController, SigningKeysController] })
export class AgreementsModule {}
