"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { Button, TextInput } from "@/app/_ui/ui";

/** The customer's users (they sign in and see only this customer) and a form to add one. */
export function CustomerUsers({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.customers.users.queryOptions({ id: customerId }));
  const create = useMutation(
    trpc.customers.createUser.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customers.users.queryKey({ id: customerId }) }),
    }),
  );
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await create.mutateAsync({ customerId, ...form }).then(
      () => setForm({ name: "", email: "", password: "" }),
      () => {},
    );
  }
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold text-slate-500 uppercase">Customer users</h3>
      <ul className="text-sm text-slate-700">
        {users.data?.length === 0 && <li className="text-slate-500">No users yet.</li>}
        {users.data?.map((u) => (
          <li key={u.id}>
            {u.name} <span className="text-slate-500">&lt;{u.email}&gt;</span>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="grid max-w-3xl gap-2 sm:grid-cols-[1fr_1.5fr_1fr_auto]">
        <TextInput
          aria-label="User name"
          placeholder="Name"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextInput
          aria-label="User email"
          placeholder="Email"
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextInput
          aria-label="User password"
          placeholder="Password (8+)"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Add user
        </Button>
      </form>
      {create.error && (
        <p role="alert" className="text-xs text-red-600">
          {create.error.message}
        </p>
      )}
    </section>
  );
}
