import { createApiClient } from './api-client';

let csrfToken: string | undefined;
let unauthenticated: () => void = () => undefined;
let stillProcessing: (processing: boolean) => void = () => undefined;

/** The session side of the api client: the shell sets the token on sign-in and decides what a 401 does. */
export const apiSession = {
  setCsrfToken(token: string | undefined): void {
    csrfToken = token;
  },
  onUnauthenticated(handler: () => void): void {
    unauthenticated = handler;
  },
  /** Shown while a command whose outcome is not yet known is sent again. */
  onStillProcessing(handler: (processing: boolean) => void): void {
    stillProcessing = handler;
  },
};

/** The one api client of the web app. */
export const api = createApiClient({
  csrfToken: () => csrfToken,
  onUnauthenticated: () => unauthenticated(),
  onStillProcessing: (processing) => stillProcessing(processing),
});
