"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { UploadConfirm, type UploadPreview } from "./upload-confirm";

const MAX_BYTES = 10 * 1024 * 1024; // the server refuses larger uploads too

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Installs a package from a `.tgz`: the server reads the chosen file first (name, version,
 * actions) and the user confirms before anything is installed.
 */
export function UploadPackage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [chosen, setChosen] = useState<{ fileName: string; tgzBase64: string; preview: UploadPreview } | null>(null);
  const inspect = useMutation(trpc.components.inspect.mutationOptions({ onError: (e) => setMessage({ ok: false, text: e.message }) }));
  const install = useMutation(
    trpc.components.install.mutationOptions({
      onSuccess: (r) => {
        setChosen(null);
        setMessage({ ok: true, text: `Installed ${r.key}@${r.version}.` });
        return queryClient.invalidateQueries({ queryKey: trpc.components.list.queryKey() });
      },
    }),
  );
  async function choose(file: File) {
    setMessage(null);
    if (file.size > MAX_BYTES) return setMessage({ ok: false, text: `${file.name} is larger than 10 MB: choose a smaller package.` });
    const tgzBase64 = await toBase64(file);
    const preview = await inspect.mutateAsync({ tgzBase64 }).catch(() => null);
    if (preview) {
      install.reset();
      setChosen({ fileName: file.name, tgzBase64, preview });
    }
  }
  const busy = inspect.isPending || install.isPending;
  return (
    <Card title="Install a package">
      <label htmlFor="component-upload" className="block text-sm text-slate-600">
        A component package as a <code>.tgz</code> (<code>npm pack</code>), up to 10 MB. You see what it contains before it is installed.
      </label>
      <input
        id="component-upload"
        type="file"
        accept=".tgz,.tar.gz,application/gzip"
        disabled={busy}
        className="mt-2 text-sm"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void choose(file);
          e.target.value = "";
        }}
      />
      {inspect.isPending && <p className="mt-2 text-sm text-slate-500">Reading the package…</p>}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 text-sm ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </p>
      )}
      {chosen && (
        <UploadConfirm
          fileName={chosen.fileName}
          preview={chosen.preview}
          pending={install.isPending}
          error={install.error?.message}
          onConfirm={() => install.mutate({ tgzBase64: chosen.tgzBase64 })}
          onClose={() => setChosen(null)}
        />
      )}
    </Card>
  );
}
