"use client";
import { useState } from "react";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { useRegistryInstall } from "./use-registry-install";

/** `@scope/name@^1.2`, `name@latest` or an exact version, installed from the configured registry. */
export function InstallBySpec() {
  const [spec, setSpec] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const install = useRegistryInstall((r) => {
    setDone(`Installed ${r.key}@${r.version}.`);
    setSpec("");
  });
  return (
    <Card title="Install from the npm registry">
      <form
        className="flex items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          if (spec.trim()) install.mutate({ spec: spec.trim() });
        }}
      >
        <div className="flex-1">
          <Field
            label="Package"
            htmlFor="install-spec"
            hint="A name with a version, range or tag: @acme/crm@^1.2, acme-crm@latest"
            error={install.error?.message}
          >
            <TextInput id="install-spec" value={spec} placeholder="@scope/name@^1.0" onChange={(e) => setSpec(e.target.value)} />
          </Field>
        </div>
        <Button type="submit" className="mt-6" disabled={install.isPending || !spec.trim()}>
          {install.isPending ? "Installing…" : "Install"}
        </Button>
      </form>
      {done && (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {done}
        </p>
      )}
    </Card>
  );
}
