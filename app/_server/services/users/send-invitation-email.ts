/**
 * Mails an invitation link when SMTP is configured (JUNCTION_SMTP_URL, the same setting alert
 * e-mails use); without it the link is only shown to the administrator, who passes it on.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { ROLE_LABELS } from "./role-labels";
import type { TeamRole } from "@/db/schema";

let transport: { url: string; transporter: Transporter } | undefined;

export type InvitationDelivery = { sent: true } | { sent: false; reason: string };

export async function sendInvitationEmail(input: {
  to: string;
  url: string;
  role: TeamRole;
  invitedBy: string;
  expiresAt: Date;
}): Promise<InvitationDelivery> {
  const smtp = process.env.JUNCTION_SMTP_URL;
  if (!smtp) return { sent: false, reason: "SMTP is not configured: copy the link and send it yourself" };
  if (transport?.url !== smtp) {
    transport = {
      url: smtp,
      transporter: nodemailer.createTransport({ url: smtp, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 10_000 }),
    };
  }
  try {
    await transport.transporter.sendMail({
      from: process.env.JUNCTION_SMTP_FROM ?? "Junction <junction@localhost>",
      to: input.to,
      subject: `${input.invitedBy} invited you to Junction`,
      text: [
        `${input.invitedBy} invited you to join their team on Junction as ${ROLE_LABELS[input.role].toLowerCase()}.`,
        "",
        `Open this link to choose your name and password: ${input.url}`,
        "",
        `The link works once, until ${input.expiresAt.toUTCString()}.`,
      ].join("\n"),
    });
    return { sent: true };
  } catch (err) {
    return { sent: false, reason: `the e-mail could not be sent (${(err as Error).message}): copy the link and send it yourself` };
  }
}
