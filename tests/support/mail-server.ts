import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The whole message as it arrived, headers and encoded parts included. */
  raw: string;
}

export interface MailServer {
  /** SMTP_URL for the app. */
  url: string;
  received: ReceivedMail[];
  /** Waits until `count` messages have arrived to `to` (or anyone), failing after `ms`. */
  waitFor(count: number, to?: string, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process (the `smtp-server` package): the app sends to it as to any mail server. */
export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (mail) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "", raw });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const matching = (to?: string) => received.filter((m) => to === undefined || m.to.includes(to));
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    async waitFor(count, to, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (matching(to).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s)${to ? ` to ${to}` : ""}, got ${matching(to).length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return matching(to);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
