"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { authClient } from "../_ui/auth-client";
import { AuthCard } from "../_ui/auth-card";
import { useTRPC } from "../_ui/trpc";
import { Button, Field, TextInput } from "../_ui/ui";

export default function SetupPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const status = useQuery(trpc.session.setupStatus.queryOptions());
  const create = useMutation(trpc.session.createFirstAdmin.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (status.data && !status.data.needsFirstAdmin) router.replace("/sign-in");
  }, [status.data, router]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
    setError(null);
    try {
      await create.mutateAsync(input);
      await authClient.signIn.email({ email: input.email, password: input.password });
      router.replace("/");
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <AuthCard
      title="Create the first administrator"
      subtitle="This Junction has no users yet. The account you create here can add everyone else."
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" htmlFor="name">
          <TextInput id="name" name="name" required />
        </Field>
        <Field label="Email" htmlFor="email">
          <TextInput id="email" name="email" type="email" required />
        </Field>
        <Field label="Password" htmlFor="password" hint="At least 8 characters.">
          <TextInput id="password" name="password" type="password" minLength={8} required />
        </Field>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={create.isPending}>
          Create administrator
        </Button>
      </form>
    </AuthCard>
  );
}
