"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_ui/trpc";

/** the organization's embedding settings, and a mutation that saves part of them */
export function useEmbeddingSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.embedding.settings.get.queryOptions());
  const update = useMutation(
    trpc.embedding.settings.update.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.embedding.settings.get.queryKey(), next),
    }),
  );
  return { settings, update };
}
