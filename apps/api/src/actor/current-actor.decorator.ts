import { createParamDecorator } from '@nestjs/common';
import type { Actor } from '@mitra/contracts';

/**
 * The acting user, passed on to the services in every command.
 * Until sign-in lands (the api/web issue) every request acts as the demo administrator.
 */
export const demoAdministrator: Actor = { userId: 'demo-admin', role: 'admin' };

export const CurrentActor = createParamDecorator((): Actor => demoAdministrator);
