import { PerKeySerialRunner } from './per-key-serial-runner';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('PerKeySerialRunner', () => {
  it('runs the tasks of one key in call order, never overlapping, even after a failure', async () => {
    const runner = new PerKeySerialRunner();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      if (fail) throw new Error(name);
    };
    const first = runner.run('mou-1', task('a', true));
    const second = runner.run('mou-1', task('b'));
    await expect(first).rejects.toThrow('a');
    await second;
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets tasks of different keys run side by side', async () => {
    const runner = new PerKeySerialRunner();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([runner.run('mou-1', task('a')), runner.run('mou-2', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });
});
