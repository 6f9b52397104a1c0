import { Controller, HttpCode, Module, Post, UseGuards, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ThrottlerModule } from '@nestjs/throttler';
import { HttpErrorFilter } from '@mitra/platform';
import { SignInThrottlerGuard, signInThrottlers } from './sign-in-throttler.guard';

/** Stands for the sign-in route: every attempt is a wrong password. */
@Controller('sign-in')
class WrongPasswordController {
  @Post()
  @HttpCode(401)
  @UseGuards(SignInThrottlerGuard)
  attempt(): object {
    return {};
  }
}

@Module({
  imports: [ThrottlerModule.forRoot({ throttlers: signInThrottlers({ perAccount: 3, perAddress: 5 }) })],
  controllers: [WrongPasswordController],
})
class SignInStubModule {}

describe('the sign-in limits', () => {
  let app: INestApplication;
  let url = '';
  const attempt = (email: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'Rahasia-2026' }),
    });

  beforeEach(async () => {
    app = await NestFactory.create(SignInStubModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/sign-in`;
  });
  afterEach(() => app.close());

  it('slows guessing one account, while other emails from the address still try', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('siti@example.org')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt('budi@example.org')).status).toBe(401);
  });

  it('slows one password sprayed over many emails from one address, with a Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`warga-${i}@example.org`)).status);
    const limited = await attempt('warga-terakhir@example.org');
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      message: 'Too many sign-in attempts; wait a minute and try again.',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});
