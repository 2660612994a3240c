import { Reconfigure } from "./reconfigure";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Reconfigure id={id} />;
}
