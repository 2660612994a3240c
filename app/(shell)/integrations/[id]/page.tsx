import { Designer } from "./_designer/designer";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Designer id={id} />;
}
