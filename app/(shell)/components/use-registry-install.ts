"use client";
/** Installing by npm spec, refreshing what is installed and the registry's views afterwards. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_ui/trpc";

export function useRegistryInstall(onInstalled?: (r: { key: string; version: string }) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.components.registry.install.mutationOptions({
      onSuccess: async (r) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.components.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.components.registry.pathKey() }),
        ]);
        onInstalled?.(r);
      },
    }),
  );
}
