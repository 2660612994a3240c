"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { authClient } from "@/app/_ui/auth-client";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, Field, TextInput } from "@/app/_ui/ui";

/** Accepts the invitation with a name and a password, then signs in with them. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.users.acceptInvitation.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name"));
    const password = String(form.get("password"));
    if (password !== String(form.get("repeat"))) {
      setError("The two passwords differ: type the same password twice.");
      return;
    }
    setError(null);
    try {
      await accept.mutateAsync({ token, name, password });
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    const signedIn = await authClient.signIn.email({ email, password });
    window.location.replace(signedIn.error ? "/sign-in" : "/");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <Field label="Email" htmlFor="email">
        <TextInput id="email" value={email} readOnly disabled />
      </Field>
      <Field label="Your name" htmlFor="name">
        <TextInput id="name" name="name" autoComplete="name" required />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 8 characters.">
        <TextInput id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
      </Field>
      <Field label="Password again" htmlFor="repeat">
        <TextInput id="repeat" name="repeat" type="password" autoComplete="new-password" minLength={8} required />
      </Field>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={accept.isPending}>
        {accept.isPending ? "Joining…" : "Join the team"}
      </Button>
    </form>
  );
}
