import { startSystem, type RunningSystem } from '../system';

declare global {
  var mitraSystem: RunningSystem | undefined;
}

export default async function globalSetup(): Promise<void> {
  const system = await startSystem({ externalMongoUrl: process.env.MONGO_URL });
  globalThis.mitraSystem = system;
  // Test workers start after this and inherit the environment.
  Object.assign(process.env, system.env);
}
