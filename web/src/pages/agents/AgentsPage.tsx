import { EmptyState } from '../../components/states';

export default function AgentsPage() {
  return <EmptyState title="Coming soon" />;
}
