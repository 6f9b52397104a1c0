import * as net from 'node:net';
import { assertPortsFree, freePorts, PortInUseError } from './ports';

describe('ports', () => {
  it('names the busy port and the variable that moves it', async () => {
    const [port] = await freePorts(1);
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const check = assertPortsFree({ MITRA_NATS_PORT: port });
      await expect(check).rejects.toBeInstanceOf(PortInUseError);
      await expect(check).rejects.toThrow(`Port ${port} is already in use. Stop what uses it, or set MITRA_NATS_PORT to another port.`);
    } finally {
      blocker.close();
    }
  });

  it('hands out distinct free ports', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    await expect(assertPortsFree(Object.fromEntries(ports.map((p, i) => [`PORT_${i}`, p])))).resolves.toBeUndefined();
  });
});
