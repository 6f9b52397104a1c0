import type { HealthReport } from '@mitra/contracts';
import { ApiClient } from '@mitra/testing';

describe('GET /api/v1/health', () => {
  const api = new ApiClient();

  it('reports every dependency up, with its latency, when the whole system runs', async () => {
    const { status, body } = await api.get<HealthReport>('health');

    expect(status).toBe(200);
    expect(body.status).toBe('up');
    expect(body.dependencies.map((d) => d.name).sort()).toEqual(
      ['agreements', 'database', 'funding', 'monitoring', 'nats', 'stakeholders', 'temporal', 'worker'].sort(),
    );
    for (const dependency of body.dependencies) {
      expect(dependency).toMatchObject({ status: 'up' });
      expect(dependency.latencyMs).toBeGreaterThan(0);
    }
  });
});
