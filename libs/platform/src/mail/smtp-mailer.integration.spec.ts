import { randomUUID } from 'node:crypto';
import { systemEnv } from '@mitra/testing';
import { SmtpMailer } from './smtp-mailer';

interface MailpitAddress {
  Name: string;
  Address: string;
}
interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  From: MailpitAddress;
  To: MailpitAddress[];
}
interface MailpitMessage extends MailpitSummary {
  Text: string;
}

async function mailpit<T>(path: string): Promise<T> {
  const response = await fetch(`${systemEnv().MITRA_TEST_MAIL_UI_URL}/api/v1/${path}`);
  if (!response.ok) throw new Error(`Mailpit answered ${response.status} to ${path}`);
  return (await response.json()) as T;
}

describe('SmtpMailer, through the test system’s Mailpit', () => {
  const mailer = new SmtpMailer({ SMTP_URL: systemEnv().SMTP_URL, MAIL_FROM: 'Mitra <noreply@mitra.id>' });

  it('delivers a message in Bahasa Indonesia, with the Message-ID it was given, to every recipient', async () => {
    const messageId = `<event-${randomUUID()}@mitra.id>`;
    const subject = 'Tanda tangan diminta — MoU Desa Sukamaju';
    const text =
      'Yth. Ibu Sari,\nMoU menunggu tanda tangan Anda: http://127.0.0.1/kemitraan/p-1/mou\n.baris yang diawali titik';

    expect(
      await mailer.send({ to: ['Sari <sari@desa.id>', 'koordinator@mitra.id'], subject, text, messageId }),
    ).toEqual({ messageId });

    const { messages } = await mailpit<{ messages: MailpitSummary[] }>('messages');
    const summary = messages.find((message) => `<${message.MessageID}>` === messageId);
    expect(summary).toMatchObject({
      Subject: subject,
      From: { Name: 'Mitra', Address: 'noreply@mitra.id' },
      To: [
        { Name: 'Sari', Address: 'sari@desa.id' },
        { Name: '', Address: 'koordinator@mitra.id' },
      ],
    });
    const message = await mailpit<MailpitMessage>(`message/${summary!.ID}`);
    expect(message.Text.replace(/\r\n/g, '\n').trimEnd()).toBe(text);
  });

  it('refuses a subject that would smuggle in a header', async () => {
    await expect(
      mailer.send({ to: ['sari@desa.id'], subject: 'Laporan\r\nBcc: luar@example.org', text: '-' }),
    ).rejects.toThrow('The subject of an e-mail must be one line');
  });
});
