"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";

const MAX_BYTES = 10 * 1024 * 1024; // the server refuses larger uploads too

/** Installs a package from a `.tgz`, sent base64 in one mutation. */
export function UploadPackage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const install = useMutation(
    trpc.components.install.mutationOptions({
      onSuccess: (r) => {
        setMessage({ ok: true, text: `Installed ${r.key}@${r.version}.` });
        return queryClient.invalidateQueries({ queryKey: trpc.components.list.queryKey() });
      },
      onError: (e) => setMessage({ ok: false, text: e.message }),
    }),
  );
  async function upload(file: File) {
    if (file.size > MAX_BYTES) return setMessage({ ok: false, text: `${file.name} is larger than 10 MB` });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    setMessage(null);
    install.mutate({ tgzBase64: btoa(binary) });
  }
  return (
    <Card title="Install a package">
      <label htmlFor="component-upload" className="block text-sm text-slate-600">
        A component package as a <code>.tgz</code> (<code>npm pack</code>), up to 10 MB
      </label>
      <input
        id="component-upload"
        type="file"
        accept=".tgz,.tar.gz,application/gzip"
        disabled={install.isPending}
        className="mt-2 text-sm"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
          e.target.value = "";
        }}
      />
      {install.isPending && <p className="mt-2 text-sm text-slate-500">Installing…</p>}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      )}
    </Card>
  );
}
