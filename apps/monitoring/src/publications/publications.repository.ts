import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { PublicationRecord } from '@mitra/contracts';
import { DocumentLog } from '../persistence/document-log';
import { publicationLog } from './publication.schema';

/** The partnerships' publication records: a log of each publish or withdraw decision, and the current record. */
@Injectable()
export class PublicationsRepository extends DocumentLog<PublicationRecord> {
  constructor(@InjectConnection() connection: Connection) {
    super(connection, publicationLog);
  }
}
