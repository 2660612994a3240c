"use client";
/**
 * Documents kept with the integration (partner API specs, sample files): upload, list, download,
 * delete. Bytes go over plain HTTP (`/api/integrations/<id>/attachments`), not tRPC, so a file is
 * sent as it is rather than as base64 in JSON.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "@/app/_ui/designer/modal";
import { formatBytes, formatTime } from "@/app/_ui/monitoring/format";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, EmptyState } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

type Message = { ok: boolean; text: string };

async function uploadFile(integrationId: string, file: File): Promise<void> {
  const url = `/api/integrations/${integrationId}/attachments?name=${encodeURIComponent(file.name)}`;
  const res = await fetch(url, { method: "POST", body: file, headers: { "content-type": file.type || "application/octet-stream" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new Error(`${file.name}: ${body?.error ?? `upload failed (${res.status})`}`);
  }
}

export function AttachmentsTab() {
  const { integrationId } = useDesigner();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.session.me.queryOptions());
  const canChange = me.data?.role === "admin" || me.data?.role === "builder";
  const list = useQuery(trpc.integrations.attachments.list.queryOptions({ id: integrationId }));
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirm, setConfirm] = useState<{ id: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.attachments.list.queryKey({ id: integrationId }) });
  const remove = useMutation(
    trpc.integrations.attachments.delete.mutationOptions({
      onSuccess: (r) => {
        setConfirm(null);
        setMessage({ ok: true, text: `Deleted ${r.name}.` });
        return refresh();
      },
      onError: (e) => setMessage({ ok: false, text: e.message }),
    }),
  );

  const upload = async (files: File[]) => {
    setUploading(true);
    setMessage(null);
    const failed: string[] = [];
    // one at a time: each file is its own request, so one refusal (too large) does not lose the others
    for (const file of files) await uploadFile(integrationId, file).catch((err: Error) => failed.push(err.message));
    await refresh();
    setUploading(false);
    const added = files.length - failed.length;
    setMessage(
      failed.length
        ? { ok: false, text: failed.join("; ") }
        : { ok: true, text: added === 1 ? `Uploaded ${files[0]!.name}.` : `Uploaded ${added} files.` },
    );
  };

  return (
    <section aria-label="Attachments" className="min-h-0 flex-1 space-y-4 overflow-auto p-6">
      <div className="flex items-center gap-4">
        <div className="flex-1">
          <h2 className="text-sm font-semibold text-slate-900">Attachments</h2>
          <p className="text-xs text-slate-500">
            Documents kept with this integration, stored in its database
            {list.data && <> — up to {formatBytes(list.data.maxBytes)} a file</>}.
          </p>
        </div>
        {canChange && (
          <label
            className={`inline-flex cursor-pointer items-center rounded-md px-3 py-1.5 text-sm font-medium text-white ${uploading ? "bg-brand-500/60" : "bg-brand-600 hover:bg-brand-700"}`}
          >
            {uploading ? "Uploading…" : "Upload files"}
            <input
              type="file"
              multiple
              aria-label="Files to attach"
              disabled={uploading}
              className="sr-only"
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = "";
                if (files.length) void upload(files);
              }}
            />
          </label>
        )}
      </div>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}>
          {message.text}
        </p>
      )}
      {list.error && (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      )}
      {list.data?.items.length === 0 && (
        <EmptyState title="No attachments yet.">
          Upload specifications, sample payloads or notes to keep them with the integration.
        </EmptyState>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table
          label="Attachments"
          framed
          rows={list.data.items}
          rowKey={(a) => a.id}
          columns={[
            { key: "name", header: "Name", cell: (a) => a.name, className: "font-medium break-all text-slate-900" },
            { key: "type", header: "Type", cell: (a) => a.contentType, className: "text-slate-600" },
            { key: "size", header: "Size", cell: (a) => formatBytes(a.size), className: "whitespace-nowrap text-slate-600" },
            {
              key: "uploaded",
              header: "Uploaded",
              className: "text-slate-600",
              cell: (a) => (
                <>
                  {formatTime(a.createdAt)}
                  {a.uploadedBy && <span className="block text-xs text-slate-400">{a.uploadedBy}</span>}
                </>
              ),
            },
            {
              key: "actions",
              header: "",
              align: "right",
              className: "whitespace-nowrap",
              cell: (a) => (
                <>
                  <a
                    href={`/api/integrations/${integrationId}/attachments/${a.id}`}
                    download={a.name}
                    className="font-medium text-brand-700 hover:underline"
                    aria-label={`Download ${a.name}`}
                  >
                    Download
                  </a>
                  {canChange && (
                    <button
                      type="button"
                      className="ml-4 font-medium text-red-700 hover:underline"
                      aria-label={`Delete ${a.name}`}
                      onClick={() => setConfirm({ id: a.id, name: a.name })}
                    >
                      Delete
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      {confirm && (
        <Modal title={`Delete ${confirm.name}?`} onClose={() => setConfirm(null)}>
          <p className="text-sm text-slate-700">The file is removed from this integration for everyone. This cannot be undone.</p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ integrationId, id: confirm.id })}>
              Delete attachment
            </Button>
          </div>
        </Modal>
      )}
    </section>
  );
}
