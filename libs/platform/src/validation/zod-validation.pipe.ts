import { Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseContract } from '@mitra/contracts';

/** Validates an HTTP body/param or a NATS payload against its contract; refuses with field errors. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly fieldPrefix?: string,
  ) {}

  transform(value: unknown): z.output<S> {
    return parseContract(this.schema, value, this.fieldPrefix);
  }
}
