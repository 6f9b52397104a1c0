import { ErrorCode, type ErrorBody } from '@mitra/contracts';
import { ApiClient, systemEnv } from '@mitra/testing';

const apiUrl = () => systemEnv().MITRA_API_URL;

/** The CSP header as directive → sources. */
function policyOf(response: Response): Record<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** `<script>` and `<link rel=stylesheet>` of a page: what its CSP has to admit. */
function resourcesOf(html: string): { inlineScripts: number; scripts: string[]; stylesheets: string[] } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  return {
    inlineScripts: scripts.filter(([, attributes, body]) => !/\ssrc=/.test(attributes) && body.trim()).length,
    scripts: scripts.flatMap(([, attributes]) =>
      [...attributes.matchAll(/\ssrc=["']([^"']+)["']/g)].map((m) => m[1]),
    ),
    stylesheets: [...html.matchAll(/<link\b[^>]*rel=["']?stylesheet[^>]*>/gi)].flatMap(([tag]) =>
      [...tag.matchAll(/href=["']([^"']+)["']/g)].map((m) => m[1]),
    ),
  };
}

const sameOrigin = (url: string) => !/^[a-z]+:\/\//i.test(url) && !url.startsWith('//');

describe('HTTP hardening', () => {
  const api = new ApiClient();

  it('sends security headers and no X-Powered-By on the api, the web UI and the API docs', async () => {
    for (const path of ['/api/v1/health', '/', '/api/docs']) {
      const response = await fetch(`${apiUrl()}${path}`);
      expect({ path, poweredBy: response.headers.get('x-powered-by') }).toEqual({ path, poweredBy: null });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = policyOf(response);
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    }
  });

  it.each([
    ['the web UI', '/'],
    ['a client-side route of the web UI', '/masuk'],
    ['the API docs', '/api/docs'],
  ])(
    'serves %s with nothing its CSP would block: scripts only from our origin, none inline',
    async (_, path) => {
      const response = await fetch(`${apiUrl()}${path}`);
      expect(response.status).toBe(200);
      const { inlineScripts, scripts, stylesheets } = resourcesOf(await response.text());

      expect(inlineScripts).toBe(0);
      expect(scripts.length).toBeGreaterThan(0);
      for (const url of [...scripts, ...stylesheets]) {
        expect({ url, sameOrigin: sameOrigin(url) }).toEqual({ url, sameOrigin: true });
        const asset = await fetch(new URL(url, `${apiUrl()}${path.endsWith('/') ? path : `${path}/`}`));
        expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      }
    },
  );

  it('refuses a body over 256 kB with a typed 413', async () => {
    const big = { name: 'x'.repeat(300 * 1024) };
    const response = await api.post<ErrorBody>('organisations', big);
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      code: ErrorCode.ValidationFailed,
      message: 'The request body is larger than 256kb.',
    });
  });

  it('refuses malformed JSON and JSON of the wrong type with 400, never a 500', async () => {
    const malformed = await api.fetch('organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'hardening-1' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).errors).toEqual([
      expect.objectContaining({ field: '(root)', reason: 'is not valid JSON' }),
    ]);

    const array = await api.fetch('organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'hardening-2' },
      body: '[1, 2]',
    });
    expect(array.status).toBe(400);

    const text = await api.fetch('organisations', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'idempotency-key': 'hardening-3' },
      body: 'name=Yayasan',
    });
    expect(text.status).toBe(400);
    expect(((await text.json()) as ErrorBody).code).toBe(ErrorCode.ValidationFailed);

    const charset = await api.fetch('organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=klingon', 'idempotency-key': 'hardening-4' },
      body: '{}',
    });
    expect(charset.status).toBe(415);
    expect(((await charset.json()) as ErrorBody).code).toBe(ErrorCode.ValidationFailed);
  });

  it('answers a path that cannot be decoded with a typed 400, never a 500', async () => {
    const response = await api.get<ErrorBody>('organisations/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
  });

  it('answers a path with a trailing slash as the path without it', async () => {
    const response = await api.get<{ user: { email: string } }>('auth/me/');
    expect(response.status).toBe(200);
    expect(response.body.user.email).toBe(
      (await api.get<{ user: { email: string } }>('auth/me')).body.user.email,
    );
  });

  it('documents the sign-in routes and the policy of each route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${apiUrl()}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-mitra-access'?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.paths['/api/v1/auth/sign-in'].post['x-mitra-access']).toEqual({ public: true });
    expect(document.paths['/api/v1/users/{id}'].patch['x-mitra-access']).toEqual({ roles: ['admin'] });
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['cookie', 'csrf']);
  });
});
