import { UpdateToLatest } from "./update-to-latest";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <UpdateToLatest id={id} />;
}
