"use client";
import { createContext, useContext, type ReactNode } from "react";

/** Whom an OAuth 2.0 connection made in a wizard is for: a customer's instance of an integration, or the designer's tests. */
export type ConnectionTarget = { integrationId: string; customerId: string } | { integrationId: string; test: true };

const Target = createContext<ConnectionTarget | null>(null);

export function ConnectionTargetProvider({ value, children }: { value: ConnectionTarget | null; children: ReactNode }) {
  return <Target.Provider value={value}>{children}</Target.Provider>;
}

export const useConnectionTarget = () => useContext(Target);
