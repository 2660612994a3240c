"use client";
import { useState, type FormEvent } from "react";
import { authClient } from "../_ui/auth-client";
import { Button, Field, TextInput } from "../_ui/ui";

/**
 * Signs in through the auth API (its rate limits apply), then loads `destination` as a new page:
 * the server renders the page asked for straight away, with no stop at `/` on the way.
 */
export function SignInForm({ destination, expired }: { destination: string; expired: boolean }) {
  const [error, setError] = useState<string | null>(expired ? "Your session has ended: sign in again." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    if (error) {
      setPending(false);
      setError(error.status === 401 ? "Wrong email or password." : (error.message ?? "Sign-in failed."));
      return;
    }
    window.location.replace(destination);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <Field label="Email" htmlFor="email">
        <TextInput id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password" htmlFor="password">
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
