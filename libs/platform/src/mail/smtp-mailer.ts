import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { z } from 'zod';
import type { mailConfigSchema } from '../config';

export type MailConfig = z.infer<typeof mailConfigSchema>;

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  /**
   * The Message-ID (`<…@…>`): derive it from the event the message tells of, so a send repeated after a crash
   * can be recognised as the same message. A random one when omitted.
   */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
}

const lineLength = 76;
const replyTimeoutMs = 15_000;

/** Header values end at the line: a CR or LF in one would start a header (or the body) of someone else's choosing. */
function headerValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`The ${name} of an e-mail must be one line`);
  return value;
}

/** RFC 2047: a subject outside ASCII travels as UTF-8 in base64 encoded-words. */
function encodedSubject(subject: string): string {
  if (/^[\x20-\x7e]*$/.test(subject)) return subject;
  return `=?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`;
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  return encoded.match(new RegExp(`.{1,${lineLength}}`, 'g'))?.join('\r\n') ?? '';
}

/** The address inside `Name <address>`, or the whole value when it is a bare address. */
function addressOf(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}

function formatMessage(from: string, message: MailMessage, messageId: string, date = new Date()): string {
  return [
    `From: ${headerValue('sender', from)}`,
    `To: ${message.to.map((to) => headerValue('recipient', to)).join(', ')}`,
    `Subject: ${encodedSubject(headerValue('subject', message.subject))}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${headerValue('Message-ID', messageId)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.text),
  ].join('\r\n');
}

interface SmtpReply {
  code: number;
  text: string;
}

/** Reads SMTP replies (a code and its lines, `250-…` continuing and `250 …` ending one) from a socket. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  /** A reply can come before anyone waits for it (the greeting, right after connecting): it waits here. */
  private readonly replies: SmtpReply[] = [];
  private waiting?: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void };
  private failure?: Error;

  constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    // After STARTTLS the plain socket lives on under the TLS one: only the newest socket's events count.
    socket.on('data', (chunk: string) => {
      if (socket !== this.socket) return;
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        this.lines.push(line);
        if (line[3] !== '-') this.settle();
      }
    });
    socket.on('error', (error) => socket === this.socket && this.fail(error));
    socket.on(
      'close',
      () => socket === this.socket && this.fail(new Error('The SMTP server closed the connection')),
    );
  }

  private settle(): void {
    const lines = this.lines;
    this.lines = [];
    this.replies.push({
      code: Number(lines.at(-1)!.slice(0, 3)),
      text: lines.map((line) => line.slice(4)).join('\n'),
    });
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting.resolve(this.replies.shift()!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  next(): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The SMTP server did not answer in time')),
        replyTimeoutMs,
      );
      this.waiting = {
        resolve: (reply) => (clearTimeout(timer), resolve(reply)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
  }

  async command(line: string | undefined, expected: number): Promise<string> {
    const reply = this.next();
    if (line !== undefined) this.socket.write(`${line}\r\n`);
    const { code, text } = await reply;
    if (code !== expected)
      throw new Error(`The SMTP server answered ${code} ${text} to ${line?.split(' ')[0] ?? 'the greeting'}`);
    return text;
  }
}

function connected(url: URL): Promise<net.Socket> {
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host: url.hostname, port, servername: url.hostname }, () => resolve(socket))
      : net.connect({ host: url.hostname, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function upgradedToTls(socket: net.Socket, host: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({ socket, servername: host }, () => resolve(secured));
    secured.once('error', reject);
  });
}

/**
 * Sends e-mail over SMTP (RFC 5321): STARTTLS whenever the server offers it on smtp://, TLS from the start on
 * smtps://, and AUTH PLAIN when SMTP_URL carries a user — which is refused over an unencrypted connection.
 */
export class SmtpMailer {
  private readonly url: URL;

  constructor(private readonly config: MailConfig) {
    this.url = new URL(config.SMTP_URL);
  }

  async send(message: MailMessage): Promise<SentMail> {
    if (message.to.length === 0) throw new Error('An e-mail needs at least one recipient');
    const messageId =
      message.messageId ?? `<${randomUUID()}@${addressOf(this.config.MAIL_FROM).split('@')[1] ?? 'mitra'}>`;
    const content = formatMessage(this.config.MAIL_FROM, message, messageId);
    let socket = await connected(this.url);
    try {
      const replies = new ReplyReader(socket);
      await replies.command(undefined, 220);
      let features = await replies.command('EHLO mitra', 250);
      if (!(socket instanceof tls.TLSSocket) && /^STARTTLS$/im.test(features)) {
        await replies.command('STARTTLS', 220);
        socket = await upgradedToTls(socket, this.url.hostname);
        replies.attach(socket);
        features = await replies.command('EHLO mitra', 250);
      }
      if (this.url.username) {
        if (!(socket instanceof tls.TLSSocket))
          throw new Error('The SMTP server offers no TLS: refusing to send the password in the clear');
        const credentials = `\0${decodeURIComponent(this.url.username)}\0${decodeURIComponent(this.url.password)}`;
        await replies.command(`AUTH PLAIN ${Buffer.from(credentials, 'utf8').toString('base64')}`, 235);
      }
      await replies.command(`MAIL FROM:<${addressOf(this.config.MAIL_FROM)}>`, 250);
      for (const to of message.to) await replies.command(`RCPT TO:<${addressOf(to)}>`, 250);
      await replies.command('DATA', 354);
      // Base64 lines never start with a dot, so the body needs no dot-stuffing.
      await replies.command(`${content}\r\n.`, 250);
      await replies.command('QUIT', 221);
      return { messageId };
    } finally {
      socket.destroy();
    }
  }
}
