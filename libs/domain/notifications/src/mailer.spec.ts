import net from 'node:net';
import nodemailer from 'nodemailer';
import type { AppConfig } from '@msc/config';
import { Mailer, SMTP_TIMEOUTS, smtpTransportOptions } from './mailer.js';

describe(Mailer.name, () => {
  let server: net.Server;
  let port: number;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    // Accepts connections and never greets: an SMTP server that hangs.
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const mailer = (url?: string) =>
    new Mailer({ SMTP_URL: url, SMTP_FROM: 'MSC <no-reply@example.org>' } as AppConfig);

  it('should bound every wait of the SMTP client unless the URL says otherwise', () => {
    const defaults = nodemailer.createTransport(smtpTransportOptions('smtp://127.0.0.1:2525'));
    expect(defaults.options).toMatchObject({ ...SMTP_TIMEOUTS, host: '127.0.0.1', port: 2525 });
    const tuned = nodemailer.createTransport(
      smtpTransportOptions('smtp://127.0.0.1:2525?socketTimeout=60000'),
    );
    expect(tuned.options).toMatchObject({ ...SMTP_TIMEOUTS, socketTimeout: 60_000 });
  });

  it('should fail, not hang, when the server never greets', async () => {
    const sut = mailer(`smtp://127.0.0.1:${port}?greetingTimeout=200`);
    await expect(sut.send({ to: 'a@example.org', subject: 'Hi', text: 'Hello' })).rejects.toThrow(
      /greeting/i,
    );
  });

  it('should send nothing and say so when no SMTP_URL is configured', async () => {
    const sut = mailer();
    expect(sut.enabled).toBe(false);
    await expect(sut.send({ to: 'a@example.org', subject: 'Hi', text: 'Hello' })).resolves.toBe(
      false,
    );
  });
});
