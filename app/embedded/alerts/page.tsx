import { AlertsView } from "../_views/alerts-view";

export default function Page() {
  return <AlertsView />;
}
