import { Types } from 'mongoose';
import { QueryPlanRecorder, systemEnv, unindexedPlans } from '@mitra/testing';
import { UserRecord, UserSchema } from '../users/user.schema';
import { UsersRepository } from '../users/users.repository';
import { SessionRecord, SessionSchema } from './session.schema';
import { SessionsRepository } from './sessions.repository';

/**
 * Every authenticated request looks its session and its user up: a guard that those reads, and the
 * session sweep, stay served by indexes on the embedded database.
 */
describe('session lookup', () => {
  let recorder: QueryPlanRecorder;
  let sessions: SessionsRepository;
  let users: UsersRepository;

  beforeAll(async () => {
    recorder = await QueryPlanRecorder.connect(systemEnv().MONGO_URL, `mitra_session_plans_${Date.now()}`);
    sessions = new SessionsRepository(recorder.connection.model(SessionRecord.name, SessionSchema));
    users = new UsersRepository(recorder.connection.model(UserRecord.name, UserSchema));
    await Promise.all([sessions.onModuleInit(), users.onModuleInit()]);
  });

  afterAll(async () => {
    await recorder.connection.dropDatabase();
    await recorder.close();
  });

  it('finds, extends and sweeps sessions and finds their user through indexes', async () => {
    const now = new Date();
    const user = await users.insert({
      email: `plans-${Date.now()}@mitra.test`,
      name: 'Plan Check',
      role: 'auditor',
      passwordHash: 'not-a-hash',
      disabled: false,
      createdAt: now,
      createdBy: 'test',
      updatedAt: now,
      updatedBy: 'test',
    });
    const userId = user._id.toString();
    for (let i = 0; i < 50; i++)
      await sessions.insert({
        _id: `session-${i}`,
        userId: new Types.ObjectId().toString(),
        csrfToken: 'x',
        createdAt: now,
        expiresAt: new Date(now.getTime() + i * 60_000),
      });

    const plans = await recorder.plansOf(async () => {
      expect(await sessions.find('session-7')).toMatchObject({ _id: 'session-7' });
      expect(await users.findById(userId)).toMatchObject({ name: 'Plan Check' });
      expect(await users.findByEmail(user.email)).toMatchObject({ name: 'Plan Check' });
      await sessions.extend('session-7', new Date(now.getTime() + 3_600_000));
      expect(await sessions.deleteExpired(new Date(now.getTime() + 5 * 60_000))).toBe(6);
      await sessions.deleteAllOf(userId);
    });

    expect(plans.length).toBeGreaterThanOrEqual(6);
    expect(unindexedPlans(plans)).toEqual([]);
  });
});
