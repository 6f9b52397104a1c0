import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ReplayReport } from '@mitra/contracts';
import {
  lifecycleWorkflowBundle,
  PartnershipReplayer,
  type PartnershipHistory,
} from '@mitra/platform/temporal';

/**
 * The api's one replay worker, with the workflow code bundled when the api starts (seconds of
 * webpack, not paid by the first auditor). Auditors' replays queue for it, however many ask at once.
 */
@Injectable()
export class AuditReplayer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditReplayer.name);
  private replayer: PartnershipReplayer | undefined;

  onApplicationBootstrap(): void {
    const started = Date.now();
    // Not awaited: the api serves everything else while the bundle builds; a replay asked for meanwhile waits for it.
    const bundle = lifecycleWorkflowBundle();
    bundle.then(
      () => this.logger.log(`Workflow code bundled for replay in ${Date.now() - started} ms`),
      (error: unknown) => this.logger.error(`Bundling the workflow code for replay failed: ${String(error)}`),
    );
    this.replayer = PartnershipReplayer.start(bundle);
  }

  replay(history: PartnershipHistory): Promise<ReplayReport> {
    if (!this.replayer) throw new Error('The audit replayer starts with the api.');
    return this.replayer.replay(history);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replayer?.close();
  }
}
