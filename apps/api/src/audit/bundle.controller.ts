import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { partnershipIdSchema, type Actor } from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, type PartnershipLocator } from '../auth/access-policy';
import { EvidenceBundleService } from './evidence-bundle.service';

const partnership: PartnershipLocator = { in: 'param', name: 'id', schema: partnershipIdSchema };

@ApiTags('audit')
@Controller('audit/partnerships/:id')
export class BundleController {
  constructor(private readonly bundles: EvidenceBundleService) {}

  @Get('bundle')
  @ApiOperation({
    summary: 'The evidence bundle (zip): workflow history, timeline PDF, every agreement version with its signatures, keys and verification report, ledger and indicator CSVs, and a SHA-256 manifest',
    description: 'Check it offline with `node -r @swc-node/register tools/audit/verify-bundle.ts <file.zip>`.',
  })
  @ApiProduces('application/zip')
  @Access({ roles: ['admin', 'auditor', 'coordinator'], partnership })
  async bundle(@Param('id', new ZodValidationPipe(partnershipIdSchema, 'id')) id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { fileName, bytes } = await this.bundles.bundle(actor, id);
    return new StreamableFile(bytes, { type: 'application/zip', disposition: `attachment; filename="${fileName}"`, length: bytes.length });
  }
}
