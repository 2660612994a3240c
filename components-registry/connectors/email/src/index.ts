/**
 * Email over SMTP: send a message with text, HTML and attachments. It goes through the host's
 * `context.smtp` (one SMTP connection per execution and server, closed with the execution, under
 * the network policy), which checks the addresses and the message size before anything is sent.
 */
import { action, component, input, type MailAttachment } from "@junction/sdk";
import { smtpServer, toSmtpConnection } from "./connection";

/** "a@x.com, Name <b@y.org>" or a list of addresses; the host checks each */
function addressList(v: unknown): string | string[] {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((a) => typeof a === "string")) return v as string[];
  throw new Error("expected an email address, several separated by commas, or a list of them");
}

const addresses = (label: string, description: string, required = false) =>
  input({ label, type: "string", required, description, clean: addressList });

function attachmentList(v: unknown): MailAttachment[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((a, n) => {
    if (typeof a !== "object" || a === null || Array.isArray(a)) throw new Error(`item ${n} must be { filename, content, contentType? }`);
    const { filename, content, contentType } = a as Record<string, unknown>;
    if (typeof filename !== "string" || filename.trim() === "") throw new Error(`item ${n}: filename must be non-empty text`);
    let body: string | Uint8Array;
    if (typeof content === "string" || content instanceof Uint8Array) body = content;
    else if (content !== undefined && content !== null && typeof content === "object") body = JSON.stringify(content, null, 2);
    else throw new Error(`item ${n} (${filename}): content must be a file (bytes) or text`);
    const out: MailAttachment = { filename, content: body };
    if (typeof contentType === "string" && contentType !== "") out.contentType = contentType;
    return out;
  });
}

export default component({
  key: "email",
  label: "Email (SMTP)",
  description: "Send email with attachments through an SMTP server",
  category: "Communication",
  connections: [smtpServer],
  actions: {
    sendEmail: action({
      label: "Send Email",
      description:
        "Sends one message to its recipients; answers { messageId, accepted, rejected } (the recipients the server took and refused)",
      inputs: {
        connection: input({ label: "Connection", type: "credential", connection: smtpServer, required: true, clean: toSmtpConnection }),
        from: input({ label: "From", type: "string", required: true, description: 'e.g. "Shop <orders@shop.example>"' }),
        to: addresses("To", "one address, several separated by commas, or a list", true),
        cc: addresses("Cc", "one address, several separated by commas, or a list"),
        bcc: addresses("Bcc", "not shown to the other recipients"),
        replyTo: input({ label: "Reply-To", type: "string" }),
        subject: input({ label: "Subject", type: "string", required: true }),
        text: input({ label: "Text", type: "text", description: "the plain text body" }),
        html: input({
          label: "HTML",
          type: "code",
          language: "html",
          description: "the HTML body (shown instead of the text by mail programs that can)",
        }),
        attachments: input({
          label: "Attachments",
          type: "data",
          description: "a list of { filename, content (a file from an earlier step, or text), contentType? }",
          clean: attachmentList,
        }),
      },
      perform: async (context, i) => {
        if (i.text === undefined && i.html === undefined && (i.attachments ?? []).length === 0) {
          throw new Error("Give the message a Text or HTML body, or attachments");
        }
        const result = await context.smtp.send(i.connection, {
          from: i.from,
          to: i.to as string | string[],
          cc: i.cc,
          bcc: i.bcc,
          replyTo: i.replyTo,
          subject: i.subject,
          text: i.text,
          html: i.html,
          attachments: i.attachments,
        });
        return { data: result };
      },
    }),
  },
});
