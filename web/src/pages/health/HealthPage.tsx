import { EmptyState } from '../../components/states';

export default function HealthPage() {
  return <EmptyState title="Coming soon" />;
}
