import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { attachments } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createIntegration } from "../integrations/create-integration";
import { deleteIntegration } from "../integrations/delete-integration";
import { forkIntegration } from "../integrations/fork-integration";
import { addAttachment } from "./add-attachment";
import { deleteAttachment } from "./delete-attachment";
import { getAttachment } from "./get-attachment";
import { listAttachments } from "./list-attachments";

let t: TestDatabase;
let integrationId: string;
let otherId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  integrationId = (await createIntegration(t.db, { name: "Attachments", userId: null })).id;
  otherId = (await createIntegration(t.db, { name: "Other", userId: null })).id;
});
afterAll(() => t.drop());

const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);

describe("attachments", () => {
  test("keeps the bytes, lists without them (newest first) and downloads them unchanged", async () => {
    const pdf = await addAttachment(t.db, {
      integrationId,
      name: "C:\\specs\\Partner API.pdf",
      contentType: "application/pdf",
      data: bytes,
      userId: null,
    });
    expect(pdf).toMatchObject({ name: "Partner API.pdf", contentType: "application/pdf", size: bytes.length });
    const notes = await addAttachment(t.db, {
      integrationId,
      name: "../notes.txt",
      contentType: "",
      data: Buffer.from("hello"),
      userId: null,
    });
    expect(notes.name).toBe("notes.txt");
    expect(notes.contentType).toBe("application/octet-stream");

    const list = await listAttachments(t.db, integrationId);
    expect(list.map((a) => a.name)).toEqual(["notes.txt", "Partner API.pdf"]);
    expect(list[0]).not.toHaveProperty("data");
    expect(await listAttachments(t.db, otherId)).toEqual([]);

    const file = await getAttachment(t.db, integrationId, pdf.id);
    expect(Buffer.compare(file.data, bytes)).toBe(0);
    expect(file).toMatchObject({ name: "Partner API.pdf", contentType: "application/pdf" });
  });

  test("refuses an empty file, a missing name and an unknown integration", async () => {
    await expect(addAttachment(t.db, { integrationId, name: "empty.txt", data: Buffer.alloc(0), userId: null })).rejects.toThrow(
      "the file is empty",
    );
    await expect(addAttachment(t.db, { integrationId, name: "dir/", data: bytes, userId: null })).rejects.toThrow("the file needs a name");
    await expect(
      addAttachment(t.db, { integrationId: "00000000-0000-4000-8000-000000000000", name: "a.txt", data: bytes, userId: null }),
    ).rejects.toThrow("integration not found");
  });

  test("an attachment is reached only through its own integration", async () => {
    const [first] = await listAttachments(t.db, integrationId);
    await expect(getAttachment(t.db, otherId, first!.id)).rejects.toThrow("attachment not found");
    await expect(deleteAttachment(t.db, otherId, first!.id)).rejects.toThrow("attachment not found");
    expect(await listAttachments(t.db, integrationId)).toHaveLength(2);
  });

  test("a fork copies the attachments; deleting one integration leaves the other's", async () => {
    const fork = await forkIntegration(t.db, { id: integrationId, name: "Attachments fork", userId: null });
    const copied = await listAttachments(t.db, fork.id);
    expect(copied.map((a) => a.name)).toEqual(["notes.txt", "Partner API.pdf"]);
    const pdf = copied.find((a) => a.name === "Partner API.pdf")!;
    expect(Buffer.compare((await getAttachment(t.db, fork.id, pdf.id)).data, bytes)).toBe(0);

    await deleteIntegration(t.db, fork.id);
    expect(await t.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.integrationId, fork.id))).toEqual([]);
    expect(await listAttachments(t.db, integrationId)).toHaveLength(2);
  });

  test("delete removes it", async () => {
    const [first] = await listAttachments(t.db, integrationId);
    expect(await deleteAttachment(t.db, integrationId, first!.id)).toEqual({ id: first!.id, name: first!.name });
    expect((await listAttachments(t.db, integrationId)).map((a) => a.id)).not.toContain(first!.id);
    await expect(deleteAttachment(t.db, integrationId, first!.id)).rejects.toThrow("attachment not found");
  });
});
