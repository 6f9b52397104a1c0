import type { Connection } from 'mongoose';

/** Drops a collection moved to the new layout; another replica may have dropped it first. */
export async function dropIfExists(connection: Connection, name: string): Promise<void> {
  try {
    await connection.db!.dropCollection(name);
  } catch (error) {
    if (!/not found|doesn't exist|does not exist/i.test(String((error as Error).message))) throw error;
  }
}
