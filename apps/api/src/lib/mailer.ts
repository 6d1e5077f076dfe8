import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Email over SMTP when SMTP_URL is set; otherwise each message is written whole (headers, plain
 * text and HTML parts) as a .eml file under DATA_DIR/mail, where a developer can open it, so the
 * app runs with no mail server at all.
 */
export function createMailer(settings: { smtpUrl: string | undefined; from: string; dataDir: string }): Mailer {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: settings.from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const folder = path.resolve(settings.dataDir, "mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const { message } = await transport.sendMail({ from: settings.from, ...mail });
      await mkdir(folder, { recursive: true });
      // Sortable by time; the random part keeps two messages in one millisecond apart.
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}.eml`;
      await writeFile(path.join(folder, name), message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}
